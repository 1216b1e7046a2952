import { defineRule } from '../rule.js';
import { jsonLdBlocks } from '../../analysis/json-ld.js';
import { isPlainObject } from '../../analysis/json-paths.js';

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
    for (const { body, text: masked, json } of jsonLdBlocks(html)) {
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
