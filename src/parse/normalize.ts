/**
 * Text normalisation for content matching, with an offset map back to the part's text.
 *
 * One linear pass per text turns what a reader sees into what a filter compares:
 * - HTML entities decoded (`&nbsp;` → space, `&#70;` → f), when the text is HTML source;
 * - compatibility forms folded (NFKD: full-width `ＦＲＥＥ` → free, ligatures, circled letters) and
 *   diacritics dropped (`frée` → free); lower case;
 * - zero-width characters and soft hyphens removed; common Cyrillic/Greek look-alikes mapped to Latin;
 * - whitespace collapsed to one space; each run of template-expression mask characters (U+E000–U+F8FF)
 *   becomes one VAR character, so a variable is never read as text;
 * - letters spelled out with separators (`F-R-E-E`, `f r e e`, `v.i.a.g.r.a`) joined; spaces between
 *   Chinese characters dropped (`免 费` → 免费);
 * - leetspeak inside words (`V1AGRA`, `c@sh`) read as letters; hyphens between letters read as spaces.
 *
 * `map[i]` / `ends[i]` are the offsets in the part's text where normalised character i starts and ends.
 */

export const VAR = '\u0001';

export interface Normalized {
  text: string;
  /** Source offset where normalised character i starts. */
  map: Int32Array;
  /** Source offset where normalised character i ends (an entity or an astral character spans several). */
  ends: Int32Array;
}

/** A piece of a part's text to normalise: its text and where it starts in the part. */
export interface Piece {
  text: string;
  start: number;
}

// Combining characters in this class are intentional: each is removed on its own.
// eslint-disable-next-line no-misleading-character-class
const ZERO_WIDTH = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u206A-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]/;
const SPACE = /[\s\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]/;
const MARK = /\p{M}/u;

/** Look-alike characters (Unicode confusables) that spammers swap into Latin words. */
const CONFUSABLES: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  і: 'i', ї: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', һ: 'h', ӏ: 'l',
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ω: 'w',
  ı: 'i', ł: 'l', ø: 'o', đ: 'd', ß: 'ss', æ: 'ae', œ: 'oe',
};

const NAMED_ENTITIES: Record<string, string> = {
  nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", ensp: ' ', emsp: ' ', thinsp: ' ', zwnj: '', zwj: '', shy: '',
  copy: '©', reg: '®', trade: '™', euro: '€', pound: '£', yen: '¥', cent: '¢', dollar: '$', excl: '!', percnt: '%',
  hellip: '…', mdash: '—', ndash: '–', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', middot: '·', bull: '•', num: '#',
};

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));?/y;

export function isMaskChar(code: number): boolean {
  return code >= 0xe000 && code <= 0xf8ff;
}

function isHan(c: string | undefined): boolean {
  if (!c) return false;
  const x = c.charCodeAt(0);
  return (x >= 0x4e00 && x <= 0x9fff) || (x >= 0x3400 && x <= 0x4dbf) || (x >= 0xf900 && x <= 0xfaff);
}

function isLatinWordChar(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
}

const foldCache = new Map<string, string>();
/** Fold one non-ASCII character: confusable → Latin, else NFKD without marks, lower-cased. */
function fold(ch: string): string {
  let r = foldCache.get(ch);
  if (r !== undefined) return r;
  const lower = ch.toLowerCase();
  r = CONFUSABLES[lower];
  if (r === undefined) {
    let out = '';
    for (const c of lower.normalize('NFKD')) if (!MARK.test(c)) out += c;
    r = out.toLowerCase();
  }
  if (foldCache.size < 5000) foldCache.set(ch, r);
  return r;
}

/**
 * Normalise pieces of one part (e.g. the visible text runs of the HTML part) into one string; pieces are
 * joined by a space, so phrases may span inline elements (`<b>free</b> money`).
 */
export function normalizePieces(pieces: readonly Piece[], options: { entities: boolean }): Normalized {
  const out: string[] = [];
  const map: number[] = [];
  const ends: number[] = [];
  let lastSpace = true;
  const push = (s: string, at: number, to: number) => {
    for (const c of s) {
      if (SPACE.test(c)) {
        if (lastSpace) continue;
        out.push(' ');
        map.push(at);
        ends.push(to);
        lastSpace = true;
      } else {
        out.push(c);
        map.push(at);
        ends.push(to);
        if (c.length === 2) {
          // Astral characters (emoji) occupy two UTF-16 units: keep the map aligned with the string.
          out[out.length - 1] = c[0]!;
          out.push(c[1]!);
          map.push(at);
          ends.push(to);
        }
        lastSpace = false;
      }
    }
  };
  for (const piece of pieces) {
    const s = piece.text;
    const base = piece.start;
    if (!lastSpace) {
      out.push(' ');
      map.push(base);
      ends.push(base);
      lastSpace = true;
    }
    let i = 0;
    while (i < s.length) {
      const code = s.charCodeAt(i);
      const at = base + i;
      if (code < 0x80) {
        if (code === 0x26 && options.entities) {
          ENTITY.lastIndex = i;
          const m = ENTITY.exec(s);
          if (m) {
            let decoded: string | undefined;
            if (m[1] || m[2]) {
              const cp = m[1] ? Number(m[1]) : parseInt(m[2]!, 16);
              decoded = cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
            } else decoded = NAMED_ENTITIES[m[3]!.toLowerCase()];
            if (decoded !== undefined) {
              for (const c of decoded) {
                const cc = c.charCodeAt(0);
                if (ZERO_WIDTH.test(c)) continue;
                push(cc < 0x80 ? c.toLowerCase() : fold(c), at, at + m[0].length);
              }
              i += m[0].length;
              continue;
            }
          }
        }
        // ASCII fast path (most of the text).
        if (code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d || code === 0x0c) {
          if (!lastSpace) {
            out.push(' ');
            map.push(at);
            ends.push(at + 1);
            lastSpace = true;
          }
        } else {
          out.push(code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : s[i]!);
          map.push(at);
          ends.push(at + 1);
          lastSpace = false;
        }
        i++;
        continue;
      }
      if (isMaskChar(code)) {
        while (i < s.length && isMaskChar(s.charCodeAt(i))) i++;
        out.push(VAR);
        map.push(at);
        ends.push(base + i);
        lastSpace = false;
        continue;
      }
      const cp = s.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      i += ch.length;
      if (ZERO_WIDTH.test(ch)) continue;
      const to = base + i;
      if (SPACE.test(ch)) push(' ', at, to);
      else if (cp > 0xffff || isHan(ch)) push(ch, at, to);
      else push(fold(ch), at, to);
    }
  }
  return postPass(out, map, ends);
}

export function normalizeText(text: string, start = 0, entities = false): Normalized {
  return normalizePieces([{ text, start }], { entities });
}

const SEP = new Set(['-', '.', ' ', '_', '*', '·', '/', '+', '~']);
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i', '|': 'l' };

/** Join spelled-out letters and spaced Chinese; read leetspeak inside words; hyphens between letters as spaces. */
function postPass(chars: string[], map: number[], ends: number[]): Normalized {
  let joined = chars.join('');
  let m = map;
  let e = ends;
  // 1. Spelled-out letters (single letters joined by one separator, three or more) and spaces between
  //    Chinese characters: drop the separators. Only when the cheap regexes find a candidate.
  if (SPELLED.test(joined) || HAN_SPACE.test(joined)) {
    const n = chars.length;
    const keep = new Uint8Array(n).fill(1);
    for (let i = 0; i < n; i++) {
      if (!isLetter(chars[i]) || isLatinWordChar(chars[i - 1])) continue;
      let j = i;
      let count = 1;
      while (j + 2 < n && SEP.has(chars[j + 1]!) && isLetter(chars[j + 2]) && !isLatinWordChar(chars[j + 3])) {
        j += 2;
        count++;
      }
      if (count >= 3 && !isLatinWordChar(chars[j + 1])) {
        for (let k = i + 1; k < j; k += 2) keep[k] = 0;
        i = j;
      }
    }
    for (let i = 1; i + 1 < n; i++) if (chars[i] === ' ' && isHan(chars[i - 1]) && isHan(chars[i + 1])) keep[i] = 0;
    const text: string[] = [];
    m = [];
    e = [];
    for (let i = 0; i < n; i++) {
      if (!keep[i]) continue;
      text.push(chars[i]!);
      m.push(map[i]!);
      e.push(ends[i]!);
    }
    joined = text.join('');
  }
  // 2. Leetspeak inside mixed tokens and hyphens between letters: same length, the map stays valid.
  if (MIXED_PAIR.test(joined) || HYPHEN.test(joined)) {
    joined = joined.replace(TOKEN, (tok) => {
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
    });
    joined = joined.replace(HYPHEN_ALL, '$1 ');
  }
  return { text: joined, map: Int32Array.from(m), ends: Int32Array.from(e) };
}

const SPELLED = /(?:^|[^a-z0-9])[a-z][-. _*·/+~][a-z][-. _*·/+~][a-z](?![a-z0-9])/;
const HAN_SPACE = /[\u3400-\u9fff\uf900-\ufaff] [\u3400-\u9fff\uf900-\ufaff]/;
/** A letter next to a digit or leet symbol: only then is the token pass needed (no quantifiers: linear). */
const MIXED_PAIR = /[a-z][0-9@$!|]|[0-9@$!|][a-z]/;
const TOKEN = /[a-z0-9@$!|]+/g;
const HYPHEN = /[a-z]-[a-z]/;
const HYPHEN_ALL = /([a-z])-(?=[a-z])/g;

function isLetter(c: string | undefined): boolean {
  return c !== undefined && c >= 'a' && c <= 'z';
}


/** Source span of normalised characters [from, to). */
export function sourceSpan(n: Normalized, from: number, to: number): { start: number; end: number } {
  const start = n.map[from] ?? n.map[n.map.length - 1] ?? 0;
  const end = n.ends[Math.max(from, to - 1)] ?? start + 1;
  return { start, end: Math.max(end, start + 1) };
}
