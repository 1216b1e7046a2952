import { defineRule } from '../rule.js';
import { attribute, elementsByTag, startTagSpan } from '../../analysis/template-doc.js';

export default defineRule({
  meta: {
    id: 'accessibility/html-lang',
    category: 'accessibility',
    description: 'The <html> element (or <mjml>) has no lang attribute.',
    defaultSeverity: 'warning',
    defaultOptions: {},
  },
  messages: {
    missing: (d) => `Add lang to ${d.tag} (for example lang="${d.example}"): screen readers need it to pronounce the text (WCAG 3.1.1), and Outlook and Apple Mail use it for translation prompts.`,
    empty: (d) => `lang on ${d.tag} is empty: set it to the template's language, for example "${d.example}".`,
  },
  check(doc, ctx) {
    const html = doc.html;
    if (!html) return;
    const isMjml = html.kind === 'mjml';
    const el = elementsByTag(html, isMjml ? 'mjml' : 'html')[0];
    if (!el) return; // a fragment: nothing to put the attribute on
    const tag = isMjml ? '<mjml>' : '<html>';
    const example = typeof doc.meta.locale === 'string' ? doc.meta.locale : 'en';
    const lang = attribute(html, el, 'lang');
    if (!lang) ctx.report({ messageId: 'missing', data: { tag, example }, part: 'html', span: startTagSpan(html.masked, el) });
    else if (!lang.raw.trim()) ctx.report({ messageId: 'empty', data: { tag, example }, part: 'html', span: lang.span });
  },
});
