import type { Element } from 'domhandler';
import { defineRule } from '../rule.js';
import { elementsByTag, startTagSpan, type HtmlPart } from '../../analysis/template-doc.js';
import { parseJson, isPlainObject } from '../../parse/json.js';

/** `<script type="application/ld+json">`: schema.org data Gmail reads (order, reservation and action cards), not a script. */
export function isJsonLd(el: Element): boolean {
  return (el.attribs.type ?? '').trim().toLowerCase() === 'application/ld+json';
}

/** The script's body: span in the part's text (between the start tag and `</script`). */
export function scriptBody(html: HtmlPart, el: Element): { start: number; end: number } {
  const open = startTagSpan(html.masked, el);
  const close = html.masked.toLowerCase().lastIndexOf('</script', el.endIndex ?? html.masked.length);
  return { start: open.end, end: close >= open.end ? close : open.end };
}

export default defineRule({
  meta: {
    id: 'html/json-ld',
    category: 'html',
    description: 'Email markup (<script type="application/ld+json">) that is not valid JSON-LD: Gmail ignores the whole block.',
    defaultSeverity: 'warning',
    defaultOptions: {},
  },
  messages: {
    invalid: (d) => `The JSON-LD in <script type="application/ld+json"> does not parse (${d.message}): Gmail ignores invalid email markup, so the order/action card is not shown. Fix the JSON (double-quoted keys and strings, no trailing commas or comments).`,
    noContext: () => `The JSON-LD has no "@context" (write "@context": "https://schema.org"): without it the data is not schema.org markup and Gmail ignores it.`,
  },
  check(doc, ctx) {
    const html = doc.html;
    if (!html) return;
    for (const el of elementsByTag(html, 'script')) {
      if (!isJsonLd(el)) continue;
      const body = scriptBody(html, el);
      const masked = html.masked.slice(body.start, body.end);
      // Filled in when the mail is rendered ({{schema_markup}}): only the rendered mail can be checked.
      if (masked.trim() === '' || html.masked.slice(body.start, body.end) !== html.text.slice(body.start, body.end)) continue;
      const json = parseJson(masked);
      const err = json.errors[0];
      if (err) {
        ctx.report({ messageId: 'invalid', data: { message: err.message }, part: 'html', span: { start: body.start + err.span.start, end: body.start + Math.max(err.span.end, err.span.start + 1) }, evidence: err.message });
        continue;
      }
      const items = Array.isArray(json.value) ? json.value : [json.value];
      if (items.some((v) => !isPlainObject(v) || !('@context' in v))) {
        const lead = masked.length - masked.trimStart().length;
        ctx.report({ messageId: 'noContext', part: 'html', span: { start: body.start + lead, end: body.start + lead + 1 }, evidence: '@context' });
      }
    }
  },
});
