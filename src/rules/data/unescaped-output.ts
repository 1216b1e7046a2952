import { defineRule } from '../rule.js';
import { displayPath } from '../../analysis/variables.js';
import { modelFor } from '../lib/data.js';

export default defineRule({
  meta: {
    id: 'data/unescaped-output',
    category: 'data',
    description: 'Triple-stash {{{var}}} (or {{& var}}) in the HTML part: the value is inserted as raw HTML, an injection risk.',
    defaultSeverity: 'warning',
    defaultOptions: {},
  },
  messages: {
    raw: (d) => `'${d.text}' inserts '${d.path}' into the HTML without escaping: a value containing '<' or a link becomes markup (HTML injection, phishing links in your own mail). Use '{{${d.original}}}' unless the value is trusted HTML you build yourself.`,
  },
  check(doc, ctx) {
    const html = doc.html;
    if (!html) return;
    const seen = new Set<string>();
    for (const ref of modelFor(doc, ctx).refs) {
      if (ref.use !== 'raw' || ref.part !== 'html' || ref.via) continue;
      const key = `${ref.span.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      // Point at the whole mustache, so the fix replaces it.
      const m = enclosing(html.scan.mustaches, ref.span);
      const span = m?.span ?? ref.span;
      const text = html.text.slice(span.start, span.end);
      ctx.report({
        messageId: 'raw',
        data: { text, path: displayPath(ref.path), original: ref.original },
        part: 'html',
        span,
        evidence: displayPath(ref.path),
        suggestions: [{ title: `Escape: {{${ref.original}}}`, fix: { span, text: `{{${ref.original}}}` } }],
      });
    }
  },
});

/**
 * The mustache around a span. Mustaches are in source order and do not overlap: a binary search for the last
 * one starting at or before the span (a .find() per reference was quadratic: 4,000 {{{raw}}} took 7 s).
 */
function enclosing<M extends { span: { start: number; end: number } }>(mustaches: readonly M[], span: { start: number; end: number }): M | undefined {
  let lo = 0;
  let hi = mustaches.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (mustaches[mid]!.span.start <= span.start) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const m = found >= 0 ? mustaches[found] : undefined;
  return m && m.span.end >= span.end ? m : undefined;
}
