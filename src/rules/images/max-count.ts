import { defineRule } from '../rule.js';
import { elementsByTag } from '../../analysis/template-doc.js';

export default defineRule<{ max: number }>({
  meta: {
    id: 'images/max-count',
    category: 'images',
    description: 'More images than a message should carry (50 by default).',
    defaultSeverity: 'warning',
    defaultOptions: { max: 50 },
    schema: { type: 'object', additionalProperties: false, properties: { max: { type: 'integer', minimum: 1 } } },
  },
  messages: {
    tooMany: (d) =>
      `The template has ${d.count} images, over ${d.max}: each is a separate download (slow on mobile, and every one is fetched again by Gmail's image proxy), image-heavy mail scores as spam, and with images off the message is mostly empty. Merge small images, use HTML text and CSS for buttons and spacing, and remove tracking or spacer images.`,
  },
  check(doc, ctx) {
    const html = doc.html;
    if (!html) return;
    const images = elementsByTag(html, 'img', 'mj-image');
    if (images.length <= ctx.options.max) return;
    const first = images[ctx.options.max]!;
    const start = first.startIndex ?? 0;
    ctx.report({
      messageId: 'tooMany',
      data: { count: images.length, max: ctx.options.max },
      part: 'html',
      span: { start, end: start + 1 + first.tagName.length },
      evidence: String(images.length),
    });
  },
});
