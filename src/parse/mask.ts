/**
 * Masks every mustache with a same-length filler so HTML and MJML parsers see plain markup and every
 * offset in their output equals the offset in the original template.
 *
 * - Inside a tag but outside quotes (`<td {{#if x}}class="a"{{/if}}>`) the filler is spaces, which keeps
 *   attribute names intact.
 * - Elsewhere (text, attribute values, comments) the filler is a token made of Unicode private-use
 *   characters: U+E000, two id digits, then U+E001 padding. Tokens survive MJML compilation, so we can tell
 *   which expressions MJML dropped and restore the others in the compiled HTML.
 */
import type { Mustache } from './mustache.js';

export const TOKEN_START = '\uE000';
export const TOKEN_PAD = '\uE001';
const DIGIT_BASE = 0xe100;
const DIGITS = 0xf8ff - DIGIT_BASE; // 6143 values per digit

export interface MaskedToken {
  id: number;
  mustache: Mustache;
  /** The filler written in place of the mustache ('' when it was masked with spaces). */
  token: string;
}

export interface MaskResult {
  masked: string;
  tokens: MaskedToken[];
}

export function tokenFor(id: number, length: number): string {
  const d1 = String.fromCharCode(DIGIT_BASE + Math.floor(id / DIGITS));
  const d2 = String.fromCharCode(DIGIT_BASE + (id % DIGITS));
  return (TOKEN_START + d1 + d2 + TOKEN_PAD.repeat(Math.max(0, length - 3))).slice(0, length);
}

export function maskTemplate(text: string, mustaches: Mustache[]): MaskResult {
  if (mustaches.length === 0) return { masked: text, tokens: [] };
  const inTag = tagContext(text, mustaches);
  const out: string[] = [];
  const tokens: MaskedToken[] = [];
  let pos = 0;
  mustaches.forEach((m, idx) => {
    out.push(text.slice(pos, m.span.start));
    const len = m.span.end - m.span.start;
    // Keep newlines so line numbers reported by MJML stay right.
    const original = text.slice(m.span.start, m.span.end);
    let filler: string;
    if (inTag[idx] || len < 3) {
      filler = original.replace(/[^\n\r]/g, ' ');
      tokens.push({ id: idx, mustache: m, token: '' });
    } else if (/[\n\r]/.test(original)) {
      filler = original.replace(/[^\n\r]/g, ' ');
      tokens.push({ id: idx, mustache: m, token: '' });
    } else {
      filler = tokenFor(idx, len);
      tokens.push({ id: idx, mustache: m, token: filler });
    }
    out.push(filler);
    pos = m.span.end;
  });
  out.push(text.slice(pos));
  return { masked: out.join(''), tokens };
}

/**
 * For each mustache: is it inside a tag, outside any quoted attribute value? One pass over the text between
 * the mustaches; only '<', '>', quotes and '-->' change the state, so text and comments are skipped with
 * indexOf (a character loop over a 30 KB template cost 80 µs, most of masking). Each search's answer is kept
 * until the scan passes it: a search that ends past the next mustache is not repeated from each mustache
 * before it (233,000 `{{name}}` in one paragraph searched on to its `</p>` from each one: 3 s).
 */
export function tagContext(text: string, mustaches: Mustache[]): boolean[] {
  const result: boolean[] = new Array(mustaches.length).fill(false);
  const TEXT = 0;
  const TAG = 1;
  const COMMENT = 2;
  let state = TEXT;
  let quote = 0; // char code of the open quote, 0 when none
  let pos = 0;
  // The next '<', '-->', '"' and "'" at or after where each was last searched from (-1: none; -2: not yet).
  let nextLt = -2;
  let nextComment = -2;
  let nextDq = -2;
  let nextSq = -2;
  for (let mi = 0; mi <= mustaches.length; mi++) {
    const m = mustaches[mi];
    const stop = m ? m.span.start : text.length;
    let i = pos;
    while (i < stop) {
      if (state === COMMENT) {
        // Ends at a '-->' wholly before the mustache (one across it is not seen from either side).
        if (nextComment !== -1 && nextComment < i) nextComment = text.indexOf('-->', i);
        const end = nextComment;
        if (end < 0 || end + 2 >= stop) break;
        state = TEXT;
        i = end + 3;
      } else if (state === TEXT) {
        if (nextLt !== -1 && nextLt < i) nextLt = text.indexOf('<', i);
        const lt = nextLt;
        if (lt < 0 || lt >= stop) break;
        if (text.startsWith('<!--', lt)) {
          state = COMMENT;
          i = lt + 4;
        } else {
          if (isTagStart(text.charCodeAt(lt + 1))) state = TAG;
          i = lt + 1;
        }
      } else if (quote) {
        if (quote === 34) {
          if (nextDq !== -1 && nextDq < i) nextDq = text.indexOf('"', i);
        } else if (nextSq !== -1 && nextSq < i) nextSq = text.indexOf("'", i);
        const close = quote === 34 ? nextDq : nextSq;
        if (close < 0 || close >= stop) break;
        quote = 0;
        i = close + 1;
      } else {
        const c = text.charCodeAt(i++);
        if (c === 34 || c === 39) quote = c;
        else if (c === 62 /* > */) state = TEXT;
      }
    }
    if (!m) break;
    result[mi] = state === TAG && quote === 0;
    pos = m.span.end;
  }
  return result;
}

/** [A-Za-z/!?] */
function isTagStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 47 || c === 33 || c === 63;
}

/**
 * Replace tokens in a string (e.g. compiled MJML) by the mustaches they stand for, and list the tokens that
 * were present (one pass for both).
 */
export function unmaskCollecting(text: string, tokens: MaskedToken[], source: string): { text: string; present: Set<string> } {
  const present = new Set<string>();
  let at = text.indexOf(TOKEN_START);
  if (at < 0) return { text, present };
  const byToken = new Map<string, string>();
  for (const t of tokens) if (t.token) byToken.set(t.token, source.slice(t.mustache.span.start, t.mustache.span.end));
  // indexOf and slices rather than replace() with a callback: the compiled HTML is copied once, not twice.
  const parts: string[] = [];
  let pos = 0;
  while (at >= 0) {
    if (!isDigit(text.charCodeAt(at + 1)) || !isDigit(text.charCodeAt(at + 2))) {
      at = text.indexOf(TOKEN_START, at + 1);
      continue;
    }
    let end = at + 3;
    while (text.charCodeAt(end) === 0xe001) end++;
    const tok = text.slice(at, end);
    present.add(tok);
    const restored = byToken.get(tok);
    if (restored !== undefined) {
      parts.push(text.slice(pos, at), restored);
      pos = end;
    }
    at = text.indexOf(TOKEN_START, end);
  }
  parts.push(text.slice(pos));
  return { text: parts.join(''), present };
}

/** A token digit: U+E100–U+F8FF. */
function isDigit(c: number): boolean {
  return c >= DIGIT_BASE && c <= 0xf8ff;
}
