import { defineRule } from '../../core/rule.js';
import { contentText } from '../../parse/text.js';
import { headSpan } from '../util.js';

export interface MismatchOptions {
  /** Least share of the HTML part's distinct words that the text part must contain. */
  minOverlap: number;
  /** Fewest distinct words in the HTML part before the check applies. */
  minWords: number;
}

/** Distinct words (Latin words of 3+ letters, Chinese characters) of normalised text. */
function wordSet(text: string): Set<string> {
  // A scan equivalent to the matches of /[a-z][a-z0-9']{2,}|[\u4e00-\u9fff]/g, without a match object per word.
  const out = new Set<string>();
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (!((d >= 0x61 && d <= 0x7a) || (d >= 0x30 && d <= 0x39) || d === 0x27)) break;
        j++;
      }
      // Shorter than three: no match starts inside this run either (each is a suffix of it).
      if (j - i >= 3) out.add(text.slice(i, j));
      i = j;
      continue;
    }
    if (c >= 0x4e00 && c <= 0x9fff) out.add(text[i]!);
    i++;
  }
  return out;
}

export default defineRule<MismatchOptions>({
  meta: {
    id: 'content/text-html-mismatch',
    category: 'content',
    description: 'A plain-text part that says something different from the HTML part.',
    defaultSeverity: 'warning',
    defaultOptions: { minOverlap: 0.35, minWords: 20 },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { minOverlap: { type: 'number', minimum: 0, maximum: 1 }, minWords: { type: 'integer', minimum: 1 } },
    },
    points: 2,
  },
  messages: {
    differs: (d) => `The text part contains only ${d.pct}% of the words of the HTML part (${d.shared} of ${d.total}): filters compare the two alternatives (SpamAssassin MPART_ALT_DIFF) because spam hides its real message in one of them, and text-only readers miss what the HTML says. Write the text part from the same content.`,
  },
  check(doc, ctx) {
    const ct = contentText(doc);
    if (!ct.html || !ct.text || !doc.text) return;
    const h = wordSet(ct.html.normalized().text);
    if (h.size < ctx.options.minWords) return;
    const t = wordSet(ct.text.normalized().text);
    if (t.size === 0) return; // an empty text part is content/missing-text-part's finding
    let shared = 0;
    for (const w of h) if (t.has(w)) shared++;
    const overlap = shared / h.size;
    if (overlap < ctx.options.minOverlap) {
      ctx.report({ messageId: 'differs', data: { pct: Math.round(overlap * 100), shared, total: h.size }, part: 'text', span: headSpan(doc.text.text), evidence: 'text differs from HTML' });
    }
  },
});
