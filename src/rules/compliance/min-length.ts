import { defineRule } from '../rule.js';
import { elementsByTag, startTagSpan } from '../../analysis/template-doc.js';
import { headSpan } from '../lib/util.js';
import { mainText, templateCategory } from '../lib/content.js';

export interface MinLengthOptions {
  /** Fewest words (as a reader counts them: Chinese segmented into words) for marketing templates. */
  marketing: number;
  /** Fewest words for transactional and notification templates (and uncategorised ones). */
  transactional: number;
  /** Apply whatever the provider (otherwise only when settings.provider is 'tencent'). */
  always: boolean;
}

export default defineRule<MinLengthOptions>({
  meta: {
    id: 'compliance/min-length',
    category: 'compliance',
    description: 'Templates shorter than Tencent Cloud SES accepts: about 150 words for marketing, 50 for transactional mail (words as a reader counts them, Chinese included).',
    defaultSeverity: 'warning',
    defaultOptions: { marketing: 150, transactional: 50, always: false },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { marketing: { type: 'integer', minimum: 0 }, transactional: { type: 'integer', minimum: 0 }, always: { type: 'boolean' } },
    },
  },
  messages: {
    short: (d) => `The ${d.part} has ${d.count} words of text, fewer than the ${d.min} Tencent Cloud SES expects for ${d.category} templates: its template review rejects near-empty templates, and short bodies with a link are what spam looks like to filters. Write out what the message is about (variables do not count: their values are unknown at review).`,
  },
  check(doc, ctx) {
    const o = ctx.options;
    if (!o.always && ctx.settings.provider !== 'tencent') return;
    const pt = mainText(doc);
    if (!pt) return;
    const category = templateCategory(ctx.settings);
    const min = category === 'marketing' ? o.marketing : o.transactional;
    const c = pt.wordCount();
    if (c.total >= min) return;
    const html = doc.html;
    const body = html ? elementsByTag(html, 'body', 'mj-body')[0] : undefined;
    const span = pt.part === 'html' && html ? (body ? startTagSpan(html.masked, body) : headSpan(html.text)) : headSpan(doc.text?.text ?? '');
    ctx.report({ messageId: 'short', data: { part: pt.part === 'html' ? 'HTML' : 'text part', count: c.total, min, category: category ?? 'transactional' }, part: pt.part, span, evidence: 'short' });
  },
});
