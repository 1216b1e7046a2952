import { defineRule } from '../rule.js';
import { extractUrls, isImageRef } from '../../analysis/urls.js';
import { formatBytes } from '../lib/util.js';
import { reportProbes } from '../lib/probes.js';

export default defineRule<{ maxBytes: number }>({
  meta: {
    id: 'images/file-size',
    category: 'images',
    description: 'Very large image files (network check; 1 MB by default, or what the probe marks as large).',
    defaultSeverity: 'warning',
    defaultOptions: { maxBytes: 1024 * 1024 },
    schema: { type: 'object', additionalProperties: false, properties: { maxBytes: { type: 'integer', minimum: 1 } } },
    needsProbes: true,
  },
  messages: {
    large: (d) =>
      `Image ${d.url} is ${d.size}${d.note}, over ${d.max}: it loads slowly on mobile data, counts against recipients' data plans, and some clients and proxies give up on large images. Resize it to at most twice its display width and compress it (JPEG/WebP for photos, PNG for flat graphics).`,
  },
  check(doc, ctx) {
    for (const ref of extractUrls(doc)) {
      if (!isImageRef(ref)) continue;
      reportProbes(ctx, ref, (r) => {
        if (r.status !== 'ok') return [];
        const over = r.bytes !== undefined ? r.bytes > ctx.options.maxBytes : r.large === true;
        if (!over && !(r.large && r.bytes === undefined)) return [];
        return [{ messageId: 'large', severity: 'rule', data: { size: r.bytes !== undefined ? formatBytes(r.bytes) : 'large', max: formatBytes(ctx.options.maxBytes) } }];
      });
    }
  },
});
