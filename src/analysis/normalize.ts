/**
 * Text normalisation for content matching, with an offset map back to the part's text.
 *
 * One linear pass per text turns what a reader sees into what a filter compares:
 * - HTML entities decoded (`&nbsp;` → space, `&#70;` → f), when the text is HTML source;
 * - compatibility forms folded (NFKD: full-width `ＦＲＥＥ` → free, ligatures, circled letters) and
 *   diacritics dropped (`frée` → free); lower case;
 * - invisible characters removed (Unicode's Default_Ignorable_Code_Point: zero-width, soft hyphen, tags);
 *   look-alikes of Latin letters read as those letters (Unicode's confusables data: Cyrillic, Greek,
 *   Cherokee, mathematical letters...); typographic quotes and dashes read as ASCII (`don’t` → don't);
 * - whitespace collapsed to one space; each run of template-expression mask characters (U+E000–U+F8FF)
 *   becomes one VAR character, so a variable is never read as text;
 * - letters spelled out with separators (`F-R-E-E`, `f r e e`, `v.i.a.g.r.a`) joined; spaces between
 *   Chinese characters dropped (`免 费` → 免费);
 * - leetspeak inside words (`V1AGRA`, `c@sh`) read as letters; hyphens between letters read as spaces.
 *
 * `map[i]` / `ends[i]` are the offsets in the part's text where normalised character i starts and ends.
 */

import { referenceAt } from './entities.js';
import { isSpaceCode } from '../core/chars.js';
import { confusableOf, isIgnorableCodePoint } from './confusables.js';

export const VAR = '\u0001';

export interface Normalized {
  text: string;
  /** Source offset where normalised character i starts. */
  map: Int32Array;
  /** Source offset where normalised character i ends (an entity or an astral character spans several). */
  ends: Int32Array;
  /**
   * ASCII letters, and capitals among them, of the text as a reader sees it (entities decoded, before lower
   * casing): what the caps share of `content/shouting` is taken from.
   */
  letters: number;
  upper: number;
}

/** A piece of a part's text to normalise: its text and where it starts in the part. */
export interface Piece {
  text: string;
  start: number;
}

const MARK = /\p{M}/u;

/**
 * Typographic quotes and dashes (what word processors and editors type) read as ASCII: `you’ve won` is
 * `you've won`. Typography, not look-alikes: Unicode's confusables map `—` to a katakana mark and `“` to `''`.
 */
const TYPOGRAPHY: Record<string, string> = {
  '‘': "'", '’': "'", '‚': "'", '‛': "'", 'ʼ': "'", '′': "'", '“': '"', '”': '"', '„': '"', '‟': '"', '″': '"',
  '‐': '-', '‑': '-', '‒': '-', '–': '-', '—': '-', '―': '-',
};

/** The character reference at s[i] (see src/analysis/entities.ts): exported here for the rules that read text with the normaliser. */
export { referenceAt };

export function isMaskChar(code: number): boolean {
  return code >= 0xe000 && code <= 0xf8ff;
}

/** A CJK ideograph (unified, extension A, compatibility). */
export function isHanCode(x: number): boolean {
  return (x >= 0x4e00 && x <= 0x9fff) || (x >= 0x3400 && x <= 0x4dbf) || (x >= 0xf900 && x <= 0xfaff);
}

/** a–z or 0–9 (NaN, past either end of a string, is neither). */
function isLatinWordCode(x: number): boolean {
  return (x >= 0x61 && x <= 0x7a) || (x >= 0x30 && x <= 0x39);
}

function isLatinWordChar(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
}

/** Folded characters of one normalisation (with and without confusables): text repeats its characters. */
interface Folds {
  latin: Map<string, string>;
  plain: Map<string, string>;
}

/**
 * Fold one non-ASCII character: typographic punctuation → ASCII; compatibility forms and diacritics off (NFKD
 * without marks: `ｆ`, `é`, `𝐟`); full case folding (`ß` → ss); lower case. With `latin`, a look-alike of Latin
 * letters also becomes those letters (Unicode confusables, see confusables.ts): only inside a word that turns
 * wholly Latin that way (`саѕһ`, `frее`), so words of other scripts (`привет`, `Καλημέρα`) stay as they are.
 */
function fold(ch: string, folds: Folds, latin = true): string {
  const cache = latin ? folds.latin : folds.plain;
  let r = cache.get(ch);
  if (r !== undefined) return r;
  const lower = ch.toLowerCase();
  r = TYPOGRAPHY[lower];
  if (r === undefined) {
    let out = '';
    for (const c of lower.normalize('NFKD')) if (!MARK.test(c)) out += c;
    r = out.toLowerCase();
    if (!isAsciiText(r)) {
      const folded = lower.toUpperCase().toLowerCase();
      if (folded !== lower && isAsciiText(folded)) r = folded;
      else if (latin) r = confusableOf(ch) ?? r;
    }
  }
  cache.set(ch, r);
  return r;
}

const WORD_PART = /^[\p{L}\p{M}\p{N}\p{Default_Ignorable_Code_Point}]$/u;

/**
 * The end of the word around s[i] (letters, marks, digits, invisible characters), and whether every letter of
 * it reads as ASCII once folded with confusables: the whole-word test `fold(ch, folds, latin)` needs.
 */
function scanWord(s: string, i: number, folds: Folds): { end: number; latin: boolean } {
  let start = i;
  while (start > 0) {
    const cp = s.codePointAt(start - 1)!;
    const prev = cp >= 0xdc00 && cp <= 0xdfff && start > 1 ? s.codePointAt(start - 2)! : cp;
    const c = String.fromCodePoint(prev);
    if (!WORD_PART.test(c)) break;
    start -= c.length;
  }
  let latin = true;
  let k = start;
  for (; k < s.length; ) {
    const c = String.fromCodePoint(s.codePointAt(k)!);
    if (!WORD_PART.test(c)) break;
    if (latin && c.charCodeAt(0) >= 0x80 && !isIgnorableCodePoint(c.codePointAt(0)!) && !isAsciiText(fold(c, folds))) latin = false;
    k += c.length;
  }
  return { end: k, latin };
}

function isAsciiText(s: string): boolean {
  for (let k = 0; k < s.length; k++) if (s.charCodeAt(k) >= 0x80) return false;
  return true;
}


/**
 * Growable output of the normaliser: the text's UTF-16 units and `map`/`ends` in typed arrays grown by
 * doubling. The text is decoded from the units at the end, so V8 stores it one byte per character when it
 * can (the masked source it comes from is two-byte): regexes and scans over one-byte strings are several
 * times faster, and every content rule reads this text.
 */
class Out {
  buf: Uint16Array;
  map: Int32Array;
  ends: Int32Array;
  length = 0;
  lastSpace = true;
  letters = 0;
  upper = 0;
  /** Write the offset maps (off: text only, for callers that may never need a source offset). */
  readonly mapping: boolean;
  constructor(capacity: number, mapping = true) {
    this.mapping = mapping;
    const c = Math.max(16, capacity);
    this.buf = new Uint16Array(c);
    this.map = new Int32Array(mapping ? c : 0);
    this.ends = new Int32Array(mapping ? c : 0);
  }
  reserve(extra: number): void {
    const need = this.length + extra;
    if (need <= this.buf.length) return;
    let c = this.buf.length * 2;
    while (c < need) c *= 2;
    const b = new Uint16Array(c);
    b.set(this.buf.subarray(0, this.length));
    this.buf = b;
    if (!this.mapping) return;
    const m = new Int32Array(c);
    m.set(this.map.subarray(0, this.length));
    const e = new Int32Array(c);
    e.set(this.ends.subarray(0, this.length));
    this.map = m;
    this.ends = e;
  }
  /** One unit mapping to [at, to). */
  code(x: number, at: number, to: number): void {
    this.reserve(1);
    this.buf[this.length] = x;
    if (this.mapping) {
      this.map[this.length] = at;
      this.ends[this.length] = to;
    }
    this.length++;
  }
  /**
   * Copy ASCII from s[i] on, lower-cased, one output unit per source unit (`base` = the source offset of `s`),
   * collapsing whitespace (tab, LF, FF, CR, space) to one space; stops before a non-ASCII character, an
   * ampersand when `entities`, or the end. Returns where it stopped. One loop: this is most of the text.
   */
  ascii(s: string, i: number, len: number, base: number, entities: boolean): number {
    this.reserve(len - i);
    const buf = this.buf;
    const mapping = this.mapping;
    const map = this.map;
    const ends = this.ends;
    let k = this.length;
    let lastSpace = this.lastSpace;
    let letters = 0;
    let upper = 0;
    for (; i < len; i++) {
      let c = s.charCodeAt(i);
      if (c >= 0x80 || (c === 0x26 && entities)) break;
      if (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0x0c) {
        if (lastSpace) continue;
        c = 0x20;
        lastSpace = true;
      } else {
        if (c >= 0x41 && c <= 0x5a) {
          c += 0x20;
          upper++;
          letters++;
        } else if (c >= 0x61 && c <= 0x7a) letters++;
        lastSpace = false;
      }
      buf[k] = c;
      if (mapping) {
        map[k] = base + i;
        ends[k] = base + i + 1;
      }
      k++;
    }
    this.length = k;
    this.lastSpace = lastSpace;
    this.letters += letters;
    this.upper += upper;
    return i;
  }
  /** Push an already-folded string: whitespace collapses; every unit maps to [at, to). */
  push(s: string, at: number, to: number): void {
    for (let k = 0; k < s.length; k++) {
      const code = s.charCodeAt(k);
      if (code >= 0xd800 && code <= 0xdbff && k + 1 < s.length) {
        const next = s.charCodeAt(k + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          // Astral characters (emoji) occupy two UTF-16 units: keep the map aligned with the string.
          this.code(code, at, to);
          this.code(next, at, to);
          k++;
          this.lastSpace = false;
          continue;
        }
      }
      if (isSpaceCode(code)) {
        if (this.lastSpace) continue;
        this.code(0x20, at, to);
        this.lastSpace = true;
      } else {
        this.code(code, at, to);
        this.lastSpace = false;
      }
    }
  }
  /** The text (a lone surrogate, which no phrase can contain, reads as U+FFFD; the length is unchanged). */
  text(): string {
    return UTF16.decode(this.buf.subarray(0, this.length));
  }
}

// The units are decoded from the typed array's memory, which is in the platform's byte order (big-endian on
// s390x, where Node also runs).
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const UTF16 = new TextDecoder(LITTLE_ENDIAN ? 'utf-16le' : 'utf-16be');

/**
 * Normalise pieces of one part (e.g. the visible text runs of the HTML part) into one string; pieces are
 * joined by a space, so phrases may span inline elements (`<b>free</b> money`).
 */
export function normalizePieces(pieces: readonly Piece[], options: { entities: boolean; maps?: boolean }): Normalized {
  let total = 0;
  for (const piece of pieces) total += piece.text.length + 1;
  const out = new Out(total, options.maps ?? true);
  const entities = options.entities;
  const folds: Folds = { latin: new Map(), plain: new Map() };
  for (const piece of pieces) {
    const s = piece.text;
    const base = piece.start;
    // The word the last non-ASCII letter was in (see scanWord): where it ends, and whether it folds to Latin.
    let wordEnd = -1;
    let wordLatin = true;
    if (!out.lastSpace) {
      out.code(0x20, base, base);
      out.lastSpace = true;
    }
    const len = s.length;
    let i = 0;
    while (i < len) {
      const code = s.charCodeAt(i);
      const at = base + i;
      if (code < 0x80) {
        if (code === 0x26 && entities) {
          const ref = referenceAt(s, i);
          if (ref) {
            for (const c of ref.text) {
              const cc = c.charCodeAt(0);
              if (isIgnorableCodePoint(c.codePointAt(0)!)) continue;
              if ((cc | 0x20) >= 0x61 && (cc | 0x20) <= 0x7a) {
                out.letters++;
                if (cc <= 0x5a) out.upper++;
              }
              out.push(cc < 0x80 ? c.toLowerCase() : fold(c, folds), at, at + ref.length);
            }
            i += ref.length;
            continue;
          }
          // Not an entity: the ampersand is an ordinary character.
          out.code(0x26, at, at + 1);
          out.lastSpace = false;
          i++;
          continue;
        }
        // ASCII fast path (most of the text): up to the next non-ASCII character (or entity).
        i = out.ascii(s, i, len, base, entities);
        continue;
      }
      if (isMaskChar(code)) {
        while (i < len && isMaskChar(s.charCodeAt(i))) i++;
        out.code(0x01, at, base + i); // VAR
        out.lastSpace = false;
        continue;
      }
      const cp = s.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      const from = i;
      i += ch.length;
      const to = base + i;
      if (isHanCode(cp)) out.push(ch, at, to);
      else if (isIgnorableCodePoint(cp)) continue;
      else if (cp <= 0xffff && isSpaceCode(cp)) out.push(' ', at, to);
      else {
        if (from >= wordEnd) ({ end: wordEnd, latin: wordLatin } = scanWord(s, from, folds));
        out.push(fold(ch, folds, wordLatin), at, to);
      }
    }
  }
  const mixed = { from: 0, to: -1 };
  const flags = scanFlags(out.buf, out.length, mixed);
  const n = postPass(out.text(), out.mapping ? out.map : undefined, out.ends, out.length, flags, mixed);
  n.letters = out.letters;
  n.upper = out.upper;
  return n;
}

export function normalizeText(text: string, start = 0, entities = false): Normalized {
  return normalizePieces([{ text, start }], { entities });
}

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i', '|': 'l' };

/**
 * Join spelled-out letters and spaced Chinese; read leetspeak inside words; hyphens between letters as spaces.
 * `flags` and `mixed` are scanFlags' answers for `text`.
 */
function postPass(text: string, map: Int32Array | undefined, ends: Int32Array, n: number, flags: number, mixed: MixedRange): Normalized {
  let joined = text;
  let m = map ?? NO_MAP;
  let e = ends;
  let len = n;
  let mixedFrom = mixed.from;
  let mixedTo = mixed.to;
  // 1. Spelled-out letters (single letters joined by one separator, three or more) and spaces between
  //    Chinese characters: drop the separators. Only when the flag scan found a candidate.
  if (flags & (F_SPELLED | F_HAN_SPACE)) {
    const t = joined;
    const keep = new Uint8Array(n).fill(1);
    for (let i = 0; i < n; i++) {
      if (!isLetterCode(t.charCodeAt(i)) || isLatinWordCode(t.charCodeAt(i - 1))) continue;
      let j = i;
      let count = 1;
      while (j + 2 < n && isSepCode(t.charCodeAt(j + 1)) && isLetterCode(t.charCodeAt(j + 2)) && !isLatinWordCode(t.charCodeAt(j + 3))) {
        j += 2;
        count++;
      }
      if (count >= 3 && !isLatinWordCode(t.charCodeAt(j + 1))) {
        for (let k = i + 1; k < j; k += 2) keep[k] = 0;
        i = j;
      }
    }
    for (let i = 1; i + 1 < n; i++) if (t.charCodeAt(i) === 0x20 && isHanCode(t.charCodeAt(i - 1)) && isHanCode(t.charCodeAt(i + 1))) keep[i] = 0;
    const chunks: string[] = [];
    if (map) {
      m = new Int32Array(n);
      e = new Int32Array(n);
    }
    len = 0;
    let runStart = 0;
    for (let i = 0; i < n; i++) {
      if (!keep[i]) {
        if (i > runStart) chunks.push(t.slice(runStart, i));
        runStart = i + 1;
        continue;
      }
      if (map) {
        m[len] = map[i]!;
        e[len] = ends[i]!;
      }
      len++;
    }
    if (n > runStart) chunks.push(t.slice(runStart, n));
    joined = chunks.join('');
    // The text changed: look again for what the next steps need.
    flags = (hasMixedPair(joined) ? F_MIXED : 0) | (HYPHEN.test(joined) ? F_HYPHEN : 0);
    mixedFrom = 0;
    mixedTo = joined.length;
  }
  // 2. Leetspeak inside mixed tokens and hyphens between letters: same length, the map stays valid.
  //    Only a token holding a letter next to a digit or leet symbol can change, so only those are rewritten.
  //    The pairs are looked for between the first and the last one the flag scan saw (most mail has a few,
  //    such as `24h` or `mp3`, and a search of the whole text for them cost more than the rest of this pass).
  let leetRead = false;
  if (flags & F_MIXED) {
    const chunks: string[] = [];
    let pos = 0;
    const last = Math.min(mixedTo, joined.length - 2);
    for (let i = mixedFrom; i <= last; ) {
      if (!isMixedPairAt(joined, i)) {
        i++;
        continue;
      }
      let a = i;
      while (a > pos && isTokenCode(joined.charCodeAt(a - 1))) a--;
      let b = i + 2;
      while (b < joined.length && isTokenCode(joined.charCodeAt(b))) b++;
      const tok = joined.slice(a, b);
      const read = readLeet(tok);
      if (read !== tok) {
        chunks.push(joined.slice(pos, a), read);
        pos = b;
      }
      i = b;
    }
    if (pos > 0) {
      chunks.push(joined.slice(pos));
      joined = chunks.join('');
      leetRead = true;
    }
  }
  // Leet reading can turn `1-2` into `i-z`, so a letter-hyphen-letter may appear only after step 2; where it
  // changed nothing, F_HYPHEN says whether the text has one.
  if ((flags & F_HYPHEN || leetRead) && HYPHEN.test(joined)) joined = joined.replace(HYPHEN_ALL, '$1 ');
  // Views, not copies: the arrays are only read, and only the first `len` entries are the text's.
  return map ? { text: joined, map: m.subarray(0, len), ends: e.subarray(0, len), letters: 0, upper: 0 } : { text: joined, map: NO_MAP, ends: NO_MAP, letters: 0, upper: 0 };
}

const NO_MAP = new Int32Array(0);

/** Where the first and the last letter-leet pair start (`to` -1: none), as scanFlags saw them. */
interface MixedRange {
  from: number;
  to: number;
}

const F_SPELLED = 1;
const F_HAN_SPACE = 2;
const F_MIXED = 4;
const F_HYPHEN = 8;

// Character classes for scanFlags (bits).
const C_LETTER = 1; // a-z
const C_LEET = 2; // 0-9 @ $ ! |
const C_WORD = 4; // a-z 0-9
const C_SEP = 8; // separators of spelled-out letters: - . space _ * · / + ~
const C_HYPHEN = 16;
const C_SPACE = 32;
const C_CJK = 64; // U+3400–U+9FFF, U+F900–U+FAFF
const CLASS = new Uint8Array(256);
for (let x = 0x61; x <= 0x7a; x++) CLASS[x] = C_LETTER | C_WORD;
for (let x = 0x30; x <= 0x39; x++) CLASS[x] = C_LEET | C_WORD;
for (const ch of '@$!|') CLASS[ch.charCodeAt(0)] = C_LEET;
for (const ch of '-. _*·/+~') CLASS[ch.charCodeAt(0)] = C_SEP;
CLASS[0x2d] = C_SEP | C_HYPHEN;
CLASS[0x20] = C_SEP | C_SPACE;

/**
 * What the post-pass steps need to look at, in one pass over the normaliser's output units:
 * F_SPELLED: three spelled letters, as `/(?:^|[^a-z0-9])[a-z][-. _*·/+~][a-z][-. _*·/+~][a-z](?![a-z0-9])/`
 * finds them; F_HAN_SPACE: a space between two CJK characters; F_MIXED: a letter next to a digit or leet symbol;
 * F_HYPHEN: letter-hyphen-letter. The classes of the six units before the current one are kept in p1 (the one
 * just before) … p6; before the start of the text they are 0 (no class, like a non-word character).
 */
function scanFlags(u: Uint16Array, n: number, mixed: MixedRange): number {
  let flags = 0;
  mixed.from = n;
  mixed.to = -1;
  let p1 = 0;
  let p2 = 0;
  let p3 = 0;
  let p4 = 0;
  let p5 = 0;
  let p6 = 0;
  for (let i = 0; i <= n; i++) {
    // One step past the end, with class 0: a spelled word may end there.
    const x = i < n ? u[i]! : 0;
    const k = x < 256 ? (i < n ? CLASS[x]! : 0) : isCjkSpaceCode(x) ? C_CJK : 0;
    if (p1 & C_LETTER) {
      if (k & C_LEET) {
        flags |= F_MIXED;
        if (mixed.from > i - 1) mixed.from = i - 1;
        mixed.to = i - 1;
      }
      if (!(k & C_WORD) && p2 & C_SEP && p3 & C_LETTER && p4 & C_SEP && p5 & C_LETTER && !(p6 & C_WORD)) flags |= F_SPELLED;
    } else if (p1 & C_LEET) {
      if (k & C_LETTER) {
        flags |= F_MIXED;
        if (mixed.from > i - 1) mixed.from = i - 1;
        mixed.to = i - 1;
      }
    } else if (p1 & C_HYPHEN) {
      if (k & C_LETTER && p2 & C_LETTER) flags |= F_HYPHEN;
    } else if (p1 & C_SPACE) {
      if (k & C_CJK && p2 & C_CJK) flags |= F_HAN_SPACE;
    }
    p6 = p5;
    p5 = p4;
    p4 = p3;
    p3 = p2;
    p2 = p1;
    p1 = k;
  }
  return flags;
}

/** The characters between which spaces are dropped: U+3400–U+9FFF and U+F900–U+FAFF. */
function isCjkSpaceCode(x: number): boolean {
  return (x >= 0x3400 && x <= 0x9fff) || (x >= 0xf900 && x <= 0xfaff);
}
/**
 * Does the text have a letter next to a digit or leet symbol (isMixedPairAt anywhere)? Only then is the token
 * pass needed.
 */
function hasMixedPair(t: string): boolean {
  for (let i = 0; i + 1 < t.length; i++) if (isMixedPairAt(t, i)) return true;
  return false;
}

/** A letter next to a digit or leet symbol at t[i], t[i + 1] (what `/[a-z][0-9@$!|]|[0-9@$!|][a-z]/` matches there). */
function isMixedPairAt(t: string, i: number): boolean {
  const x = t.charCodeAt(i);
  const y = t.charCodeAt(i + 1);
  return (isLetterCode(x) && isLeetCode(y)) || (isLeetCode(x) && isLetterCode(y));
}

/** 0-9 @ $ ! | */
function isLeetCode(x: number): boolean {
  return (x >= 0x30 && x <= 0x39) || x === 0x40 || x === 0x24 || x === 0x21 || x === 0x7c;
}

/** A character of a leet token: a–z, 0–9, @ $ ! | */
function isTokenCode(x: number): boolean {
  return isLetterCode(x) || isLeetCode(x);
}

/** One token (a maximal run of a–z, 0–9, @ $ ! |) with its leetspeak read as letters, when it is a word. */
function readLeet(tok: string): string {
  let letters = 0;
  let leet = 0;
  for (const c of tok) {
    if (c >= 'a' && c <= 'z') letters++;
    else if (LEET[c]) leet++;
  }
  if (letters < 2 || leet === 0 || leet > letters + 1) return tok;
  let out = '';
  for (let k = 0; k < tok.length; k++) {
    const c = tok[k]!;
    const r = LEET[c];
    const digit = c >= '0' && c <= '9';
    // Symbols count only inside a word (`free!` keeps its exclamation mark).
    out += r && (digit || (isLatinWordChar(tok[k - 1]) && isLatinWordChar(tok[k + 1]))) ? r : c;
  }
  return out;
}
const HYPHEN = /[a-z]-[a-z]/;
const HYPHEN_ALL = /([a-z])-(?=[a-z])/g;

function isLetterCode(x: number): boolean {
  return x >= 0x61 && x <= 0x7a;
}

/** The separators of spelled-out letters: - . space _ * · / + ~ */
function isSepCode(x: number): boolean {
  return x === 0x2d || x === 0x2e || x === 0x20 || x === 0x5f || x === 0x2a || x === 0xb7 || x === 0x2f || x === 0x2b || x === 0x7e;
}


/** Source span of normalised characters [from, to). */
export function sourceSpan(n: Normalized, from: number, to: number): { start: number; end: number } {
  const start = n.map[from] ?? n.map[n.map.length - 1] ?? 0;
  const end = n.ends[Math.max(from, to - 1)] ?? start + 1;
  return { start, end: Math.max(end, start + 1) };
}
