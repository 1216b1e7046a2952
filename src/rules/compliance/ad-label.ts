import { defineRule } from '../rule.js';
import { contentText } from '../../analysis/text.js';
import { compileList, matchNormalized } from '../../analysis/matcher.js';
import { isChinese, templateCategory } from '../lib/content.js';

export interface AdLabelOptions {
  /** Lists whose 'advertising' entries mark an uncategorised Chinese template as advertising. */
  lists: string[];
  /** Points of advertising wording from which an uncategorised Chinese template counts as advertising. */
  minAdvertisingPoints: number;
}

const LABEL = /^\s*(?:[【[(（<《「]\s*)?(?:广告|廣告|AD(?![A-Za-z]))/i;

export default defineRule<AdLabelOptions>({
  meta: {
    id: 'compliance/ad-label',
    category: 'compliance',
    description: 'Chinese advertising email must start its subject with 广告 or AD (互联网电子邮件服务管理办法, art. 13).',
    defaultSeverity: 'error',
    defaultOptions: { lists: ['phrases-zh'], minAdvertisingPoints: 3 },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { lists: { type: 'array', items: { type: 'string' } }, minAdvertisingPoints: { type: 'number', minimum: 0 } },
    },
  },
  messages: {
    missing: (d) => `${d.inferred ? 'This Chinese template reads as advertising' : 'This is a Chinese marketing template'} and its subject does not start with "广告" or "AD": 互联网电子邮件服务管理办法 art. 13 requires advertising email to mark its subject so; QQ Mail and NetEase treat unmarked advertising as spam. Start the subject with 【广告】 (or let the provider add it: Tencent Cloud SES ADLocation, then set settings.adLabelAdded).`,
  },
  check(doc, ctx) {
    if (ctx.settings.adLabelAdded === true || !doc.subject) return;
    const category = templateCategory(ctx.settings);
    if (category && category !== 'marketing') return;
    if (!isChinese(doc, ctx.settings)) return;
    let inferred = false;
    if (!category) {
      // No category given: decide from the wording (advertising phrases in the lists).
      const ct = contentText(doc);
      let points = 0;
      for (const name of ctx.options.lists) {
        const m = compileList(ctx.list(name));
        const seen = new Set<string>();
        for (const pt of [ct.subject, ct.html, ct.text]) {
          if (!pt) continue;
          for (const hit of matchNormalized(m, pt.normalized())) {
            if (hit.entry.category !== 'advertising' || seen.has(hit.evidence)) continue;
            seen.add(hit.evidence);
            points += hit.entry.weight;
          }
        }
      }
      if (points < ctx.options.minAdvertisingPoints) return;
      inferred = true;
    }
    if (LABEL.test(doc.subject.text)) return;
    ctx.report({
      messageId: 'missing',
      data: { inferred },
      part: 'subject',
      span: { start: 0, end: Math.min(doc.subject.text.length, Math.max(1, doc.subject.text.search(/\S|$/) + 1)) },
      evidence: 'missing',
      // Explicit marketing is a legal requirement (error); a guess from the wording is a warning.
      ...(inferred ? { severity: 'warning' as const } : {}),
      suggestions: [{ title: 'Start the subject with 【广告】', fix: { span: { start: 0, end: 0 }, text: '【广告】' } }],
    });
  },
});
