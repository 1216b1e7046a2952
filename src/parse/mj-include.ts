/**
 * `<mj-include path="…">` tags of an MJML text, and the posix path arithmetic to resolve them. Pure: the
 * node layer reads the files these name, the core composes them (compose.ts); nobody else reads files.
 */
import type { Span } from '../core/types.js';
import { commentTest } from './comments.js';

export interface MjInclude {
  /** The path as written (entities in it are not decoded: MJML reads it from the attribute as is). */
  path: string;
  /** `mjml` (default), `css` or `html`. */
  type: 'mjml' | 'css' | 'html';
  /** `css-inline="inline"` on a css include. */
  inline: boolean;
  /** The whole tag, `<mj-include … />` or `<mj-include …></mj-include>`. */
  span: Span;
  /** The path attribute's value. */
  pathSpan: Span;
}

/**
 * The attributes stop at a `<` outside quotes: otherwise every `<mj-include` without a `>` after it scanned
 * to the end of the text (quadratic in the number of them).
 */
const TAG = /<mj-include\b((?:[^<>"']|"[^"]*"|'[^']*')*)>(?:\s*<\/mj-include\s*>)?/gi;
/**
 * An attribute: its name starts after a non-name character and takes all the name characters there are, so a
 * long run of them without `=` is tried once, not from each of its characters with every shorter split
 * (fuzz seed 101 #4381: 80 KB of `pathpath…` in a tag, 3 s).
 */
const ATTR = /(?<![\w:-])([\w:-]+)(?![\w:-])\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Every mj-include tag outside comments, in document order. */
export function findMjIncludes(text: string): MjInclude[] {
  if (!text.includes('<mj-include')) return [];
  const out: MjInclude[] = [];
  const inComment = commentTest(text);
  TAG.lastIndex = 0;
  for (let m = TAG.exec(text); m; m = TAG.exec(text)) {
    if (inComment(m.index)) continue;
    const attrs = m[1]!;
    const attrsStart = m.index + '<mj-include'.length;
    let path: string | undefined;
    let pathSpan: Span = { start: m.index, end: m.index + m[0].length };
    let type: MjInclude['type'] = 'mjml';
    let inline = false;
    ATTR.lastIndex = 0;
    for (let a = ATTR.exec(attrs); a; a = ATTR.exec(attrs)) {
      const name = a[1]!.toLowerCase();
      const value = a[2] ?? a[3] ?? '';
      if (name === 'path') {
        path = value;
        const start = attrsStart + a.index + a[0].length - value.length - 1;
        pathSpan = { start, end: start + value.length };
      } else if (name === 'type' && (value === 'css' || value === 'html')) type = value;
      else if (name === 'css-inline' && value === 'inline') inline = true;
    }
    if (path === undefined) continue;
    out.push({ path, type, inline, span: { start: m.index, end: m.index + m[0].length }, pathSpan });
  }
  return out;
}

/** Posix join + normalise, keeping leading `..` (the key of a file relative to the template's folder). */
export function joinPosix(dir: string, rel: string): string {
  const parts = (rel.startsWith('/') ? rel : `${dir}/${rel}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else out.push(p);
  }
  return out.join('/');
}

export function dirnamePosix(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}
