import { defineRule } from '../rule.js';
import { mainText } from '../lib/content.js';

export interface VariableRatioOptions {
  /** Fewest words of fixed text (as a reader counts them: Chinese segmented into words) per template variable. */
  minWordsPerVariable: number;
  /** Apply whatever the provider (otherwise only when settings.provider is 'tencent'). */
  always: boolean;
}

export default defineRule<VariableRatioOptions>({
  meta: {
    id: 'compliance/variable-ratio',
    category: 'compliance',
    description: 'Templates that are mostly variables: Tencent Cloud SES allows at most one variable per five words of fixed text.',
    defaultSeverity: 'warning',
    defaultOptions: { minWordsPerVariable: 5, always: false },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { minWordsPerVariable: { type: 'number', minimum: 0 }, always: { type: 'boolean' } },
    },
  },
  messages: {
    ratio: (d) => `The ${d.part} has ${d.vars} variables for ${d.words} words of fixed text (more than 1:${d.min}): Tencent Cloud SES rejects templates whose content is mostly variables, since a template made of variables can send anything. Move fixed wording into the template.`,
  },
  check(doc, ctx) {
    const o = ctx.options;
    if (!o.always && ctx.settings.provider !== 'tencent') return;
    const pt = mainText(doc);
    const part = pt?.part === 'html' ? doc.html : doc.text;
    if (!pt || !part) return;
    const vars = part.scan.mustaches.filter((m) => m.kind === 'expr' || m.kind === 'raw');
    if (!vars.length) return;
    const words = pt.wordCount().total;
    if (words >= vars.length * o.minWordsPerVariable) return;
    const first = vars[0]!;
    ctx.report({ messageId: 'ratio', data: { part: pt.part === 'html' ? 'HTML' : 'text part', vars: vars.length, words, min: o.minWordsPerVariable }, part: pt.part, span: first.span, evidence: 'ratio' });
  },
});
