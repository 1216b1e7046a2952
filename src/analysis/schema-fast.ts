/**
 * Is a TemplateData sample valid? Answered without compiling the schema, for schemas written with the common
 * keywords only (types, properties, required, additionalProperties, items, lengths, bounds, pattern, format,
 * enum, const, allOf/anyOf/oneOf/not, references to the root's definitions): ajv generates and evaluates code for every schema it compiles, which cost more than the
 * rest of a data review (about a millisecond per schema, and a bundle's schema is new to the engine in most
 * reviews of a batch or a service). Samples are nearly always valid; when one is not, the caller compiles
 * the schema with ajv after all, for its errors (the findings come from ajv alone).
 *
 * `fastValidity` answers only for schemas it knows ajv compiles without error and judges as it does: every
 * keyword in the subset, `$ref` only alone and to a definition of the root (`#/$defs/name`), no `$id` below the
 * root, no conditionals (if/then/else), formats ajv-formats knows, patterns
 * that compile with the `u` flag (ajv's `unicodeRegExp`). Anything else: undefined, and ajv does the work.
 * Each check mirrors the condition ajv's generated code tests (its `strictNumbers` type checks, own properties
 * for present and additional ones (`ownProperties`), code-point lengths, deep-equal enums: `jsonEqual`, which
 * answers as ajv's fast-deep-equal does on the plain copies ajv is given, and also on prototype-less objects);
 * test/analysis/schema-fast.test.ts compares the two on the samples' schemas and mutations of their data.
 */
import { requireDependency } from '../core/cjs.js';
import { jsonEqual } from './plain-json.js';

type Check = (data: unknown) => boolean;
type Draft = '2020' | '2019' | '07';

/** Keywords that only annotate (ajv compiles nothing for them). */
const ANNOTATIONS = new Set(['title', 'description', '$comment', 'examples', 'default', 'deprecated', 'readOnly', 'writeOnly']);
const SUPPORTED = new Set([
  ...ANNOTATIONS,
  'type',
  'properties',
  'required',
  'additionalProperties',
  'minProperties',
  'maxProperties',
  'items',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'enum',
  'const',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
]);
/** Keywords only the root may hold (the dialect, the schema's own id, its definitions). */
const ROOT_ONLY = new Set(['$schema', '$id', '$defs']);
const ROOT_ONLY_07 = new Set(['$schema', '$id', 'definitions']);

interface FormatDef {
  type?: string;
  validate?: RegExp | ((s: unknown) => boolean) | true;
  async?: boolean;
}

let formats: Record<string, RegExp | ((s: unknown) => boolean) | FormatDef | true> | undefined;
let ucs2length: ((s: string) => number) | undefined;

function deps() {
  // ajv-formats' full formats are what addFormats(ajv) registers (schema.ts); ajv's own runtime helpers.
  formats ??= (requireDependency('ajv-formats/dist/formats.js') as { fullFormats: typeof formats }).fullFormats;
  ucs2length ??= (requireDependency('ajv/dist/runtime/ucs2length.js') as { default: (s: string) => number }).default;
}

class Unsupported extends Error {}

/**
 * A function that tells whether data is valid against `root`, exactly as ajv's validator compiled with
 * schema.ts's options would, or undefined when the schema uses anything outside the subset.
 */
export function fastValidity(root: unknown, draft: Draft): Check | undefined {
  deps();
  try {
    const ctx: Ctx = { draft, defs: new Map() };
    // Definitions (at the root only) are built first, each once; a `$ref` alone in a schema points at one.
    const container = draft === '07' ? 'definitions' : '$defs';
    if (isObj(root) && root[container] !== undefined) {
      const defs = root[container];
      if (!isObj(defs)) throw new Unsupported();
      for (const name of Object.keys(defs)) buildDef(ctx, defs, name);
    }
    return build(root, ctx, true, 0);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

interface Ctx {
  draft: Draft;
  /** Built definitions by name; null while one is being built (a reference to it then is a cycle). */
  defs: Map<string, Check | null>;
  defsOf?: Record<string, unknown>;
}

function buildDef(ctx: Ctx, defs: Record<string, unknown>, name: string): Check {
  ctx.defsOf = defs;
  const have = ctx.defs.get(name);
  if (have) return have;
  if (have === null || !Object.prototype.hasOwnProperty.call(defs, name)) throw new Unsupported(); // recursive, or missing
  ctx.defs.set(name, null);
  const check = build(defs[name], ctx, false, 0);
  ctx.defs.set(name, check);
  return check;
}

/** `#/$defs/name` (draft-07: `#/definitions/name`) with a plain name: the definition's check. */
function buildRef(ref: unknown, ctx: Ctx): Check {
  const container = ctx.draft === '07' ? 'definitions' : '$defs';
  const m = typeof ref === 'string' ? /^#\/([^/]+)\/([\w-]+)$/.exec(ref) : null;
  if (!m || m[1] !== container || !ctx.defsOf) throw new Unsupported();
  return buildDef(ctx, ctx.defsOf, m[2]!);
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function typeCheck(t: string): Check {
  switch (t) {
    case 'null':
      return (d) => d === null;
    case 'array':
      return (d) => Array.isArray(d);
    case 'object':
      return (d) => !!d && typeof d === 'object' && !Array.isArray(d);
    case 'integer':
      return (d) => typeof d === 'number' && !(d % 1) && !isNaN(d) && isFinite(d);
    case 'number':
      return (d) => typeof d === 'number' && isFinite(d);
    case 'string':
    case 'boolean':
      return (d) => typeof d === t;
    default:
      throw new Unsupported();
  }
}

// The data type groups ajv runs keywords in: a keyword applies only to data of its group's type.
const isNumber = (d: unknown): d is number => typeof d === 'number' && isFinite(d);
const isString = (d: unknown): d is string => typeof d === 'string';
const isArray = (d: unknown): d is unknown[] => Array.isArray(d);
const isObject = (d: unknown): d is Record<string, unknown> => !!d && typeof d === 'object' && !Array.isArray(d);

function build(schema: unknown, ctx: Ctx, atRoot: boolean, depth: number): Check {
  if (schema === true) return () => true;
  if (schema === false) return () => false;
  if (!isObj(schema) || depth > 64) throw new Unsupported();
  const keys = Object.keys(schema);
  // A reference alone (draft-07 ignores a $ref's siblings, 2019+ applies them: alone, both agree).
  if (keys.length === 1 && keys[0] === '$ref') return buildRef(schema.$ref, ctx);
  const rootOnly = atRoot ? (ctx.draft === '07' ? ROOT_ONLY_07 : ROOT_ONLY) : undefined;
  for (const k of keys) if (!SUPPORTED.has(k) && !rootOnly?.has(k)) throw new Unsupported();
  // A root id as schemas write it (an http(s) URL); ajv resolves anything else its own way.
  if (atRoot && schema.$id !== undefined && !(typeof schema.$id === 'string' && /^https?:\/\/[^\s#]+#?$/.test(schema.$id))) throw new Unsupported();
  const checks: Check[] = [];
  const s = schema;

  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as unknown[]) : [s.type];
    if (!types.length || !types.every((t): t is string => typeof t === 'string')) throw new Unsupported();
    const tests = types.map(typeCheck);
    checks.push(tests.length === 1 ? tests[0]! : (d) => tests.some((t) => t(d)));
  }

  // number group
  for (const [k, fail] of [
    ['minimum', (d: number, n: number) => d < n],
    ['maximum', (d: number, n: number) => d > n],
    ['exclusiveMinimum', (d: number, n: number) => d <= n],
    ['exclusiveMaximum', (d: number, n: number) => d >= n],
  ] as const) {
    if (s[k] === undefined) continue;
    const n = s[k];
    if (typeof n !== 'number') throw new Unsupported();
    checks.push((d) => !isNumber(d) || !fail(d, n));
  }

  // string group
  for (const [k, fail] of [
    ['minLength', (len: number, n: number) => len < n],
    ['maxLength', (len: number, n: number) => len > n],
  ] as const) {
    if (s[k] === undefined) continue;
    const n = s[k];
    if (typeof n !== 'number') throw new Unsupported();
    const length = ucs2length!;
    checks.push((d) => !isString(d) || !fail(length(d), n));
  }
  if (s.pattern !== undefined) {
    if (typeof s.pattern !== 'string') throw new Unsupported();
    let re: RegExp;
    try {
      re = new RegExp(s.pattern, 'u');
    } catch {
      throw new Unsupported(); // ajv's compile fails: it reports that
    }
    checks.push((d) => !isString(d) || re.test(d));
  }
  if (s.format !== undefined) {
    if (typeof s.format !== 'string') throw new Unsupported();
    const def = Object.prototype.hasOwnProperty.call(formats, s.format) ? formats![s.format] : undefined;
    if (def === undefined) throw new Unsupported(); // unknown format: ajv's strict mode refuses the schema
    if (def !== true) {
      const obj = typeof def === 'object' && !(def instanceof RegExp) ? def : undefined;
      if (obj?.async) throw new Unsupported();
      const fmtType = obj ? (obj.type ?? 'string') : 'string';
      const test = obj ? obj.validate : (def as RegExp | ((s: unknown) => boolean));
      if (test !== undefined && test !== true) {
        const ok: Check = typeof test === 'function' ? (d) => !!test(d) : (d) => test.test(d as string);
        if (fmtType === 'string') checks.push((d) => !isString(d) || ok(d));
        else if (fmtType === 'number') checks.push((d) => !isNumber(d) || ok(d));
        else throw new Unsupported();
      }
    }
  }

  // array group
  for (const [k, fail] of [
    ['minItems', (len: number, n: number) => len < n],
    ['maxItems', (len: number, n: number) => len > n],
  ] as const) {
    if (s[k] === undefined) continue;
    const n = s[k];
    if (typeof n !== 'number') throw new Unsupported();
    checks.push((d) => !isArray(d) || !fail(d.length, n));
  }
  if (s.items !== undefined) {
    if (Array.isArray(s.items)) throw new Unsupported(); // tuples (draft-07)
    const item = build(s.items, ctx, false, depth + 1);
    checks.push((d) => !isArray(d) || d.every((x) => item(x)));
  }

  // object group
  for (const [k, fail] of [
    ['minProperties', (len: number, n: number) => len < n],
    ['maxProperties', (len: number, n: number) => len > n],
  ] as const) {
    if (s[k] === undefined) continue;
    const n = s[k];
    if (typeof n !== 'number') throw new Unsupported();
    checks.push((d) => !isObject(d) || !fail(Object.keys(d).length, n));
  }
  if (s.required !== undefined) {
    if (!Array.isArray(s.required) || !s.required.every((r) => typeof r === 'string')) throw new Unsupported();
    const required = s.required as string[];
    checks.push((d) => !isObject(d) || required.every((p) => d[p] !== undefined));
  }
  let declared: Record<string, unknown> = {};
  if (s.properties !== undefined) {
    if (!isObj(s.properties)) throw new Unsupported();
    // ajv leaves a property named __proto__ out of some of its checks and not others: its own business.
    if (Object.prototype.hasOwnProperty.call(s.properties, '__proto__')) throw new Unsupported();
    declared = s.properties;
    const props = Object.keys(s.properties).map((p) => [p, build(declared[p], ctx, false, depth + 1)] as const);
    checks.push((d) => !isObject(d) || props.every(([p, check]) => d[p] === undefined || check(d[p])));
  }
  if (s.additionalProperties !== undefined) {
    const extra = build(s.additionalProperties, ctx, false, depth + 1);
    const own = Object.prototype.hasOwnProperty;
    checks.push((d) => {
      if (!isObject(d)) return true;
      for (const key in d) if (!own.call(declared, key) && !extra(d[key])) return false;
      return true;
    });
  }

  if (s.enum !== undefined) {
    if (!Array.isArray(s.enum) || s.enum.length === 0) throw new Unsupported(); // ajv refuses an empty enum
    const values = s.enum as unknown[];
    const eq = jsonEqual;
    checks.push((d) => values.some((v) => (typeof v === 'object' && v !== null ? eq(d, v) : d === v)));
  }
  if (s.const !== undefined) {
    const v = s.const;
    const eq = jsonEqual;
    checks.push(typeof v === 'object' && v !== null ? (d) => eq(d, v) : (d) => d === v);
  }

  // Combinators: only whether the data is valid matters here (ajv's errors come from ajv).
  for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
    if (s[k] === undefined) continue;
    const list = s[k];
    if (!Array.isArray(list) || list.length === 0) throw new Unsupported();
    const subs = list.map((x) => build(x, ctx, false, depth + 1));
    if (k === 'allOf') checks.push((d) => subs.every((c) => c(d)));
    else if (k === 'anyOf') checks.push((d) => subs.some((c) => c(d)));
    else
      checks.push((d) => {
        let n = 0;
        for (const c of subs) if (c(d) && ++n > 1) return false;
        return n === 1;
      });
  }
  if (s.not !== undefined) {
    const sub = build(s.not, ctx, false, depth + 1);
    checks.push((d) => !sub(d));
  }

  if (checks.length === 0) return () => true;
  if (checks.length === 1) return checks[0]!;
  return (d) => checks.every((c) => c(d));
}
