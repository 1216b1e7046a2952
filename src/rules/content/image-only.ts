import { defineRule } from '../../core/rule.js';
import { renderedForContent } from '../../parse/render.js';
import { collapse, htmlToText } from '../../parse/urls.js';
import { headSpan, utf8Length } from '../util.js';

const BAND = 400;

/** Visible text and image count of an HTML document (the body when there is one). */
export function textAndImages(html: string): { bytes: number; images: number } {
  const noComments = html.replace(/<!--[\s\S]*?(?:-->|$)/g, ' ');
  const open = /<body\b[^>]*>/i.exec(noComments);
  const close = noComments.search(/<\/body\s*>/i);
  const body = open ? noComments.slice(open.index + open[0].length, close > open.index ? close : undefined) : noComments.replace(/<head\b[\s\S]*?<\/head\s*>/i, ' ');
  const images = (body.match(/<img\b/gi) ?? []).length;
  // Without images there is no band to judge: skip the text extraction (the costly part on large HTML).
  if (images === 0) return { bytes: 0, images };
  const text = collapse(htmlToText(body));
  return { bytes: utf8Length(text), images };
}

export default defineRule<{ bandPoints: number[] }>({
  meta: {
    id: 'content/image-only',
    category: 'content',
    description: "Image-only or low-text HTML: images with under 3,200 bytes of text (SpamAssassin's HTML_IMAGE_ONLY_04…_32 bands).",
    defaultSeverity: 'info',
    defaultOptions: { bandPoints: [2.5, 1.8, 1.4, 1.1, 0.9, 0.7, 0.5, 0.3] },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { bandPoints: { type: 'array', items: { type: 'number', minimum: 0 }, minItems: 1, maxItems: 8 } },
    },
    points: 1,
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
    const { bytes, images } = textAndImages(source);
    const bands = ctx.options.bandPoints;
    if (images === 0 || bytes >= bands.length * BAND) return;
    const i = Math.floor(bytes / BAND);
    const band = `HTML_IMAGE_ONLY_${String((i + 1) * 4).padStart(2, '0')}`;
    ctx.report({
      messageId: 'lowText',
      data: { images, bytes, band, range: `${i * BAND}-${(i + 1) * BAND}`, note: rendered ? `rendered with data sample #${rendered.index + 1}; ` : '' },
      part: 'html',
      span: headSpan(html.text),
      evidence: band,
      points: bands[i]!,
    });
  },
});
