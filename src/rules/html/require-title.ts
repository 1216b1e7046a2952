import { defineRule } from '../rule.js';
import { headSpan } from '../lib/util.js';
import { elementsByTag, startTagSpan, textContent } from '../../analysis/template-doc.js';
import type { Element } from 'domhandler';

export default defineRule({
  meta: {
    id: 'html/require-title',
    category: 'html',
    description: 'The HTML document has no <title> (or an MJML template no <mj-title>).',
    defaultSeverity: 'warning',
    defaultOptions: {},
  },
  messages: {
    missing: (d) => `Add a ${d.tag} with the subject or a short description: some clients and screen readers show it, and spam filters score documents without one.`,
    empty: (d) => `The ${d.tag} is empty: put the subject or a short description in it.`,
  },
  check(doc, ctx) {
    const html = doc.html;
    if (!html || (html.kind === 'mjml' && !html.mjml?.html)) return;
    const tag = html.kind === 'mjml' ? '<mj-title>' : '<title>';
    const own = elementsByTag(html, html.kind === 'mjml' ? 'mj-title' : 'title')[0];
    if (own) {
      if (textContent(own).replace(/[\uE000-\uF8FF]/g, 'x').trim() === '') {
        ctx.report({ messageId: 'empty', data: { tag }, part: 'html', span: startTagSpan(html.masked, own) });
      }
      return;
    }
    // Only full documents: a fragment (no <html>, or MJML) is judged on its compiled output.
    if (html.kind === 'html' && elementsByTag(html, 'html').length === 0 && !/<!doctype/i.test(html.text)) return;
    const [inner, outer] = html.kind === 'mjml' ? ['mj-head', 'mjml'] : ['head', 'html'];
    const head: Element | undefined = elementsByTag(html, inner!)[0] ?? elementsByTag(html, outer!)[0];
    const span = head ? startTagSpan(html.masked, head) : headSpan(html.text);
    ctx.report({ messageId: 'missing', data: { tag }, part: 'html', span });
  },
});
