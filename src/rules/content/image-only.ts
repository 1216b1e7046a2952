import { defineRule } from '../rule.js';
import { renderedForContent } from '../../analysis/render.js';
import { decodeText } from '../../analysis/entities.js';
import { isSpaceCode } from '../../core/chars.js';
import { headSpan } from '../lib/util.js';
import { replaceRawText } from '../../analysis/raw-text.js';

const BAND = 400;

const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const IMG = /<img\b/gi;
const IMG_ANY = /<img\b/i;

/** The HTML without its first <head>…</head> (what `.replace(/<head\b[\s\S]*?<\/head\s*>/i, ' ')` did). */
function withoutHead(html: string): string {
  const open = /<head\b/i.exec(html);
  if (!open) return html;
  const close = /<\/head\s*>/gi;
  close.lastIndex = open.index;
  const c = close.exec(html);
  return c ? html.slice(0, open.index) + ' ' + html.slice(c.index + c[0].length) : html;
}

/**
 * Visible text (UTF-8 bytes, whitespace collapsed, entities decoded) and image count of an HTML document (the
 * body when there is one). `limit`: stop counting text once it reaches this many bytes (the result is then
 * at least `limit`): the bands end at 3,200 bytes, and most mail has more text than that.
 */
export function textAndImages(html: string, limit = Infinity): { bytes: number; images: number } {
  // No <img anywhere: none in the body either (removing comments cannot make one). Most mail has none.
  if (!IMG_ANY.test(html)) return { bytes: 0, images: 0 };
  const noComments = html.includes('<!--') ? html.replace(COMMENT, ' ') : html;
  // Linear searches: `[^>]*` stops at '<' too, and the head is cut by indexOf (a lazy `<head…</head>` regex
  // retried from every '<head' to the end when none closed).
  const open = /<body\b[^<>]*>/i.exec(noComments);
  const close = noComments.search(/<\/body\s*>/i);
  const body = open ? noComments.slice(open.index + open[0].length, close > open.index ? close : undefined) : withoutHead(noComments);
  let images = 0;
  IMG.lastIndex = 0;
  while (IMG.exec(body)) images++;
  // Without images there is no band to judge: skip the text extraction (the costly part on large HTML).
  if (images === 0) return { bytes: 0, images };
  return { bytes: textBytes(body, limit), images };
}

/**
 * `utf8Length(collapse(htmlToText(html)))` in one pass, without building the text: tags count as whitespace,
 * text between them is decoded (decodeText, which cannot match across a tag) and its bytes counted, each
 * whitespace run between words as one byte. Stops once `limit` is reached.
 */
export function textBytes(html: string, limit = Infinity): number {
  let s = html.includes('<!--') ? html.replace(COMMENT, ' ') : html;
  s = replaceRawText(s, ' ');
  let bytes = 0;
  let words = false; // a non-space character was counted
  let space = false; // whitespace (or a tag) since the last one
  // Counts t[from, to) in place: slicing every run between tags cost more than counting it.
  const count = (t: string, from: number, to: number) => {
    for (let k = from; k < to; k++) {
      const c = t.charCodeAt(k);
      if (isSpaceCode(c)) {
        space = true;
        continue;
      }
      if (space && words) bytes++;
      space = false;
      words = true;
      if (c < 0x80) bytes += 1;
      else if (c < 0x800) bytes += 2;
      else if (c >= 0xd800 && c <= 0xdbff && k + 1 < to && (t.charCodeAt(k + 1) & 0xfc00) === 0xdc00) {
        bytes += 4;
        k++;
      } else bytes += 3; // BMP, or a lone surrogate (encoded as U+FFFD)
    }
  };
  let i = 0;
  const n = s.length;
  let amp = s.indexOf('&'); // the next '&' at or after i (-1: none left)
  while (i < n && bytes < limit) {
    const lt = s.indexOf('<', i);
    const gt = lt < 0 ? -1 : s.indexOf('>', lt + 1);
    // A '<' without a later '>' is text, and so is everything after it (no tag can close).
    const textEnd = gt < 0 ? n : lt;
    if (textEnd > i) {
      if (amp >= 0 && amp < i) amp = s.indexOf('&', i);
      if (amp >= 0 && amp < textEnd) {
        const t = decodeText(s.slice(i, textEnd));
        count(t, 0, t.length);
      } else count(s, i, textEnd);
    }
    if (gt < 0) break;
    space = true;
    i = gt + 1;
  }
  return bytes;
}

export default defineRule<{ bands: number }>({
  meta: {
    id: 'content/image-only',
    category: 'content',
    description: "Image-only or low-text HTML: images with under 3,200 bytes of text (SpamAssassin's HTML_IMAGE_ONLY_04…_32 bands).",
    defaultSeverity: 'info',
    defaultOptions: { bands: 8 },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { bands: { type: 'integer', minimum: 1, maximum: 8, description: 'How many 400-byte bands of text count as low (8: under 3,200 bytes).' } },
    },
  },
  messages: {
    lowText: (d) =>
      `The HTML has ${d.images} image${d.images === 1 ? '' : 's'} and only ${d.bytes} bytes of text (${d.note}SpamAssassin ${d.band}: images with ${d.range} bytes of words). Image-heavy mail with little text is a classic spam pattern, and with images off (Outlook's default) the recipient sees an empty message. Put the message in HTML text and keep images for illustration.`,
  },
  check(doc, ctx) {
    const html = doc.html;
    if (!html || !html.outputHtml) return;
    const rendered = renderedForContent(doc, ctx.settings).find((s) => s.html?.output !== undefined);
    const source = rendered?.html?.output ?? html.outputHtml;
    const bands = ctx.options.bands;
    const { bytes, images } = textAndImages(source, bands * BAND);
    if (images === 0 || bytes >= bands * BAND) return;
    const i = Math.floor(bytes / BAND);
    const band = `HTML_IMAGE_ONLY_${String((i + 1) * 4).padStart(2, '0')}`;
    ctx.report({
      messageId: 'lowText',
      data: { images, bytes, band, range: `${i * BAND}-${(i + 1) * BAND}`, note: rendered ? `rendered with data sample #${rendered.index + 1}; ` : '' },
      part: 'html',
      span: headSpan(html.text),
      evidence: band,
    });
  },
});
