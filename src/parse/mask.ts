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

/** For each mustache: is it inside a tag, outside any quoted attribute value? */
function tagContext(text: string, mustaches: Mustache[]): boolean[] {
  const result: boolean[] = new Array(mustaches.length).fill(false);
  let state: 'text' | 'tag' | 'comment' = 'text';
  let quote = '';
  // Only '<', '>', quotes and comment ends change the state: jump between them with a sticky regex
  // instead of looking at every character (templates are mostly text).
  const SPECIAL = /[<>"']|-->/g;
  let pos = 0;
  for (let mi = 0; mi <= mustaches.length; mi++) {
    const m = mustaches[mi];
    const stop = m ? m.span.start : text.length;
    SPECIAL.lastIndex = pos;
    for (let hit = SPECIAL.exec(text); hit && hit.index < stop; hit = SPECIAL.exec(text)) {
      const i = hit.index;
      const c = hit[0];
      if (state === 'comment') {
        if (c === '-->') state = 'text';
      } else if (state === 'text') {
        if (c === '<') {
          if (text.startsWith('<!--', i)) {
            state = 'comment';
            SPECIAL.lastIndex = i + 4;
          } else if (/[A-Za-z/!?]/.test(text[i + 1] ?? '')) state = 'tag';
        }
      } else if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") {
        quote = c;
      } else if (c === '>') {
        state = 'text';
      }
    }
    if (!m) break;
    result[mi] = state === 'tag' && quote === '';
    pos = m.span.end;
  }
  return result;
}

/** Replace tokens in a string (e.g. compiled MJML) by the mustaches they stand for. */
export function unmask(text: string, tokens: MaskedToken[], source: string): string {
  if (!text.includes(TOKEN_START)) return text;
  const byToken = new Map<string, string>();
  for (const t of tokens) if (t.token) byToken.set(t.token, source.slice(t.mustache.span.start, t.mustache.span.end));
  return text.replace(/\uE000[\uE100-\uF8FF]{2}\uE001*/g, (tok) => byToken.get(tok) ?? tok);
}

/** Ids of the tokens present in a string. */
export function tokensIn(text: string): Set<string> {
  const found = new Set<string>();
  for (const m of text.matchAll(/\uE000[\uE100-\uF8FF]{2}\uE001*/g)) found.add(m[0]);
  return found;
}
