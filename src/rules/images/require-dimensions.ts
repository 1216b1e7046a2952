import { defineRule } from '../rule.js';
import { attribute, elementsByTag } from '../../analysis/template-doc.js';

export default defineRule<{ requireHeight: boolean }>({
  meta: {
    id: 'images/require-dimensions',
    category: 'images',
    description: 'Images without width/height attributes (Outlook shows them at their file size; layouts jump when images are off).',
    defaultSeverity: 'warning',
    defaultOptions: { requireHeight: true },
    schema: { type: 'object', additionalProperties: false, properties: { requireHeight: { type: 'boolean' } } },
  },
  messages: {
    missing: () =>
      '<img> has neither width nor height: Outlook for Windows shows it at the pixel size of the file (a 2× retina image comes out twice as wide and breaks the layout), and with images off the box collapses. Add width="…" and height="…" in pixels, without "px".',
    width: () =>
      '<img> has no width attribute: Outlook for Windows ignores CSS width on images and shows them at the pixel size of the file. Add width="…" (display width in pixels, without "px").',
    height: () =>
      '<img> has no height: while it loads or with images off the box collapses and the layout jumps. Add height="…" in pixels (or style="height:auto" next to a width for a fluid image).',
    unit: (d) => `width="${d.value}": Outlook only understands a plain number of pixels here. Write width="${d.fixed}".`,
  },
  check(doc, ctx) {
    const html = doc.html;
    if (!html) return;
    for (const el of elementsByTag(html, 'img')) {
      const start = el.startIndex ?? 0;
      const span = { start, end: start + 4 };
      const style = (el.attribs.style ?? '').toLowerCase();
      const width = attribute(html, el, 'width');
      const hasHeight = el.attribs.height !== undefined || /(^|;|\s)(max-)?height\s*:/.test(style);
      if (!width && !hasHeight) {
        ctx.report({ messageId: 'missing', part: 'html', span, evidence: el.attribs.src ?? 'img' });
        continue;
      }
      if (!width) ctx.report({ messageId: 'width', part: 'html', span, evidence: el.attribs.src ?? 'img' });
      else if (!width.dynamic && /^\s*\d+(\.\d+)?\s*px\s*$/i.test(width.raw)) {
        // The number: the value is `\s*N\s*px\s*` (a regex taking `\s*px\s*$` off read leading spaces quadratically).
        const fixed = width.raw.trim().slice(0, -2).trim();
        ctx.report({ messageId: 'unit', data: { value: width.raw, fixed }, part: 'html', span: width.span, evidence: width.raw, fix: { span: width.span, text: fixed } });
      }
      if (!hasHeight && ctx.options.requireHeight) ctx.report({ messageId: 'height', part: 'html', span, evidence: el.attribs.src ?? 'img' });
    }
  },
});
