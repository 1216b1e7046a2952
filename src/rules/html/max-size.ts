import { defineRule } from '../rule.js';
import { formatBytes, headSpan, utf8Length } from '../lib/util.js';

export default defineRule<{ maxBytes: number }>({
  meta: {
    id: 'html/max-size',
    category: 'html',
    description: 'HTML larger than Gmail shows before clipping the message (102 KB).',
    defaultSeverity: 'warning',
    defaultOptions: { maxBytes: 102 * 1024 },
    schema: { type: 'object', additionalProperties: false, properties: { maxBytes: { type: 'integer', minimum: 1 } } },
  },
  messages: {
    tooLarge: (d) =>
      `The ${d.what} is ${d.size}, over ${d.max}: Gmail clips it and hides the rest (including the unsubscribe link) behind "View entire message". Remove unused CSS and markup, or shorten the content.`,
  },
  check(doc, ctx) {
    const html = doc.html;
    if (!html || !html.outputHtml) return;
    const size = utf8Length(html.outputHtml);
    if (size <= ctx.options.maxBytes) return;
    ctx.report({
      messageId: 'tooLarge',
      data: { what: html.kind === 'mjml' ? 'compiled HTML' : 'HTML', size: formatBytes(size), max: formatBytes(ctx.options.maxBytes) },
      part: 'html',
      span: headSpan(html.text),
      evidence: formatBytes(size),
    });
  },
});
