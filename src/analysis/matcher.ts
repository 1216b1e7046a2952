/**
 * Phrase and pattern matching over normalised text (see src/analysis/normalize.ts), compiled once per list
 * array (cached in a WeakMap, so every template reviewed with the same config shares the matcher).
 *
 * Latin phrases match whole words (indexed by their first word, verified with startsWith: linear in the
 * text, whatever the list size); Chinese phrases match as substrings (indexed by their first character);
 * patterns are regular expressions over the normalised, lower-cased text, checked for catastrophic
 * backtracking when the pack is loaded (src/config/lists.ts), and tried only where one of the words their
 * matches start with is (startWords) when their source says which.
 */
import { normalizeText, isHanCode } from './normalize.js';
import { Memo } from '../core/memo.js';
import { eachSyntaxChar, startWords } from '../core/regex-source.js';

/**
 * The phrase category that is not spam wording: what compliant bulk mail must say (why the reader gets it,
 * how to opt out). Never reported by content/spam-phrases; the risk model reads neither a category nor words
 * from its matches (config/lists.ts PHRASE_CATEGORIES).
 */
export const FOOTER_CATEGORY = 'footer';

export interface PhraseEntry {
  phrase?: string;
  pattern?: string;
  /** Label shown as evidence for a pattern (default: the pattern). */
  label?: string;
  weight: number;
  category: string;
  /**
   * Contexts in which the phrase is not spam wording: idioms that contain it ("feel free to" for "free") and
   * negations ("not guaranteed"). A match inside an occurrence of one of them is dropped.
   */
  except?: string[];
}

interface Compiled {
  entry: PhraseEntry;
  norm: string;
  evidence: string;
  /** Latin phrases: length of the first word, and the code of the character after it (-1 at the end). */
  firstLen: number;
  after: number;
  /** The phrase ends with a word character, so the text must have a word boundary there. */
  endsWord: boolean;
}

/**
 * Latin phrases that start with one word (or with words whose hashes collide), split so that a common first
 * word ("you", "click") does not mean trying every phrase that starts with it.
 */
interface Group {
  /** Phrases that are that one word. */
  single: Compiled[];
  /** Phrases whose first word is followed by a space and a second word, by the hash of the second word. */
  multi: Map<number, Compiled[]>;
  /** Phrases whose first word is followed by something else ("free!", "100% free"), longest first. */
  rest: Compiled[];
}

export interface Matcher {
  latin: Map<string, Compiled[]>;
  /**
   * The same phrases keyed by a hash of their first word (wordHash), so the scan hashes each word of the
   * text as it reads it instead of slicing it out. Words whose hashes collide share a list, sorted longest
   * first like the lists of `latin`; a candidate is verified in the text, so a collision only costs a check.
   */
  latinByHash: Map<number, Group>;
  /** Distinct first words of the Latin phrases (lists with only a few are searched with indexOf). */
  latinWords: string[];
  /** Bit per (hash & 0xffff) of the keys of latinByHash: most words of a text are rejected without a lookup. */
  latinFilter: Uint8Array;
  cjk: Map<string, Compiled[]>;
  /** Phrases that start with a symbol ('$$$', '100%'): found with indexOf. */
  other: Compiled[];
  patterns: CompiledPattern[];
  /**
   * The patterns whose matches start with one of a few known words (startWords), by the key (wordKey) of each
   * word: they are tried, sticky, only where such a word starts in the text. Most mail has few of those words,
   * and a pattern found that way costs nothing elsewhere; the others are scanned for as before.
   */
  patternsByWord: Map<number, number[]>;
  /** Bit per (key & 0xffff) of the keys of patternsByWord (as latinFilter). */
  patternFilter: Uint8Array;
  /**
   * The patterns without the 'u' flag as one alternation (`inAny`), run first: where it finds nothing, none of
   * them can match, and where it does, none matches before that offset (the leftmost match of an alternation
   * starts where the earliest of its alternatives does). One scan of the text instead of one per pattern for
   * text without any (most mail): measured 3.5–4.5× faster than the separate scans over the corpus templates.
   */
  anyPattern?: RegExp;
  /** Normalised `except` contexts of the entries that have them. */
  exceptions: Map<PhraseEntry, string[]>;
}

interface CompiledPattern {
  entry: PhraseEntry;
  re: RegExp;
  evidence: string;
  inAny: boolean;
  /** The same regex with the sticky flag, when the pattern is tried only where its start words are. */
  sticky?: RegExp;
}

export interface PhraseMatch {
  entry: PhraseEntry;
  evidence: string;
  /** Offsets in the normalised text. */
  from: number;
  to: number;
}

const cache = new WeakMap<readonly unknown[], Matcher>();

/** Lists with at most this many distinct first words find them with indexOf instead of reading every word. */
const FEW_WORDS = 8;
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

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
  const m: Matcher = {
    latin: new Map(),
    latinByHash: new Map(),
    latinWords: [],
    latinFilter: new Uint8Array(0x10000 >> 3),
    cjk: new Map(),
    other: [],
    patterns: [],
    patternsByWord: new Map(),
    patternFilter: new Uint8Array(0x10000 >> 3),
    exceptions: new Map(),
  };
  for (const raw of list) {
    if (!isEntry(raw)) continue;
    const entry: PhraseEntry = { ...raw, category: typeof raw.category === 'string' ? raw.category : 'other' };
    if (Array.isArray(raw.except)) {
      const ex = raw.except.filter((e): e is string => typeof e === 'string').map((e) => normalizeText(e).text.trim()).filter(Boolean);
      if (ex.length) m.exceptions.set(entry, ex);
    }
    if (entry.pattern !== undefined) {
      try {
        // Text is already lower-cased: no 'i'. The 'u' flag only when the pattern needs it (\p{…}, astral
        // characters): V8 matches non-unicode regexes noticeably faster.
        const needsU = /\\[pPu]\{|[\u{10000}-\u{10FFFF}]/u.test(entry.pattern);
        // A backreference (\1, \k<name>) would point at another pattern's group inside the alternation.
        const backref = /\\[1-9]|\\k</.test(entry.pattern);
        const re = new RegExp(entry.pattern, needsU ? 'gu' : 'g');
        const starts = startWords(entry.pattern);
        const p: CompiledPattern = { entry, re, evidence: entry.label ?? entry.pattern, inAny: !needsU && !backref && !starts };
        if (starts) {
          p.sticky = new RegExp(entry.pattern, needsU ? 'uy' : 'y');
          for (const word of starts) {
            const key = wordHash(word, 0, word.length);
            m.patternFilter[(key & 0xffff) >> 3]! |= 1 << (key & 7);
            const list = m.patternsByWord.get(key);
            if (!list) m.patternsByWord.set(key, [m.patterns.length]);
            else if (list.at(-1) !== m.patterns.length) list.push(m.patterns.length);
          }
        }
        m.patterns.push(p);
      } catch {
        // Invalid patterns are rejected when the pack loads; a list passed in code is tolerated.
      }
      continue;
    }
    const norm = normalizeText(entry.phrase!).text.trim();
    if (!norm) continue;
    const c: Compiled = { entry, norm, evidence: entry.phrase!.trim(), firstLen: 0, after: -1, endsWord: isWordChar(norm[norm.length - 1]) };
    if (isHanCode(norm.charCodeAt(0))) add(m.cjk, norm[0]!, c);
    else if (isWordChar(norm[0])) {
      let k = 0;
      while (k < norm.length && isWordChar(norm[k])) k++;
      c.firstLen = k;
      c.after = k < norm.length ? norm.charCodeAt(k) : -1;
      add(m.latin, norm.slice(0, k), c);
    } else m.other.push(c);
  }
  const inAny = m.patterns.filter((p) => p.inAny);
  if (inAny.length > 1) {
    try {
      const alternation = inAny.map((p) => `(?:${p.re.source})`).join('|');
      // Every pattern of the lists starts at a word boundary: said once, before the alternation, V8 rejects a
      // position inside a word without trying each alternative there (2-3x faster on a long text).
      m.anyPattern = new RegExp(inAny.every((p) => startsAtWordBoundary(p.re.source)) ? `\\b(?:${alternation})` : alternation, 'g');
    } catch {
      for (const p of inAny) p.inAny = false;
    }
  } else for (const p of inAny) p.inAny = false;
  for (const arr of [...m.latin.values(), ...m.cjk.values()]) arr.sort((a, b) => b.norm.length - a.norm.length);
  for (const [word, arr] of m.latin) {
    const h = wordHash(word, 0, word.length);
    m.latinFilter[(h & 0xffff) >> 3]! |= 1 << (h & 7);
    m.latinWords.push(word);
    let g = m.latinByHash.get(h);
    if (!g) m.latinByHash.set(h, (g = { single: [], multi: new Map(), rest: [] }));
    for (const c of arr) {
      if (c.firstLen === c.norm.length) g.single.push(c);
      else if (c.after === 0x20 && isWordCode(c.norm.charCodeAt(c.firstLen + 1))) {
        let k = c.firstLen + 1;
        while (k < c.norm.length && isWordCode(c.norm.charCodeAt(k))) k++;
        const h2 = wordHash(c.norm, c.firstLen + 1, k);
        const list2 = g.multi.get(h2);
        if (list2) list2.push(c);
        else g.multi.set(h2, [c]);
      } else g.rest.push(c);
    }
  }
  // Longest first; a stable sort keeps list order between equal phrases (words whose hashes collide share a group).
  const longest = (a: Compiled, b: Compiled) => b.norm.length - a.norm.length;
  for (const g of m.latinByHash.values()) {
    g.single.sort(longest);
    g.rest.sort(longest);
    for (const l of g.multi.values()) l.sort(longest);
  }
  cache.set(list, m);
  return m;
}

/**
 * Does every match of the pattern start at a word boundary? True when its source starts with `\b` and has no
 * `|` outside groups and classes (a top-level alternative could start anywhere).
 */
export function startsAtWordBoundary(source: string): boolean {
  if (!source.startsWith('\\b')) return false;
  let depth = 0;
  let topLevelAlternative = false;
  eachSyntaxChar(source, (c) => {
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return (topLevelAlternative = true);
  });
  return !topLevelAlternative;
}

/** a–z or 0–9. */
function isWordCode(x: number): boolean {
  return (x >= 0x61 && x <= 0x7a) || (x >= 0x30 && x <= 0x39);
}

const HASH_SEED = 0x811c9dc5;
/**
 * FNV-1a over the UTF-16 units of text[from, to), cut to 30 bits so that the key is a small integer (no
 * heap number per lookup); scanWords computes the same value inline while it finds the word's end.
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
  return !c.endsWord || !isWordCode(text.charCodeAt(end));
}

function matchesAt(text: string, c: Compiled, i: number): boolean {
  return text.startsWith(c.norm, i) && endsOk(text, c, i + c.norm.length);
}

/** The longest Latin phrase of group `g` at the word text[i, j), if any. */
function latinAt(g: Group, text: string, i: number, j: number): Compiled | undefined {
  const wordLen = j - i;
  const n = text.length;
  let best: Compiled | undefined;
  if (g.multi.size && text.charCodeAt(j) === 0x20 && isWordCode(text.charCodeAt(j + 1))) {
    let k = j + 1;
    while (k < n && isWordCode(text.charCodeAt(k))) k++;
    const cands = g.multi.get(wordHash(text, j + 1, k));
    if (cands) {
      for (const c of cands) {
        if (c.firstLen === wordLen && matchesAt(text, c, i)) {
          best = c;
          break;
        }
      }
    }
  }
  if (g.rest.length) {
    const next = j < n ? text.charCodeAt(j) : -1;
    for (const c of g.rest) {
      if (best && c.norm.length <= best.norm.length) break;
      if (c.firstLen === wordLen && c.after === next && matchesAt(text, c, i)) {
        best = c;
        break;
      }
    }
  }
  if (best) return best;
  for (const c of g.single) if (c.firstLen === wordLen && matchesAt(text, c, i)) return c;
  return undefined;
}

/** All matches in a normalised text: longest phrase first at each position, non-overlapping per kind. */
export function matchAll(m: Matcher, text: string, maxMatches = 500): PhraseMatch[] {
  return run(m, text, maxMatches).result;
}

const runs = new Memo<object, Map<Matcher, { max: number; raw: number; result: PhraseMatch[] }>>();

/**
 * matchAll over a normalised text (a PartText's `normalized()`), kept with that text object: the phrase rule
 * and the risk features match the same texts with the same lists. A run with another cap serves when
 * neither cap was reached (both runs then took the same path). Treat the result as read-only.
 */
export function matchNormalized(m: Matcher, n: { readonly text: string }, maxMatches = 500): PhraseMatch[] {
  let byMatcher = runs.get(n);
  if (!byMatcher) runs.set(n, (byMatcher = new Map()));
  const hit = byMatcher.get(m);
  if (hit && (hit.max === maxMatches || hit.raw < Math.min(hit.max, maxMatches))) return hit.result;
  const r = run(m, n.text, maxMatches, wordIndexOf(n));
  byMatcher.set(m, { max: maxMatches, ...r });
  return r.result;
}

/** matchAll, and how many matches there were when the cap was last checked (`raw`). */
function run(m: Matcher, text: string, maxMatches: number, words?: WordIndex): { result: PhraseMatch[]; raw: number } {
  const out: PhraseMatch[] = [];
  // Chinese phrases need a Han character in the text; a list with only a few Latin first words finds them
  // with indexOf rather than by reading every word (the Chinese list on English text).
  const han = m.cjk.size > 0 && HAN.test(text);
  if (han || m.latinWords.length > FEW_WORDS) {
    if (words && !han) scanIndexed(m, text, words, out, maxMatches);
    else scanWords(m, text, han, out, maxMatches);
  }
  else if (m.latinWords.length) scanFew(m, text, out, maxMatches);
  for (const c of m.other) {
    for (let at = text.indexOf(c.norm); at >= 0 && out.length < maxMatches; at = text.indexOf(c.norm, at + c.norm.length)) {
      if (endsOk(text, c, at + c.norm.length)) out.push({ entry: c.entry, evidence: c.evidence, from: at, to: at + c.norm.length });
    }
  }
  // The cap is not checked past this point (patterns have their own).
  const raw = out.length;
  let first = 0;
  if (m.anyPattern) {
    m.anyPattern.lastIndex = 0;
    first = m.anyPattern.exec(text)?.index ?? -1;
  }
  const starts = m.patternsByWord.size ? patternStarts(m, words ?? buildWordIndex(text)) : undefined;
  for (let k = 0; k < m.patterns.length; k++) {
    const p = m.patterns[k]!;
    if (p.sticky) {
      // Tried where one of its start words starts, in text order, past the end of its last match: the matches
      // a global scan finds, since each starts at such a word.
      if (!starts) continue;
      let count = 0;
      let next = 0;
      for (let w = starts.offsets[k]!, end = starts.offsets[k + 1]!; w < end && count < 20; w++) {
        const at = starts.positions[w]!;
        if (at < next) continue;
        p.sticky.lastIndex = at;
        const r = p.sticky.exec(text);
        if (!r) continue;
        out.push({ entry: p.entry, evidence: p.evidence, from: r.index, to: r.index + r[0].length });
        next = r.index + r[0].length;
        count++;
      }
      continue;
    }
    if (p.inAny && first < 0) continue;
    p.re.lastIndex = p.inAny ? first : 0;
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
  out.sort((a, b) => a.from - b.from);
  const kept = m.exceptions.size ? out.filter((x) => !excepted(m, text, x)) : out;
  return { result: withoutFooterWords(kept), raw };
}

/**
 * Matches inside footer wording are part of the footer: "mortgage" in "licensed mortgage broker" (a
 * licensing disclosure the law puts in a lender's mail) is not loan wording. `out` is sorted by start.
 */
function withoutFooterWords(out: PhraseMatch[]): PhraseMatch[] {
  const footers = out.filter((x) => x.entry.category === FOOTER_CATEGORY);
  if (!footers.length) return out;
  let k = 0;
  let reach = -1; // furthest end of the footer matches that start at or before the current match
  return out.filter((x) => {
    if (x.entry.category === FOOTER_CATEGORY) return true;
    while (k < footers.length && footers[k]!.from <= x.from) reach = Math.max(reach, footers[k++]!.to);
    return x.to > reach;
  });
}

/** The match lies inside an occurrence (whole words) of one of its entry's `except` contexts. */
function excepted(m: Matcher, text: string, x: PhraseMatch): boolean {
  const contexts = m.exceptions.get(x.entry);
  if (!contexts) return false;
  for (const c of contexts) {
    // An occurrence covering [from, to) starts at most c.length - (to - from) before `from`: it is searched
    // for in that window only (a search of the rest of the text per match was quadratic in the matches:
    // 5,000 of them in 150 KB took 1.7 s).
    const lo = Math.max(0, x.to - c.length);
    const window = text.slice(lo, x.from + c.length);
    for (let k = window.indexOf(c); k >= 0 && lo + k <= x.from; k = window.indexOf(c, k + 1)) {
      const at = lo + k;
      const end = at + c.length;
      if (end < x.to) continue;
      if ((at === 0 || !isWordCode(text.charCodeAt(at - 1)) || !isWordCode(c.charCodeAt(0))) && (!isWordCode(text.charCodeAt(end)) || !isWordCode(c.charCodeAt(c.length - 1)))) return true;
    }
  }
  return false;
}

/**
 * The words of a text (maximal runs of a–z and 0–9), with the hash scanWords computes for each: made once per
 * normalised text and read by every list that matches it (eight lists read every text of a review; each
 * hashed every word itself before).
 */
interface WordIndex {
  starts: Int32Array;
  ends: Int32Array;
  keys: Int32Array;
  count: number;
}

const wordIndexes = new Memo<object, WordIndex>();

function wordIndexOf(n: { readonly text: string }): WordIndex {
  let idx = wordIndexes.get(n);
  if (idx) return idx;
  idx = buildWordIndex(n.text);
  wordIndexes.set(n, idx);
  return idx;
}

function buildWordIndex(text: string): WordIndex {
  const len = text.length;
  // Count the words first, so the arrays hold exactly them: the bound (one word per two characters) reserved
  // six bytes per character of every text, most of it never used (prose has one word per six characters).
  let cap = 0;
  for (let k = 0, inWord = false; k < len; k++) {
    const w = isWordCode(text.charCodeAt(k));
    if (w && !inWord) cap++;
    inWord = w;
  }
  const starts = new Int32Array(cap);
  const ends = new Int32Array(cap);
  const keys = new Int32Array(cap);
  let count = 0;
  let i = 0;
  while (i < len) {
    if (!isWordCode(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < len && isWordCode(text.charCodeAt(j))) j++;
    starts[count] = i;
    ends[count] = j;
    keys[count] = wordHash(text, i, j);
    count++;
    i = j;
  }
  return { starts, ends, keys, count };
}

/**
 * Where the start words of the patterns tried at them (by index in m.patterns) start, in text order: pattern
 * k's positions are `positions[offsets[k]]` to `positions[offsets[k + 1] - 1]`. Two passes over the words (count,
 * then fill), so that a review allocates two typed arrays, not an array per pattern (hundreds of candidates per
 * list on a long text: "in", "your", "the" start some pattern of some language).
 */
function patternStarts(m: Matcher, words: WordIndex): { offsets: Int32Array; positions: Int32Array } | undefined {
  const filter = m.patternFilter;
  const { starts, keys, count } = words;
  // Made at the first candidate: most texts (sample values, most lists on most mail) have none.
  let offsets: Int32Array | undefined;
  let total = 0;
  for (let w = 0; w < count; w++) {
    const key = keys[w]!;
    if (!(filter[(key & 0xffff) >> 3]! & (1 << (key & 7)))) continue;
    const list = m.patternsByWord.get(key);
    if (!list) continue;
    offsets ??= new Int32Array(m.patterns.length + 1);
    for (const k of list) offsets[k + 1]!++;
    total += list.length;
  }
  if (!offsets) return undefined;
  for (let k = 1; k < offsets.length; k++) offsets[k]! += offsets[k - 1]!;
  const positions = new Int32Array(total);
  const fill = offsets.slice(0, -1);
  for (let w = 0; w < count; w++) {
    const key = keys[w]!;
    if (!(filter[(key & 0xffff) >> 3]! & (1 << (key & 7)))) continue;
    const list = m.patternsByWord.get(key);
    if (list) for (const k of list) positions[fill[k]!++] = starts[w]!;
  }
  return { offsets, positions };
}

/** The key of a word (a run of a–z and 0–9) as the word index of a normalised text hashes it. */
export function wordKey(word: string): number {
  return wordHash(word, 0, word.length);
}

/**
 * Has the normalised text a word whose key (wordKey) is in `keys`? Reads the word index the phrase lists
 * share. Keys are hashes: a collision answers yes, never no, so a caller may use it to skip work that needs one
 * of the words.
 */
export function hasWordKey(n: { readonly text: string }, keys: ReadonlySet<number>): boolean {
  const idx = wordIndexOf(n);
  for (let i = 0; i < idx.count; i++) if (keys.has(idx.keys[i]!)) return true;
  return false;
}

/** scanWords for a text without Han characters to match, over its word index: the same matches in the same order. */
function scanIndexed(m: Matcher, text: string, words: WordIndex, out: PhraseMatch[], maxMatches: number): void {
  const byHash = m.latinByHash;
  const filter = m.latinFilter;
  const { starts, ends, keys, count } = words;
  // Where the last match ended: words that start before it are inside it.
  let next = 0;
  for (let w = 0; w < count && out.length < maxMatches; w++) {
    const i = starts[w]!;
    if (i < next) continue;
    const key = keys[w]!;
    if (!(filter[(key & 0xffff) >> 3]! & (1 << (key & 7)))) continue;
    const g = byHash.get(key);
    const found = g ? latinAt(g, text, i, ends[w]!) : undefined;
    if (found) {
      out.push({ entry: found.entry, evidence: found.evidence, from: i, to: i + found.norm.length });
      next = i + found.norm.length;
    }
  }
}

/** One pass over the text: every word start (Latin phrases) and, when `han`, every Han character. */
function scanWords(m: Matcher, text: string, han: boolean, out: PhraseMatch[], maxMatches: number): void {
  const n = text.length;
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
        const g = filter[(key & 0xffff) >> 3]! & (1 << (key & 7)) ? byHash.get(key) : undefined;
        const found = g ? latinAt(g, text, i, j) : undefined;
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
    const cands = han && isHanCode(code) ? cjk.get(text[i]!) : undefined;
    const found = cands?.find((c) => text.startsWith(c.norm, i));
    if (found) {
      out.push({ entry: found.entry, evidence: found.evidence, from: i, to: i + found.norm.length });
      i += found.norm.length;
      continue;
    }
    i++;
  }
}

/** Latin phrases of a list with few first words: the words' occurrences found with indexOf, in text order. */
function scanFew(m: Matcher, text: string, out: PhraseMatch[], maxMatches: number): void {
  const starts: { at: number; word: string }[] = [];
  for (const word of m.latinWords) {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
      // Whole words only, as the word scan reads them.
      if ((at === 0 || !isWordCode(text.charCodeAt(at - 1))) && !isWordCode(text.charCodeAt(at + word.length))) starts.push({ at, word });
    }
  }
  if (!starts.length) return;
  starts.sort((a, b) => a.at - b.at);
  let next = 0;
  for (const { at, word } of starts) {
    if (at < next || out.length >= maxMatches) continue;
    const g = m.latinByHash.get(wordHash(word, 0, word.length));
    const found = g ? latinAt(g, text, at, at + word.length) : undefined;
    if (found) {
      out.push({ entry: found.entry, evidence: found.evidence, from: at, to: at + found.norm.length });
      next = at + found.norm.length;
    }
  }
}
