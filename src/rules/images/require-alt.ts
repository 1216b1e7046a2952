import { defineRule } from '../rule.js';
import { attribute, elementsByTag } from '../../analysis/template-doc.js';

const FILENAME = /^[\w\-. ]+\.(?:png|jpe?g|gif|webp|svg|bmp|avif|tiff?)$|^(?:img|image|dsc|screenshot)[-_ ]?\d+$/i;

export default defineRule({
  meta: {
    id: 'images/require-alt',
    category: 'images',
    description: 'Images without an alt attribute (or with a file name as alt text).',
    defaultSeverity: 'warning',
    defaultOptions: {},
  },
  messages: {
    missing: (d) =>
      `<${d.tag}> has no alt attribute: with images off (the default in Outlook for Windows and many corporate clients) and in screen readers the recipient gets nothing, or the file name. Describe the image in alt="…", or write alt="" if it is decorative.`,
    filename: (d) => `The alt text '${d.alt}' is a file name: it tells the reader nothing. Describe what the image shows, or write alt="" if it is decorative.`,
  },
  check(doc, ctx) {
    const html = doc.html;
    if (!html) return;
    for (const el of elementsByTag(html, 'img', 'mj-image')) {
      const tag = el.tagName.toLowerCase();
      const role = (el.attribs.role ?? '').toLowerCase();
      if (el.attribs['aria-hidden'] === 'true' || role === 'presentation' || role === 'none') continue;
      const alt = attribute(html, el, 'alt');
      const start = el.startIndex ?? 0;
      if (!alt) {
        ctx.report({ messageId: 'missing', data: { tag }, part: 'html', span: { start, end: start + 1 + tag.length }, evidence: el.attribs.src ?? tag });
      } else if (!alt.dynamic && FILENAME.test(alt.raw.trim())) {
        ctx.report({ messageId: 'filename', data: { alt: alt.raw.trim() }, part: 'html', span: alt.span, evidence: alt.raw.trim() });
      }
    }
  },
});
