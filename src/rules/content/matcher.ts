/**
 * Phrase and pattern matching over normalised text (see src/parse/normalize.ts), compiled once per list
 * array (cached in a WeakMap, so every template reviewed with the same config shares the matcher).
 *
 * Latin phrases match whole words (indexed by their first word, verified with startsWith: linear in the
 * text, whatever the list size); Chinese phrases match as substrings (indexed by their first character);
 * patterns are regular expressions over the normalised, lower-cased text, checked for catastrophic
 * backtracking when the pack is loaded (src/config/lists.ts).
 */
import { normalizeText, isHanCode } from '../../parse/normalize.js';

export interface PhraseEntry {
  phrase?: string;
  pattern?: string;
  /** Label shown as evidence for a pattern (default: the pattern). */
  label?: string;
  weight: number;
  category: string;
}

interface Compiled {
  entry: PhraseEntry;
  norm: string;
  evidence: string;
  /** Latin phrases: length of the first word, and the code of the character after it (-1 at the end). */
  firstLen: number;
  after: number;
}

export interface Matcher {
  latin: Map<string, Compiled[]>;
  /**
   * The same phrases keyed by a hash of their first word (wordHash), so the scan hashes each word of the
   * text as it reads it instead of slicing it out. Words whose hashes collide share a list, sorted longest
   * first like the lists of `latin`; a candidate is verified in the text, so a collision only costs a check.
   */
  latinByHash: Map<number, Compiled[]>;
  /** Bit per (hash & 0xffff) of the keys of latinByHash: most words of a text are rejected without a lookup. */
  latinFilter: Uint8Array;
  cjk: Map<string, Compiled[]>;
  /** Phrases that start with a symbol ('$$$', '100%'): found with indexOf. */
  other: Compiled[];
  patterns: { entry: PhraseEntry; re: RegExp; evidence: string }[];
}

export interface PhraseMatch {
  entry: PhraseEntry;
  evidence: string;
  /** Offsets in the normalised text. */
  from: number;
  to: number;
}

const cache = new WeakMap<readonly unknown[], Matcher>();

export function isWordChar(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
}


function isEntry(v: unknown): v is PhraseEntry {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as PhraseEntry;
  return (typeof e.phrase === 'string' || typeof e.pattern === 'string') && typeof e.weight === 'number';
}

export function compileList(list: readonly unknown[]): Matcher {
  const hit = cache.get(list);
  if (hit) return hit;
  const m: Matcher = { latin: new Map(), latinByHash: new Map(), latinFilter: new Uint8Array(0x10000 >> 3), cjk: new Map(), other: [], patterns: [] };
  for (const raw of list) {
    if (!isEntry(raw)) continue;
    const entry: PhraseEntry = { ...raw, category: typeof raw.category === 'string' ? raw.category : 'other' };
    if (entry.pattern !== undefined) {
      try {
        // Text is already lower-cased: no 'i'. The 'u' flag only when the pattern needs it (\p{…}, astral
        // characters): V8 matches non-unicode regexes noticeably faster.
        const needsU = /\\[pPu]\{|[\u{10000}-\u{10FFFF}]/u.test(entry.pattern);
        m.patterns.push({ entry, re: new RegExp(entry.pattern, needsU ? 'gu' : 'g'), evidence: entry.label ?? entry.pattern });
      } catch {
        // Invalid patterns are rejected when the pack loads; a list passed in code is tolerated.
      }
      continue;
    }
    const norm = normalizeText(entry.phrase!).text.trim();
    if (!norm) continue;
    const c: Compiled = { entry, norm, evidence: entry.phrase!.trim(), firstLen: 0, after: -1 };
    if (isHanCode(norm.charCodeAt(0))) add(m.cjk, norm[0]!, c);
    else if (isWordChar(norm[0])) {
      let k = 0;
      while (k < norm.length && isWordChar(norm[k])) k++;
      c.firstLen = k;
      c.after = k < norm.length ? norm.charCodeAt(k) : -1;
      add(m.latin, norm.slice(0, k), c);
    } else m.other.push(c);
  }
  for (const arr of [...m.latin.values(), ...m.cjk.values()]) arr.sort((a, b) => b.norm.length - a.norm.length);
  for (const [word, arr] of m.latin) {
    const h = wordHash(word, 0, word.length);
    m.latinFilter[(h & 0xffff) >> 3]! |= 1 << (h & 7);
    const shared = m.latinByHash.get(h);
    // Stable sort: candidates of one word keep their order (longest first, then list order).
    if (shared) m.latinByHash.set(h, [...shared, ...arr].sort((a, b) => b.norm.length - a.norm.length));
    else m.latinByHash.set(h, arr);
  }
  cache.set(list, m);
  return m;
}

/** a–z or 0–9. */
function isWordCode(x: number): boolean {
  return (x >= 0x61 && x <= 0x7a) || (x >= 0x30 && x <= 0x39);
}

const HASH_SEED = 0x811c9dc5;
/**
 * FNV-1a over the UTF-16 units of text[from, to), cut to 30 bits so that the key is a small integer (no
 * heap number per lookup); the scan in matchAll computes the same value inline.
 */
function wordHash(text: string, from: number, to: number): number {
  let h = HASH_SEED;
  for (let k = from; k < to; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
  return h & 0x3fffffff;
}

function add(map: Map<string, Compiled[]>, key: string, c: Compiled): void {
  const arr = map.get(key);
  if (arr) arr.push(c);
  else map.set(key, [c]);
}

function endsOk(text: string, c: Compiled, end: number): boolean {
  // Latin phrases end at a word boundary; Chinese ones and those ending in a symbol need none.
  return !isWordChar(c.norm[c.norm.length - 1]) || !isWordChar(text[end]);
}

/** All matches in a normalised text: longest phrase first at each position, non-overlapping per kind. */
export function matchAll(m: Matcher, text: string, maxMatches = 500): PhraseMatch[] {
  const out: PhraseMatch[] = [];
  const n = text.length;
  if (m.latin.size || m.cjk.size) {
    const byHash = m.latinByHash;
    const filter = m.latinFilter;
    const cjk = m.cjk;
    let i = 0;
    while (i < n && out.length < maxMatches) {
      const code = text.charCodeAt(i);
      if (isWordCode(code)) {
        let j = i;
        let h = HASH_SEED;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (!isWordCode(c)) break;
          h = Math.imul(h ^ c, 0x01000193);
          j++;
        }
        if (i === 0 || !isWordCode(text.charCodeAt(i - 1))) {
          const key = h & 0x3fffffff;
          const cands = filter[(key & 0xffff) >> 3]! & (1 << (key & 7)) ? byHash.get(key) : undefined;
          let found: Compiled | undefined;
          if (cands) {
            const wordLen = j - i;
            const next = j < n ? text.charCodeAt(j) : -1;
            for (const c of cands) {
              // Cheap necessary conditions first: same first word length, same character after it.
              if (c.firstLen !== wordLen || (c.after !== -1 && c.after !== next)) continue;
              if (text.startsWith(c.norm, i) && endsOk(text, c, i + c.norm.length)) {
                found = c;
                break;
              }
            }
          }
          if (found) {
            out.push({ entry: found.entry, evidence: found.evidence, from: i, to: i + found.norm.length });
            i += found.norm.length;
            continue;
          }
        }
        i = j;
        continue;
      }
      // Chinese phrases are keyed by their first character, always a Han character.
      const cands = isHanCode(code) ? cjk.get(text[i]!) : undefined;
      const found = cands?.find((c) => text.startsWith(c.norm, i));
      if (found) {
        out.push({ entry: found.entry, evidence: found.evidence, from: i, to: i + found.norm.length });
        i += found.norm.length;
        continue;
      }
      i++;
    }
  }
  for (const c of m.other) {
    for (let at = text.indexOf(c.norm); at >= 0 && out.length < maxMatches; at = text.indexOf(c.norm, at + c.norm.length)) {
      if (endsOk(text, c, at + c.norm.length)) out.push({ entry: c.entry, evidence: c.evidence, from: at, to: at + c.norm.length });
    }
  }
  for (const p of m.patterns) {
    p.re.lastIndex = 0;
    let count = 0;
    for (let r = p.re.exec(text); r && count < 20; r = p.re.exec(text)) {
      if (r[0].length === 0) {
        p.re.lastIndex++;
        continue;
      }
      out.push({ entry: p.entry, evidence: p.evidence, from: r.index, to: r.index + r[0].length });
      count++;
    }
  }
  return out.sort((a, b) => a.from - b.from);
}
