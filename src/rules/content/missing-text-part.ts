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
      // Said as the template was given: a provider's key, a field of the request (the service, the library's
      // strings), or a file beside the template.
      const origin = doc.source.origin;
      const hint = origin === 'aws' ? `a ${keys?.prefix ?? ''}${keys?.text ?? 'TextPart'}` : origin === 'tencent' ? 'TemplateContent.Text' : origin === 'api' ? 'a plain-text version as `text` beside `html`' : `${doc.name}.txt beside the template`;
      ctx.report({ messageId: 'missing', data: { hint }, part: 'html', span: headSpan(doc.html.text) });
    } else if (!doc.text.text.trim()) {
      ctx.report({ messageId: 'empty', part: 'text', span: { start: 0, end: doc.text.text.length } });
    }
  },
});
