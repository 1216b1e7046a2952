/**
 * Which data paths the template uses: a field is used when a reference goes through it (`user` in
 * `{{user.name}}`, or `{{#if user}}`) or when a reference takes a whole value (`{{json user}}`, `{{this}}`).
 * Shared by the "unused data field" and "unused schema property" checks.
 */
import { EACH, SECTION, type VarRef } from './variables.js';
import { Memo } from '../core/memo.js';

/** Uses that consume the whole value, not just test or enter it. */
const WHOLE = new Set<VarRef['use']>(['print', 'raw', 'param', 'lookup']);

type Rel = 'through' | 'under' | 'none';

/** How a reference pattern relates to a concrete data path (numbers are list indexes; EACH also matches object keys). */
export function relation(pattern: readonly string[], data: readonly (string | number)[]): Rel {
  // Iterative search over (i, j) states; SECTION may consume a list index or nothing.
  const stack: [number, number][] = [[0, 0]];
  let best: Rel = 'none';
  let guard = 0;
  while (stack.length && guard++ < 10_000) {
    const [i, j] = stack.pop()!;
    if (j === data.length) return 'through';
    if (i === pattern.length) {
      best = 'under';
      continue;
    }
    const seg = pattern[i]!;
    const key = data[j]!;
    if (seg === SECTION) {
      stack.push([i + 1, j]);
      if (typeof key === 'number') stack.push([i + 1, j + 1]);
    } else if (seg === EACH) stack.push([i + 1, j + 1]);
    else if (String(key) === seg) stack.push([i + 1, j + 1]);
  }
  return best;
}

export function isUsed(refs: readonly Pick<VarRef, 'path' | 'use'>[], data: readonly (string | number)[]): boolean {
  for (const r of refs) {
    const rel = relation(r.path, data);
    if (rel === 'through' || (rel === 'under' && WHOLE.has(r.use))) return true;
  }
  return false;
}

/** `items[].sku` — a concrete path with list indexes folded, for de-duplicating findings. */
export function foldIndexes(at: readonly (string | number)[]): string {
  return at.map((k) => (typeof k === 'number' ? '[]' : k)).join('\u0000');
}

/**
 * isUsed for many data paths: references are de-duplicated by (path, whole-value use), and answers are
 * cached by the path with list indexes folded (exact paths when a reference names an index, `items.0`).
 */
export function usageIndex(refs: readonly Pick<VarRef, 'path' | 'use'>[]): (data: readonly (string | number)[]) => boolean {
  // Both "unused" rules ask for the same model's refs: build the index once (its answers are pure).
  let index = indexes.get(refs);
  if (!index) indexes.set(refs, (index = buildIndex(refs)));
  return index;
}

const indexes = new Memo<readonly Pick<VarRef, 'path' | 'use'>[], (data: readonly (string | number)[]) => boolean>();

function buildIndex(refs: readonly Pick<VarRef, 'path' | 'use'>[]): (data: readonly (string | number)[]) => boolean {
  const unique = new Map<string, Pick<VarRef, 'path' | 'use'>>();
  for (const r of refs) {
    const whole = WHOLE.has(r.use);
    const key = `${whole ? 1 : 0}\u0001${r.path.join('\u0000')}`;
    if (!unique.has(key)) unique.set(key, { path: r.path, use: whole ? 'print' : 'condition' });
  }
  const list = [...unique.values()];
  const exact = list.some((r) => r.path.some((s) => /^\d+$/.test(s)));
  const cache = new Map<string, boolean>();
  return (data) => {
    const key = exact ? data.map(String).join('\u0000') : foldIndexes(data);
    let v = cache.get(key);
    if (v === undefined) {
      v = isUsed(list, data);
      cache.set(key, v);
    }
    return v;
  };
}
