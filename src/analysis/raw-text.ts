/**
 * `<style>…</style>` and `<script>…</script>` blocks of HTML source, found in one pass.
 *
 * The regex these replace, /<(style|script)\b[\s\S]*?<\/\1\s*>/gi, scans from every opening tag to the end
 * of the input when no closing tag follows (quadratic on many `<style ` without a close). Here each
 * closing tag is searched for once, from past the previous block: when none is left, later openings of the
 * same name cannot close either, and the search stops. Same matches as the regex.
 */
import type { Span } from '../core/types.js';

const OPEN = /<(style|script)\b/gi;
const CLOSE = { style: /<\/style\s*>/gi, script: /<\/script\s*>/gi };

export function rawTextBlocks(html: string): Span[] {
  const out: Span[] = [];
  if (!/<(?:style|script)/i.test(html)) return out;
  const found: Record<'style' | 'script', { from: number; at: number; end: number } | null | undefined> = { style: undefined, script: undefined };
  OPEN.lastIndex = 0;
  for (let m = OPEN.exec(html); m; m = OPEN.exec(html)) {
    const name = m[1]!.toLowerCase() as 'style' | 'script';
    let f = found[name];
    if (f === null) continue; // no closing tag after an earlier opening: none after this one either
    // The last search found a closing tag before this opening: search again from here.
    if (f === undefined || f.at < OPEN.lastIndex) {
      const close = CLOSE[name];
      close.lastIndex = OPEN.lastIndex;
      const c = close.exec(html);
      f = found[name] = c ? { from: OPEN.lastIndex, at: c.index, end: c.index + c[0].length } : null;
      if (!f) continue;
    }
    out.push({ start: m.index, end: f.end });
    OPEN.lastIndex = f.end;
  }
  return out;
}

/** The HTML with each style and script block replaced by `by` (what `.replace(regex, by)` did). */
export function replaceRawText(html: string, by: string): string {
  const blocks = rawTextBlocks(html);
  if (!blocks.length) return html;
  let out = '';
  let at = 0;
  for (const b of blocks) {
    out += html.slice(at, b.start) + by;
    at = b.end;
  }
  return out + html.slice(at);
}

/**
 * Each tag `<…>` replaced by `by` (what `.replace(/<[^>]*>/g, by)` did). The regex searched from every `<`
 * to the end of the text when no `>` followed (quadratic in a run of `<`); here a `<` without a later `>`
 * ends the search, since no later `<` can have one either.
 */
export function replaceTags(html: string, by: string): string {
  let lt = html.indexOf('<');
  if (lt < 0) return html;
  let out = '';
  let at = 0;
  while (lt >= 0) {
    const gt = html.indexOf('>', lt + 1);
    if (gt < 0) break;
    out += html.slice(at, lt) + by;
    at = gt + 1;
    lt = html.indexOf('<', at);
  }
  return at === 0 ? html : out + html.slice(at);
}

/**
 * Start tags `<name …>` of one element name (lower case, e.g. `img`), as `/<name\b[^>]*>/gi` finds them, in
 * one pass: a start without a later `>` ends the search (the regex scanned to the end from every one).
 */
export function startTags(html: string, name: string): string[] {
  const open = new RegExp(`<${name}\\b`, 'gi');
  const out: string[] = [];
  for (let m = open.exec(html); m; m = open.exec(html)) {
    const gt = html.indexOf('>', open.lastIndex);
    if (gt < 0) break;
    out.push(html.slice(m.index, gt + 1));
    open.lastIndex = gt + 1;
  }
  return out;
}
