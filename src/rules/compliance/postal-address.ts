import { defineRule } from '../rule.js';
import { contentText } from '../../analysis/text.js';
import { elementsByTag, startTagSpan } from '../../analysis/template-doc.js';
import { headSpan } from '../lib/util.js';
import { templateCategory } from '../lib/content.js';
import { hasPostalAddress } from '../../analysis/postal.js';

// The scans inside `<%…` and `{{…` stop at the next `%` or brace: `[^}]*` ran from every `{{` of 100 KB of
// `{{` to the end of the input, which was quadratic.
const PLACEHOLDER = /\*\|(?:LIST:ADDRESS|HTML:LIST_ADDRESS_HTML|LIST:ADDRESSLINE)\|\*|\[(?:company |postal |physical )?address\]|<%asm_[^%\n]*address|\{\{\s*[^{}]*(?:address|addr)\b/i;

export default defineRule({
  meta: {
    id: 'compliance/postal-address',
    category: 'compliance',
    description: 'Marketing templates must show the sender\'s physical postal address (CAN-SPAM).',
    defaultSeverity: 'warning',
    defaultOptions: {},
  },
  messages: {
    missing: () => 'This marketing template shows no postal address: CAN-SPAM (15 U.S.C. 7704(a)(5)) requires a valid physical postal address in every commercial email, and enterprise filters weigh its absence. Add the address to the footer, or a placeholder such as {{company_address}}.',
  },
  check(doc, ctx) {
    if (templateCategory(ctx.settings) !== 'marketing') return;
    for (const p of [doc.html, doc.text]) {
      if (!p) continue;
      if (PLACEHOLDER.test(p.text)) return;
      if (p.scan.mustaches.some((m) => /address|addr|地址/i.test(m.inner))) return;
    }
    // A footer partial ({{> footer}}) may carry the address.
    for (const partial of Object.values(doc.source.partials ?? {})) {
      if (PLACEHOLDER.test(partial.text) || /\{\{\{?\s*[\w.]*(?:address|addr)/i.test(partial.text) || hasPostalAddress(partial.text)) return;
    }
    const ct = contentText(doc);
    for (const pt of [ct.html, ct.text]) {
      if (!pt) continue;
      const t = pt.normalized().text;
      if (hasPostalAddress(t)) return;
    }
    const html = doc.html;
    const main = html ?? doc.text;
    if (!main) return;
    const body = html ? elementsByTag(html, 'body', 'mj-body')[0] : undefined;
    ctx.report({ messageId: 'missing', part: html ? 'html' : 'text', span: body && html ? startTagSpan(html.masked, body) : headSpan(main.text), evidence: 'missing' });
  },
});
