/**
 * parse/json.ts gives JSON values whose objects have no prototype, so that a key such as `constructor` or
 * `toString` never resolves to a member of Object.prototype in our own code. Third-party code expects
 * ordinary objects: Handlebars prints them with their `toString`, and the deep equality ajv uses for
 * `enum`, `const` and `uniqueItems` (fast-deep-equal) calls `a.valueOf()`, which is not a function on an
 * object without a prototype. Such code gets a plain copy (`plainCopy`); our own code compares with
 * `jsonEqual`, which reads own keys only.
 */
import { Memo } from '../core/memo.js';

/**
 * An equal JSON value whose objects are ordinary ones (Object.prototype), memoised per object: Handlebars,
 * ajv and the helpers here never change the data they read, so every reader of one review shares the copy.
 * A JSON round trip keeps a "__proto__" key an own property.
 */
export function plainCopy<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  let plain = copies.get(value);
  if (plain === undefined) {
    try {
      plain = JSON.parse(JSON.stringify(value)) as unknown;
    } catch {
      plain = value; // not JSON (a cycle): nothing parse/json.ts makes
    }
    copies.set(value, plain);
  }
  return plain as T;
}
const copies = new Memo<object, unknown>();

const own = Object.prototype.hasOwnProperty;

/**
 * JSON Schema equality of two JSON values (what `enum`, `const` and `uniqueItems` test): same type, arrays
 * item by item, objects with the same own keys and equal values, whatever the keys are called and whatever
 * the objects' prototypes. On ordinary objects it answers as ajv's fast-deep-equal; it also answers, rather
 * than throws or misjudges, objects without a prototype and keys named `valueOf`, `toString` or `constructor`.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const array = Array.isArray(a);
  if (array !== Array.isArray(b)) return false;
  if (array) {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!jsonEqual(x[i], y[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  for (const k of keys) if (!own.call(y, k) || !jsonEqual(x[k], y[k])) return false;
  return true;
}
