import { defineRule } from '../rule.js';
import { extractUrls, isImageRef } from '../../analysis/urls.js';
import { MAX_REDIRECTS, commonVerdicts, redirectVerdicts, reportProbes, type ProbeVerdict } from '../lib/probes.js';

export default defineRule({
  meta: {
    id: 'images/broken',
    category: 'images',
    description: 'Images that do not load (network check): HTTP errors, an HTML page or empty body instead of an image, wrong bytes, redirect problems.',
    defaultSeverity: 'error',
    defaultOptions: {},
    needsProbes: true,
  },
  messages: {
    broken: (d) => `Image ${d.url} does not load${d.note}: ${d.reason}. Recipients see a broken-image icon. Fix the URL or upload the image.`,
    notImage: (d) =>
      `Image URL ${d.url} answers with ${d.type} instead of an image${d.note}${d.reason ? ` (${d.reason})` : ''}: it is probably a login, error or landing page, and recipients see a broken image. Point it at the image file itself.`,
    emptyBody: (d) => `Image URL ${d.url} answers with an empty body${d.note}: recipients see a broken image. Upload the image again and check the URL.`,
    signature: (d) =>
      `Image ${d.url} is not the image it claims to be${d.note}: ${d.reason}. Mail clients and Gmail's image proxy refuse bytes that do not match an image format. Re-export the file as PNG, JPEG or GIF.`,
    tooManyRedirects: (d) => `Image ${d.url} redirects ${d.hops} times (more than ${d.max})${d.note}: Gmail's image proxy and mail clients give up. Link the final image URL directly.`,
    redirectHttp: (d) => `Image ${d.url} redirects to an http: URL (${d.final})${d.note}: the image ends up insecure and is blocked or flagged by https clients. Serve the final image over https.`,
    redirectHost: (d) => `Image ${d.url} redirects to another host (${d.final})${d.note}. Link the final image URL directly to save a round trip, unless the redirect is intended (a CDN).`,
    unknown: (d) => `Could not tell whether image ${d.url} loads${d.note}: ${d.reason} (${d.status}). Not a rejection; check the URL by hand.`,
    refused: (d) => `Image ${d.url} was not checked${d.note}: ${d.reason}. If recipients cannot reach that address either, the image will not load for them; use a public https:// URL.`,
  },
  check(doc, ctx) {
    for (const ref of extractUrls(doc)) {
      if (!isImageRef(ref)) continue;
      reportProbes(ctx, ref, (r) => {
        const common = commonVerdicts(r);
        if (common) return common;
        if (r.status === 'broken') {
          const id = r.code === 'not-image' ? 'notImage' : r.code === 'empty-body' ? 'emptyBody' : r.code === 'signature-mismatch' ? 'signature' : r.code === 'too-many-redirects' ? 'tooManyRedirects' : 'broken';
          return [{ messageId: id, severity: 'rule', data: { type: r.contentType ? `'${r.contentType.split(';')[0]}'` : 'something else', hops: r.redirects?.length ?? 0, max: MAX_REDIRECTS } }];
        }
        const out: ProbeVerdict[] = [];
        // Belt and braces: an "ok" answer must still be an image.
        const type = (r.contentType ?? '').split(';')[0]!.trim().toLowerCase();
        if (type && !type.startsWith('image/') && type !== 'application/octet-stream') {
          out.push({ messageId: 'notImage', severity: 'rule', data: { type: `'${type}'` } });
        } else if (r.bytes === 0) out.push({ messageId: 'emptyBody', severity: 'rule', data: {} });
        out.push(...redirectVerdicts(r));
        return out;
      });
    }
  },
});
