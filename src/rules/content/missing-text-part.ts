import { defineRule } from '../rule.js';
import { headSpan } from '../lib/util.js';

export default defineRule({
  meta: {
    id: 'content/missing-text-part',
    category: 'content',
    description: 'An HTML template without a plain-text part (multipart/alternative).',
    defaultSeverity: 'warning',
    defaultOptions: {},
  },
  messages: {
    missing: (d) => `No text part: add ${d.hint}. HTML-only mail scores as spam in SpamAssassin (MIME_HTML_ONLY) and Microsoft 365, and text-only clients and some screen readers show nothing.`,
    empty: () => 'The text part is empty: write a plain-text version of the message.',
  },
  check(doc, ctx) {
    if (!doc.html || !doc.html.text.trim()) return;
    if (!doc.text) {
      const keys = doc.source.providerKeys;
      const hint = doc.source.origin === 'aws' ? `a ${keys?.prefix ?? ''}${keys?.text ?? 'TextPart'}` : doc.source.origin === 'tencent' ? 'TemplateContent.Text' : `${doc.name}.txt beside the template`;
      ctx.report({ messageId: 'missing', data: { hint }, part: 'html', span: headSpan(doc.html.text) });
    } else if (!doc.text.text.trim()) {
      ctx.report({ messageId: 'empty', part: 'text', span: { start: 0, end: doc.text.text.length } });
    }
  },
});
