/**
 * One generic rule fed entirely by phrase lists (secretlint style): every list entry carries its phrase or
 * pattern, weight and category; packs choose the lists and scale categories.
 */
import { defineRule } from '../rule.js';
import type { Part } from '../../core/types.js';
import { contentText } from '../../analysis/text.js';
import { normalizeText, sourceSpan, type Normalized } from '../../analysis/normalize.js';
import { sampleValues } from '../../analysis/sample-values.js';
import { replaceTags } from '../../analysis/raw-text.js';
import { compileList, FOOTER_CATEGORY, matchNormalized, type PhraseMatch } from '../../analysis/matcher.js';
import { truncate } from '../lib/util.js';
import { vagueLinks } from '../lib/refs.js';

export interface SpamPhraseOptions {
  /** Names of the lists (from packs) to match. */
  lists: string[];
  /** Also score the text TemplateData samples put into the template. */
  samples: boolean;
  /**
   * Leave a phrase that is the whole text of a vague link ("click here" as link text, from the vagueLinkText
   * list) to links/descriptive-text, which reports it: one piece of evidence counts once.
   */
  linkTextOnce: boolean;
}

const ADVICE: Record<string, string> = {
  'free-money': 'say what the reader actually gets, without "free", "cash" or money promises',
  urgency: 'drop artificial deadlines and pressure; state the real date, if there is one',
  prizes: 'do not announce prizes or winners in mail the reader did not ask for',
  pharma: 'pharmaceutical names are blocked by most filters; do not advertise them by mail',
  adult: 'adult content is blocked by ISP and enterprise filters; remove it',
  gambling: 'gambling offers are blocked by enterprise filters and regulated in many countries; remove them',
  'loans-debt': 'loan and debt offers are a top spam category; describe the service factually, without pre-approval claims',
  crypto: 'crypto investment promises are a top phishing and scam category; remove return promises',
  phishing: 'phishing lures (an account threat such as "verify your account" or "suspended", a fee to release a parcel, a voicemail or document behind a link) are what phishing filters look for; link to your own domain and say what happened in plain words',
  advertising: 'advertising wording is penalised by enterprise filters; make the message informative',
  income: 'income and work-from-home claims are a classic spam category; remove them',
  disclaimers: 'claims such as "this is not spam" are themselves spam rules; say why the reader gets the mail instead',
};

export default defineRule<SpamPhraseOptions>({
  meta: {
    id: 'content/spam-phrases',
    category: 'content',
    description: 'Wording that spam filters score (free money, urgency, prizes, pharma, phishing, advertising...), in English, Chinese, Portuguese, Spanish, German, French, Italian and Dutch, seen through obfuscation.',
    defaultSeverity: 'warning',
    defaultOptions: { lists: ['phrases-en', 'phrases-zh', 'phrases-pt', 'phrases-es', 'phrases-de', 'phrases-fr', 'phrases-it', 'phrases-nl'], samples: true, linkTextOnce: true },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        lists: { type: 'array', items: { type: 'string' } },
        samples: { type: 'boolean' },
        linkTextOnce: { type: 'boolean' },
      },
    },
  },
  messages: {
    phrase: (d) => `"${d.text}" ${d.same ? '' : `(read as "${d.evidence}") `}in the ${d.where} is ${d.category} wording that spam filters score: ${d.advice}.`,
    inData: (d) => `Sample ${d.sample} puts "${d.text}" into {{${d.path}}}: ${d.category} wording that spam filters score once rendered: ${d.advice}.`,
  },
  check(doc, ctx) {
    const o = ctx.options;
    const matchers = o.lists.map((name) => compileList(ctx.list(name)));
    if (!matchers.length) return;
    const ct = contentText(doc);
    // What the reader sees, and hidden text (not a preheader): a filter reads hidden wording as wording, so
    // hiding it must not make the template look cleaner (the risk model also sees it apart, as `ph:`).
    const hidden = ct.html?.hiddenNormalized();
    const linkSpans = o.linkTextOnce && ct.html ? vagueLinks(doc, ctx.list('vagueLinkText')).flatMap((v) => (v.span ? [v.span] : [])) : [];
    const texts: { part: Part; where: string; n: Normalized }[] = [];
    for (const pt of [ct.subject, ct.html, ct.text]) if (pt) texts.push({ part: pt.part, where: pt.part === 'html' ? 'HTML' : pt.part === 'text' ? 'text part' : 'subject', n: pt.normalized() });
    if (hidden) texts.push({ part: 'html', where: 'hidden text of the HTML', n: hidden });
    for (const { part, where, n } of texts) {
      for (const matcher of matchers) {
        for (const m of matchNormalized(matcher, n)) {
          if (m.entry.category === FOOTER_CATEGORY) continue;
          const span = sourceSpan(n, m.from, m.to);
          if (part === 'html' && linkSpans.some((l) => span.start >= l.start && span.end <= l.end)) continue;
          const source = (part === 'html' ? doc.html?.text : part === 'text' ? doc.text?.text : doc.subject?.text) ?? '';
          const text = truncate(source.slice(span.start, span.end).replace(/\s+/g, ' '), 60);
          ctx.report({
            messageId: 'phrase',
            data: { where, text, evidence: m.evidence, same: text.toLowerCase() === m.evidence.toLowerCase(), category: label(m.entry.category), advice: ADVICE[m.entry.category] ?? 'rephrase it' },
            part,
            span,
            evidence: m.evidence,
          });
        }
      }
    }
    if (!o.samples) return;
    // One expression is often printed in the subject, the HTML and the text part, and samples repeat values:
    // normalise and match each distinct value once.
    const seenValues = new Map<string, { n: ReturnType<typeof normalizeText>; found: PhraseMatch[] }>();
    for (const v of sampleValues(doc)) {
      let entry = seenValues.get(v.value);
      if (!entry) {
        const n = normalizeText(replaceTags(v.value, ' '), 0, true);
        // matchNormalized: the lists share one word index of the value.
        entry = { n, found: matchers.flatMap((matcher) => [...matchNormalized(matcher, n, 50)]) };
        seenValues.set(v.value, entry);
      }
      const { n } = entry;
      for (const m of entry.found) {
        if (m.entry.category === FOOTER_CATEGORY) continue;
        ctx.report({
          messageId: 'inData',
          data: { sample: v.sample + 1, text: truncate(v.value.slice(n.map[m.from] ?? 0, n.ends[m.to - 1] ?? 0), 60), path: v.path, category: label(m.entry.category), advice: ADVICE[m.entry.category] ?? 'rephrase it' },
          part: v.part,
          span: v.span,
          evidence: m.evidence,
        });
      }
    }
  },
});

function label(cat: string): string {
  return cat.replace(/-/g, '/');
}
