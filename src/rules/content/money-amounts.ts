import { defineRule } from '../rule.js';
import { contentText } from '../../analysis/text.js';
import { runMatches } from '../lib/content.js';

export interface MoneyOptions {
  /** Amounts from this value up count as "large". */
  largeAmount: number;
  /** Amounts from this value up count as "huge" (millions: advance-fee and lottery scams). */
  hugeAmount: number;
  /** More distinct amounts than this in one part count as "many amounts". */
  maxAmounts: number;
}

const MULT: Record<string, number> = { k: 1e3, thousand: 1e3, mil: 1e3, m: 1e6, mm: 1e6, million: 1e6, millions: 1e6, milhoes: 1e6, milhões: 1e6, billion: 1e9, bn: 1e9, 万: 1e4, 万元: 1e4, 亿: 1e8, 亿元: 1e8 };
// $1,000 · US$ 5 million · €250k · ￥5000 · 5,000 dollars · 5000元 · 50万元 · USD 1,000 · R$ 4.593,21 · €1.500
// The number without a currency prefix starts only where a number starts (not after a digit or a digit and
// a comma): from every digit of 100 KB of digits it read to the end of the run, which was quadratic.
// Thousands are grouped by commas (1,000) or, as Brazil, Portugal and most of Europe write them, by dots
// (4.593,21): a dot followed by exactly three digits, more groups or a decimal comma. "$3.50" has two.
const NUMBER = String.raw`(\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d{3})+(?![\d.])|\d+)(?:[.,]\d+)?`;
const UNIT = String.raw`(?:\s?(k|mm?|bn|thousand|millions?|billion|mil|milh(?:oe|õe)s|万元?|亿元?)\b)?`;
export const AMOUNT = new RegExp(
  String.raw`(?:(?:US|USD|EUR|GBP|RMB|CNY|BRL)\s?[$€£¥￥]?\s?|R\$\s?|[$€£¥￥]\s?)` + NUMBER + UNIT +
    String.raw`|(?<!\d,?)` + NUMBER + String.raw`\s?(thousand|millions?|billion|mil|万|亿)?\s?(?:dollars|usd|euros?|pounds|reais|元|块钱|人民币)`,
  'gi',
);

export default defineRule<MoneyOptions>({
  meta: {
    id: 'content/money-amounts',
    category: 'content',
    description: 'Large sums of money and bodies full of amounts, as in lottery, advance-fee and "make money" spam.',
    defaultSeverity: 'warning',
    defaultOptions: { largeAmount: 10_000, hugeAmount: 1_000_000, maxAmounts: 8 },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { largeAmount: { type: 'number', minimum: 0 }, hugeAmount: { type: 'number', minimum: 0 }, maxAmounts: { type: 'integer', minimum: 1 } },
    },
  },
  messages: {
    large: (d) => `"${d.text}" in the ${d.part}: ${d.huge ? 'sums in the millions are the signature of lottery and advance-fee scams (SpamAssassin LOTS_OF_MONEY, US_DOLLARS_3)' : 'large sums of money are a spam signal (SpamAssassin LOTS_OF_MONEY)'}. If the amount is real (an invoice), leave it in TemplateData; otherwise remove it.`,
    many: (d) => `The ${d.part} names ${d.count} amounts of money: bodies full of prices read as advertising to enterprise filters. Keep the amounts the reader needs.`,
  },
  check(doc, ctx) {
    const o = ctx.options;
    const ct = contentText(doc);
    for (const pt of [ct.subject, ct.html, ct.text]) {
      if (!pt) continue;
      const part = pt.part === 'html' ? 'HTML' : pt.part === 'text' ? 'text part' : 'subject';
      const distinct = new Set<string>();
      let firstSpan: { start: number; end: number } | undefined;
      for (const { m, start, end } of runMatches(pt, AMOUNT)) {
        const digits = (m[1] ?? m[3] ?? '0').replace(/[,.]/g, '');
        const unit = (m[2] ?? m[4] ?? '').toLowerCase();
        const value = Number(digits) * (MULT[unit] ?? 1);
        distinct.add(m[0].replace(/\s+/g, ''));
        firstSpan ??= { start, end };
        if (value >= o.largeAmount) {
          const huge = value >= o.hugeAmount;
          ctx.report({ messageId: 'large', data: { text: m[0].trim(), part, huge }, part: pt.part, span: { start, end }, evidence: huge ? 'millions' : 'large amount' });
        }
      }
      if (distinct.size > o.maxAmounts && firstSpan) ctx.report({ messageId: 'many', data: { count: distinct.size, part }, part: pt.part, span: firstSpan, evidence: 'many amounts' });
    }
  },
});
