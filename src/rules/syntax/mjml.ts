import { defineRule } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'syntax/mjml',
    category: 'syntax',
    description: 'MJML that does not compile, or that MJML 5 validation rejects (unknown tags, wrong nesting, bad attributes).',
    defaultSeverity: 'error',
    defaultOptions: {},
  },
  messages: {
    fatal: (d) => `MJML cannot compile this template: ${d.message}.${/check that/i.test(String(d.message)) ? '' : ' Check that the document is wrapped in <mjml><mj-body>…</mj-body></mjml>.'}`,
    invalid: (d) => `MJML: ${d.message}.`,
  },
  check(doc, ctx) {
    const html = doc.html;
    if (!html?.mjml) return;
    if (html.mjml.fatal) {
      ctx.report({ messageId: 'fatal', data: { message: html.mjml.fatal.message.replace(/\.$/, '') }, part: 'html', span: html.mjml.fatal.span });
    }
    for (const issue of html.mjml.issues) {
      ctx.report({ messageId: 'invalid', data: { message: issue.message.replace(/\.$/, '') }, part: 'html', span: issue.span, ...(issue.tagName ? { evidence: issue.tagName } : {}) });
    }
  },
});
