import { defineRule } from '../rule.js';
import { providerOf } from '../../analysis/variables.js';
import { templateParts } from '../lib/util.js';
import { rawTextBlocks } from '../../analysis/raw-text.js';

const SIMPLE = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** `{name}` not part of a `{{…}}`: a placeholder in another template language's syntax. */
const SINGLE = /(?<![{\\$%#])\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}(?!\})/g;

export default defineRule({
  meta: {
    id: 'data/provider-syntax',
    category: 'data',
    description: 'Template syntax the provider does not render: Tencent Cloud SES only replaces simple {{name}} variables; single-brace {name} placeholders are never replaced.',
    defaultSeverity: 'error',
    defaultOptions: {},
  },
  messages: {
    block: (d) => `Tencent Cloud SES templates only support simple {{name}} variables, not blocks: '${d.text}' is sent as is (or the send fails with TemplateDataInconsistent). Build the content before sending, or use one variable per value.`,
    helper: (d) => `Tencent Cloud SES templates have no helpers: '${d.text}' is not replaced. Compute the value in your code and pass it as a plain variable such as {{${d.suggest}}}.`,
    nested: (d) => `Tencent Cloud SES variables are flat names: '${d.text}' is not replaced. Send a top-level string variable instead, e.g. {{${d.suggest}}}.`,
    raw: (d) => `Tencent Cloud SES only supports {{name}}: '${d.text}' (unescaped output) is not replaced. Use {{${d.suggest}}}.`,
    singleBrace: (d) => `'${d.text}' looks like a placeholder but single braces are never replaced: the recipient sees '${d.text}'. Write {{${d.name}}}.`,
    singleBraceOwn: (d) =>
      `'${d.text}' is a single-brace placeholder, and this ${d.why}: Handlebars, Mustache, Liquid and the sending services never replace single braces, so unless your own code does (PrestaShop's mails, a str_replace before sending), the recipient sees '${d.text}'. Write {{${d.name}}} if the template is rendered as Handlebars.`,
  },
  check(doc, ctx) {
    const provider = providerOf(doc, ctx.settings);
    for (const part of templateParts(doc)) {
      if (provider === 'tencent') {
        for (const m of part.scan.mustaches) {
          if (m.kind === 'comment' || m.kind === 'merge-tag') continue;
          const text = part.text.slice(m.span.start, m.span.end);
          const inner = m.inner.trim();
          const suggest = (m.name || 'value').replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'value';
          let messageId: string | undefined;
          if (m.kind === 'expr') {
            if (SIMPLE.test(inner)) continue;
            messageId = /\s/.test(inner) ? 'helper' : 'nested';
          } else if (m.kind === 'raw') messageId = 'raw';
          else messageId = 'block';
          ctx.report({ messageId, data: { text, suggest }, part: part.part, span: m.span, evidence: text });
        }
      }
      // Single-brace placeholders, outside mustaches, <style> and <script>. Beside Handlebars expressions (or
      // for a provider that renders Handlebars) one is a mistyped placeholder; in a part written in another
      // language, or with no Handlebars expression at all, single braces may be the sender's own syntax.
      const own = provider === 'generic' && (part.language !== undefined || !part.scan.mustaches.some((m) => m.kind !== 'comment' && m.kind !== 'merge-tag'));
      const why = part.language !== undefined ? 'part is not Handlebars' : 'part has no Handlebars expression';
      const text = part.text;
      const skip = part.scan.mustaches.map((m) => m.span);
      if (part.part === 'html') skip.push(...rawTextBlocks(text));
      skip.sort((a, b) => a.start - b.start);
      // Matches come in order: one pointer over the sorted spans (a .some() per match was quadratic).
      let k = 0;
      let reach = -1; // furthest end of the spans passed so far
      for (const m of text.matchAll(SINGLE)) {
        const start = m.index;
        while (k < skip.length && skip[k]!.start <= start) reach = Math.max(reach, skip[k++]!.end);
        if (start < reach) continue;
        ctx.report({ messageId: own ? 'singleBraceOwn' : 'singleBrace', data: { text: m[0], name: m[1], why }, part: part.part, span: { start, end: start + m[0].length }, evidence: m[0], severity: 'warning', suggestions: [{ title: `Replace with {{${m[1]}}}`, fix: { span: { start, end: start + m[0].length }, text: `{{${m[1]}}}` } }] });
      }
    }
  },
});
