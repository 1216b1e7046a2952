import { defineRule } from '../rule.js';

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
  },
  check(doc, ctx) {
    const html = doc.html;
    if (!html || html.kind !== 'mjml' || !html.mjml?.html) return;
    for (const t of html.droppedTokens) {
      const m = t.mustache;
      if (m.kind === 'comment') continue;
      const text = html.text.slice(m.span.start, m.span.end);
      const isBlock = m.kind === 'open' || m.kind === 'inverse-open' || m.kind === 'close' || m.kind === 'else';
      const what = m.name === 'each' ? 'loop' : m.kind === 'else' ? 'else branch' : 'condition';
      ctx.report({ messageId: isBlock ? 'block' : 'expression', data: { text, what }, part: 'html', span: m.span, evidence: text });
    }
  },
});
