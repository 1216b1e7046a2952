import { defineRule } from '../rule.js';
import type { Element } from 'domhandler';
import { contentText, countWords, type HiddenRun } from '../../analysis/text.js';
import { normalizePieces, VAR } from '../../analysis/normalize.js';
import { startTagSpan } from '../../analysis/template-doc.js';
import { truncate } from '../lib/util.js';

export interface HiddenTextOptions {
  /** A document <title> longer than this (words, as a reader counts them) is text stuffed for filters. */
  maxTitleWords: number;
  /** An image's alt text longer than this (words) is text stuffed for filters. */
  maxAltWords: number;
}

const HOW: Record<string, string> = {
  'display-none': 'display:none',
  'visibility-hidden': 'visibility:hidden',
  'opacity-0': 'opacity:0',
  'tiny-font': 'a font size of',
  'zero-height': 'a zero height with overflow:hidden',
  'zero-width': 'a zero width with overflow:hidden',
  'hidden-attribute': 'the hidden attribute',
  'low-contrast': 'a text colour almost equal to its background (contrast ratio',
  'off-screen': 'positioning it off the screen',
  clipped: 'clipping it to nothing',
  'mso-hide': 'mso-hide:all (Outlook does not render it)',
};

/** Anything but template expressions, whitespace and punctuation (what `text.replaceAll(VAR, '').replace(/[\s\p{P}]/gu, '')` left). */
const HAS_WORDS = new RegExp(`[^\\s\\p{P}${VAR}]`, 'u');

function quote(text: string): string {
  return truncate(text.replaceAll(VAR, '{{…}}').trim(), 50);
}

export default defineRule<HiddenTextOptions>({
  meta: {
    id: 'content/hidden-text',
    category: 'content',
    description:
      'Text the reader cannot see (display:none, visibility:hidden, opacity, zero or tiny font, zero size, off-screen, clipped, mso-hide, text colour equal or close to its background, also through <style> rules and inheritance), other than a preheader; and a <title> or alt text long enough to be stuffing.',
    defaultSeverity: 'warning',
    defaultOptions: { maxTitleWords: 20, maxAltWords: 25 },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { maxTitleWords: { type: 'integer', minimum: 0 }, maxAltWords: { type: 'integer', minimum: 0 } },
    },
  },
  messages: {
    hidden: (d) =>
      `This element hides its text with ${d.how}${d.detail ? ` ${d.detail}${d.reason === 'low-contrast' ? ')' : ''}` : ''}: "${d.text}". Hidden text is how spam poisons Bayesian filters, so SpamAssassin (HTML_FONT_LOW_CONTRAST, HTML_FONT_SIZE_TINY), rspamd and Microsoft 365 penalise it. Show the text or delete it; a preheader should be short and placed first in the body.`,
    unseen: (d) =>
      `${d.where} is ${d.words} words long (over ${d.max}): "${d.text}". Filters read it, readers of the body never see it, so long ${d.what} reads as keyword stuffing. Keep it short and descriptive${d.what === 'alt text' ? ' (what the image shows)' : ' (the subject, or the brand)'}.`,
  },
  check(doc, ctx) {
    const html = doc.html;
    const pt = contentText(doc).html;
    if (!html || !pt) return;
    const byElement = new Map<Element, HiddenRun[]>();
    for (const h of [...pt.hidden, ...pt.unseen]) {
      if (h.preheader) continue;
      const arr = byElement.get(h.by);
      if (arr) arr.push(h);
      else byElement.set(h.by, [h]);
    }
    for (const [el, runs] of byElement) {
      const n = normalizePieces(runs, { entities: true, maps: false });
      // Only template expressions (a hidden {{tracking}} value) or fillers: nothing to judge here.
      if (!HAS_WORDS.test(n.text)) continue;
      const first = runs[0]!;
      if (first.reason === 'title' || first.reason === 'alt') {
        const count = countWords(n.text).total;
        const max = first.reason === 'title' ? ctx.options.maxTitleWords : ctx.options.maxAltWords;
        // Most titles and alt texts are short: their quote is built only when reported.
        if (count <= max) continue;
        const text = quote(n.text);
        ctx.report({
          messageId: 'unseen',
          data: { where: first.reason === 'title' ? 'The document <title>' : 'This image\'s alt text', what: first.reason === 'title' ? 'title text' : 'alt text', words: count, max, text },
          part: 'html',
          span: { start: first.start, end: runs[runs.length - 1]!.end },
          evidence: first.reason,
        });
        continue;
      }
      ctx.report({
        messageId: 'hidden',
        data: { how: HOW[first.reason] ?? first.reason, reason: first.reason, detail: first.detail, text: quote(n.text) },
        part: 'html',
        span: startTagSpan(html.masked, el),
        evidence: first.reason,
      });
    }
  },
});
