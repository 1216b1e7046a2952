import { defineRule } from '../rule.js';
import { extractUrls, isImageRef } from '../../analysis/urls.js';
import { judge, sampleNote } from '../../analysis/url-info.js';
import { refSpan, shown, where } from '../lib/refs.js';

export default defineRule({
  meta: {
    id: 'images/require-https',
    category: 'images',
    description: 'Image URLs (img, srcset, backgrounds, VML, MJML) on plain http: instead of https:.',
    defaultSeverity: 'warning',
    defaultOptions: {},
  },
  messages: {
    http: (d) =>
      `Image URL in ${d.where} uses plain http${d.note}: ${d.url}. Clients on https (Outlook on the web, Apple Mail, most corporate gateways) block or warn about insecure images, and anyone on the network path can swap the picture. Serve the image over https:// and change the URL.`,
  },
  check(doc, ctx) {
    for (const ref of extractUrls(doc)) {
      if (!isImageRef(ref)) continue;
      for (const j of judge(ref, (info) => (info.scheme === 'http' ? { key: 'http' } : undefined))) {
        const literal = /^\s*http:/i.test(ref.url) ? ref.url.search(/http:/i) : -1;
        ctx.report({
          messageId: 'http',
          data: { where: where(ref), url: shown(j.value), note: sampleNote(j.samples) },
          part: ref.part,
          span: refSpan(ref),
          evidence: j.value,
          ...(literal >= 0 ? { fix: { span: { start: ref.span.start + literal, end: ref.span.start + literal + 4 }, text: 'https' } } : {}),
        });
      }
    }
  },
});
