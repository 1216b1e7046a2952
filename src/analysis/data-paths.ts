/**
 * Reading variable paths in TemplateData samples, as Handlebars would at render time: `EACH` visits every
 * element, `SECTION` the elements of a list or the value itself, `.length` of a list or string is a number,
 * and conditions (`{{#if}}`, `{{#unless}}`, `{{else}}`) are evaluated per element, so
 * `{{#each items}}{{#if sale}}{{salePrice}}{{/if}}{{/each}}` only needs salePrice where sale is truthy.
 * Bounded: at most `limit` values are followed per reference.
 */
import { EACH, SECTION, type Guard, type VarRef } from './variables.js';
import type { TemplateDoc } from './template-doc.js';
import { isPlainObject } from '../parse/json.js';
import { Memo } from '../core/memo.js';

export type Concrete = (string | number)[];

export interface Found {
  value: unknown;
  at: Concrete;
}

export interface Missing {
  /** Index of the first path segment that could not be read. */
  index: number;
  /** Concrete path of the value that lacks it (e.g. ['items', 2]). */
  at: Concrete;
  container: unknown;
  why: 'absent' | 'null' | 'not-object';
}

export interface LookupResult {
  found: Found[];
  missing: Missing[];
  /** Values #each (or `EACH`) met that are neither lists nor objects. */
  notList: Found[];
}

export { isPlainObject };

/** Handlebars truthiness (an empty list is falsy). */
export function truthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  return !!v;
}

function step(value: unknown, seg: string): { ok: true; value: unknown; key: string | number } | { ok: false; why: Missing['why'] } {
  if (isPlainObject(value)) {
    if (Object.prototype.hasOwnProperty.call(value, seg)) return { ok: true, value: value[seg], key: seg };
    return { ok: false, why: 'absent' };
  }
  if (Array.isArray(value)) {
    if (seg === 'length') return { ok: true, value: value.length, key: seg };
    if (/^\d+$/.test(seg)) {
      const i = Number(seg);
      return i < value.length ? { ok: true, value: value[i], key: i } : { ok: false, why: 'absent' };
    }
    return { ok: false, why: 'not-object' };
  }
  if (typeof value === 'string' && seg === 'length') return { ok: true, value: value.length, key: seg };
  if (value === null || value === undefined) return { ok: false, why: 'null' };
  return { ok: false, why: 'not-object' };
}

/** The value at a path without EACH/SECTION segments, or undefined. */
export function valueAt(root: unknown, path: readonly string[]): unknown {
  let v = root;
  for (const seg of path) {
    const r = step(v, seg);
    if (!r.ok) return undefined;
    v = r.value;
  }
  return v;
}

function commonPrefix(a: readonly string[], b: readonly string[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * Follow a reference's path in one sample. Values whose guards fail are dropped (that branch does not
 * render); a value missing where a guard tests the same path is not "missing" (the guard is falsy).
 */
export function lookupRef(root: unknown, ref: Pick<VarRef, 'path' | 'guards'>, limit = 500): LookupResult {
  const { path } = ref;
  // Guards we can evaluate: the part after the shared prefix has no list steps.
  const guards = ref.guards
    .filter((g): g is Guard & { truthy: boolean } => g.truthy !== null)
    .map((g) => ({ g, at: commonPrefix(g.path, path) }))
    .filter(({ g, at }) => !g.path.slice(at).some((s) => s === EACH || s === SECTION));
  const out: LookupResult = { found: [], missing: [], notList: [] };
  let items: Found[] = [{ value: root, at: [] }];
  const applyGuards = (k: number) => {
    for (const { g, at } of guards) {
      if (at !== k) continue;
      items = items.filter((it) => truthy(valueAt(it.value, g.path.slice(at))) === g.truthy);
    }
  };
  applyGuards(0);
  for (let i = 0; i < path.length && items.length; i++) {
    const seg = path[i]!;
    const next: Found[] = [];
    for (const it of items) {
      if (next.length >= limit) break;
      if (seg === EACH || seg === SECTION) {
        if (Array.isArray(it.value)) it.value.slice(0, limit).forEach((v, j) => next.push({ value: v, at: [...it.at, j] }));
        else if (seg === EACH && isPlainObject(it.value)) for (const [k, v] of Object.entries(it.value).slice(0, limit)) next.push({ value: v, at: [...it.at, k] });
        else if (seg === SECTION) {
          if (truthy(it.value)) next.push(it);
        } else if (it.value !== null && it.value !== undefined && it.value !== false) out.notList.push(it);
        continue;
      }
      const r = step(it.value, seg);
      if (r.ok) {
        next.push({ value: r.value, at: [...it.at, r.key] });
        continue;
      }
      // A guard testing this very value (or a deeper one) makes the branch not render: not missing.
      const prefix = path.slice(0, i + 1);
      const covered = guards.some(({ g }) => g.truthy && g.path.length >= prefix.length && commonPrefix(g.path, prefix) === prefix.length);
      if (!covered && out.missing.length < limit) out.missing.push({ index: i, at: it.at, container: it.value, why: r.why });
    }
    items = next;
    applyGuards(i + 1);
  }
  out.found = items;
  return out;
}

/** `items[2].price` */
export function concreteToString(at: Concrete): string {
  let s = '';
  for (const k of at) s += typeof k === 'number' ? `[${k}]` : /^[A-Za-z_$][\w$]*$/.test(k) ? (s ? `.${k}` : k) : `[${JSON.stringify(k)}]`;
  return s;
}

/** The data file's samples with their JSON paths (a data file may hold one object or an array of them). */
export function samplePaths(samples: readonly unknown[], dataValue: unknown): { sample: unknown; base: Concrete; index: number }[] {
  const many = Array.isArray(dataValue);
  return samples.map((sample, index) => ({ sample, base: many ? [index] : [], index }));
}

const lookupCache = new Memo<TemplateDoc, { byKey: Map<string, LookupResult>; bySample: Map<number, Map<object, LookupResult>> }>();

/**
 * lookupRef memoised per TemplateDoc, sample and (path, guards): rules that read the same references
 * (missing, null, object, list checks) share one walk, and a variable repeated a thousand times is walked once.
 * Each reference object is also kept per sample, so that the rules after the first find its result without
 * building its key again.
 */
export function lookupCached(doc: TemplateDoc, sampleIndex: number, sample: unknown, ref: Pick<VarRef, 'path' | 'guards'>): LookupResult {
  let cache = lookupCache.get(doc);
  if (!cache) lookupCache.set(doc, (cache = { byKey: new Map(), bySample: new Map() }));
  let byRef = cache.bySample.get(sampleIndex);
  if (!byRef) cache.bySample.set(sampleIndex, (byRef = new Map()));
  const known = byRef.get(ref);
  if (known) return known;
  const key = `${sampleIndex}\u0001${ref.path.join('\u0000')}\u0001${ref.guards.map((g) => `${g.truthy}:${g.path.join('\u0000')}`).join('\u0002')}`;
  let r = cache.byKey.get(key);
  if (!r) {
    r = lookupRef(sample, ref);
    cache.byKey.set(key, r);
  }
  byRef.set(ref, r);
  return r;
}
