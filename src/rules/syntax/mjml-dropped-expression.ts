import { defineRule } from '../rule.js';
import { providerOf } from '../../analysis/variables.js';

export default defineRule({
  meta: {
    id: 'syntax/mjml-dropped-expression',
    category: 'syntax',
    description: 'A Handlebars block or expression placed where MJML silently drops it (e.g. {{#each}} between <mj-section> and <mj-column>).',
    defaultSeverity: 'error',
    defaultOptions: {},
  },
  messages: {
    block: (d) => `MJML drops '${d.text}' here, so the compiled HTML loses this ${d.what}. Move it inside an <mj-text> or <mj-raw> (for example wrap the repeated section in <mj-raw>{{#each …}}</mj-raw> … <mj-raw>{{/each}}</mj-raw>).`,
    expression: (d) => `MJML drops '${d.text}' here: it is not inside a component that outputs content. Move it into <mj-text>, <mj-button> or <mj-raw>.`,
    ownLanguage: (d) =>
      `MJML drops '${d.text}' here if the template is compiled before its own template language renders it: the compiled HTML would lose this ${d.what}. Fine where your code renders the template first and compiles the result (django-mjml renders the Django template, then MJML); otherwise move it inside an <mj-text> or <mj-raw>.`,
  },
  check(doc, ctx) {
    const html = doc.html;
    if (!html || html.kind !== 'mjml' || !html.mjml?.html) return;
    // A part in another template language (Jinja, Liquid, Twig…) with no Handlebars-rendering provider may be
    // rendered before MJML compiles it, as django-mjml does: then nothing is dropped. A provider that stores
    // the compiled HTML (AWS SES, SendGrid, Tencent) renders after the compile.
    const own = html.language !== undefined && providerOf(doc, ctx.settings) === 'generic';
    for (const t of html.droppedTokens) {
      const m = t.mustache;
      if (m.kind === 'comment') continue;
      const text = html.text.slice(m.span.start, m.span.end);
      const isBlock = m.kind === 'open' || m.kind === 'inverse-open' || m.kind === 'close' || m.kind === 'else';
      const what = !isBlock ? (m.kind === 'merge-tag' ? 'tag' : 'output') : m.name === 'each' ? 'loop' : m.kind === 'else' ? 'else branch' : 'condition';
      const messageId = own ? 'ownLanguage' : isBlock ? 'block' : 'expression';
      ctx.report({ messageId, data: { text, what }, part: 'html', span: m.span, evidence: text, ...(own ? { severity: 'warning' as const } : {}) });
    }
  },
});
