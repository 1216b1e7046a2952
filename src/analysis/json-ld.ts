/**
 * Email markup in the model: the `<script type="application/ld+json">` blocks of the HTML part, each with
 * its body's span and, when the body is literal (not filled in at send time), its parsed JSON.
 */
import type { Element } from 'domhandler';
import type { Span } from '../core/types.js';
import { elementsByTag, startTagSpan, type HtmlPart } from './template-doc.js';
import { parseJson, type JsonDoc } from '../parse/json.js';

/** `<script type="application/ld+json">`: schema.org data Gmail reads (order, reservation and action cards), not a script. */
export function isJsonLd(el: Element): boolean {
  return (el.attribs.type ?? '').trim().toLowerCase() === 'application/ld+json';
}

/** The script's body: span in the part's text (between the start tag and `</script`). */
export function scriptBody(html: HtmlPart, el: Element): Span {
  const open = startTagSpan(html.masked, el);
  const close = html.masked.toLowerCase().lastIndexOf('</script', el.endIndex ?? html.masked.length);
  return { start: open.end, end: close >= open.end ? close : open.end };
}

export interface JsonLdBlock {
  /** The body's span in the part's text. */
  body: Span;
  /** The body as written. */
  text: string;
  /** The parsed body (its error spans are relative to `body.start`). */
  json: JsonDoc;
}

/**
 * The JSON-LD blocks whose body is literal text. A body that is empty or holds template expressions is
 * filled in when the mail is rendered ({{schema_markup}}): only the rendered mail can be checked.
 */
export function jsonLdBlocks(html: HtmlPart): JsonLdBlock[] {
  const out: JsonLdBlock[] = [];
  for (const el of elementsByTag(html, 'script')) {
    if (!isJsonLd(el)) continue;
    const body = scriptBody(html, el);
    const text = html.masked.slice(body.start, body.end);
    if (text.trim() === '' || text !== html.text.slice(body.start, body.end)) continue;
    out.push({ body, text, json: parseJson(text) });
  }
  return out;
}
