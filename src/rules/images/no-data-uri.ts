import { defineRule } from '../rule.js';
import { extractUrls, isImageRef } from '../../analysis/urls.js';
import { judge, sampleNote } from '../../analysis/url-info.js';
import { formatBytes } from '../lib/util.js';
import { refSpan, where } from '../lib/refs.js';

/** Decoded size of a data: URL payload. */
export function dataUriInfo(url: string): { mime: string; bytes: number } {
  const comma = url.indexOf(',');
  const header = comma < 0 ? url.slice(5) : url.slice(5, comma);
  const payload = comma < 0 ? '' : url.slice(comma + 1);
  const mime = (header.split(';')[0] || 'text/plain').toLowerCase();
  let bytes: number;
  if (/;base64$/i.test(header)) {
    const b64 = payload.replace(/[^A-Za-z0-9+/=_-]/g, '');
    const pad = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
    bytes = Math.max(0, Math.floor((b64.length * 3) / 4) - pad);
  } else {
    bytes = payload.replace(/%[0-9a-fA-F]{2}/g, 'x').length;
  }
  return { mime, bytes };
}

export default defineRule({
  meta: {
    id: 'images/no-data-uri',
    category: 'images',
    description: 'Images embedded as data: URIs, which Gmail and Outlook do not display.',
    defaultSeverity: 'warning',
    defaultOptions: {},
  },
  messages: {
    dataUri: (d) =>
      `Image in ${d.where} is an inline data: URI (${d.mime}, ${d.size})${d.note}: Gmail strips it, Outlook for Windows and many webmail clients block it, and its bytes count towards Gmail's 102 KB clipping limit. Host the image and link it with an https:// URL (or attach it and use cid:).`,
  },
  check(doc, ctx) {
    for (const ref of extractUrls(doc)) {
      if (!isImageRef(ref)) continue;
      for (const j of judge(ref, (info) => (info.scheme === 'data' ? { key: 'data' } : undefined))) {
        const { mime, bytes } = dataUriInfo(j.value.trim());
        ctx.report({
          messageId: 'dataUri',
          data: { where: where(ref), mime, size: formatBytes(bytes), note: sampleNote(j.samples) },
          part: ref.part,
          span: refSpan(ref),
          evidence: `data:${mime}`,
        });
      }
    }
  },
});
