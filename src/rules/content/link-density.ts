import { defineRule } from '../rule.js';
import { contentText, countWords } from '../../analysis/text.js';
import { normalizePieces } from '../../analysis/normalize.js';
import { elementsByTag, startTagSpan } from '../../analysis/template-doc.js';

export interface LinkDensityOptions {
  /** Fewest words of text per link. */
  minWordsPerLink: number;
  /** Most of the words that may be link text. */
  maxLinkedShare: number;
  /** Fewest links before the rule applies. */
  minLinks: number;
  /** A body with a literal URL and fewer words than this counts as "short body with link" (0 = off). */
  shortBodyWords: number;
}

export default defineRule<LinkDensityOptions>({
  meta: {
    id: 'content/link-density',
    category: 'content',
    description: 'Bodies that are mostly links: few words per link, or most of the text inside links.',
    defaultSeverity: 'warning',
    defaultOptions: { minWordsPerLink: 8, maxLinkedShare: 0.6, minLinks: 4, shortBodyWords: 0 },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        minWordsPerLink: { type: 'number', minimum: 0 },
        maxLinkedShare: { type: 'number', minimum: 0, maximum: 1 },
        minLinks: { type: 'integer', minimum: 1 },
        shortBodyWords: { type: 'integer', minimum: 0 },
      },
    },
  },
  messages: {
    perLink: (d) => `The HTML has ${d.links} links for ${d.words} words of text (fewer than ${d.min} words per link): link-heavy bodies with little text are how spam and phishing look to content filters (rspamd, Microsoft 365). Cut links the reader does not need, or add the text that explains them.`,
    shortWithLink: (d) => `The ${d.part} is ${d.words} words and a link to ${d.url}: a near-empty body that only sends the reader elsewhere is the shape of link spam and phishing. Say in the message what it is about.`,
    share: (d) => `${d.pct}% of the words in the HTML are link text: a body made of links reads as a link farm to filters. Write the message as text and link a few words.`,
  },
  check(doc, ctx) {
    const o = ctx.options;
    // A short body whose point is a literal link (template variables are not counted: {{reset_url}} in a
    // two-line password reset is fine, its wording is the template's).
    const main = contentText(doc).html ?? contentText(doc).text;
    if (main && o.shortBodyWords > 0) {
      const words = main.wordCount().total;
      if (words > 0 && words < o.shortBodyWords) {
        let url: { start: number; end: number; text: string } | undefined;
        for (const run of main.runs) {
          const m = /\b(?:https?:\/\/|www\.)[^\s<>"']+/i.exec(run.text);
          if (m) {
            url = { start: run.start + m.index, end: run.start + m.index + m[0].length, text: m[0] };
            break;
          }
        }
        if (!url && doc.html) {
          for (const el of elementsByTag(doc.html, 'a')) {
            const href = el.attribs.href;
            if (href !== undefined && /^https?:\/\//i.test(href)) {
              url = { ...startTagSpan(doc.html.masked, el), text: href };
              break;
            }
          }
        }
        if (url) ctx.report({ messageId: 'shortWithLink', data: { part: main.part === 'html' ? 'HTML' : 'text part', words, url: url.text.slice(0, 60) }, part: main.part, span: { start: url.start, end: url.end }, evidence: 'short body with link' });
      }
    }
    const html = doc.html;
    const pt = contentText(doc).html;
    if (!html || !pt) return;
    const links = pt.links;
    if (links.length < o.minLinks) return;
    const words = pt.wordCount().total;
    if (words / links.length < o.minWordsPerLink) {
      ctx.report({ messageId: 'perLink', data: { links: links.length, words, min: o.minWordsPerLink }, part: 'html', span: startTagSpan(html.masked, links[0]!), evidence: 'words per link' });
      return;
    }
    // Text runs inside links.
    const linked = pt.scored.filter((r) => r.inLink);
    const linkedWords = countWords(normalizePieces(linked, { entities: true, maps: false }).text).total;
    if (words > 0 && linkedWords / words > o.maxLinkedShare) {
      ctx.report({ messageId: 'share', data: { pct: Math.round((100 * linkedWords) / words) }, part: 'html', span: startTagSpan(html.masked, links[0]!), evidence: 'linked share' });
    }
  },
});
