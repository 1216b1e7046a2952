import { defineRule } from '../rule.js';
import { extractUrls } from '../../analysis/urls.js';
import { judge, sampleNote } from '../../analysis/url-info.js';
import { refNoun, refSpan, shown } from '../lib/refs.js';

export default defineRule({
  meta: {
    id: 'links/no-nonstandard-port',
    category: 'links',
    description: 'Links and images on a non-standard port (https://example.com:8443/).',
    defaultSeverity: 'warning',
    defaultOptions: {},
  },
  messages: {
    port: (d) =>
      `${d.what} uses port ${d.port}${d.note}: ${d.url}. Corporate firewalls and proxies often block ports other than 80/443, and SpamAssassin scores it (WEIRD_PORT, "Uses non-standard port number for HTTP"). Serve it on the standard port and drop ':${d.port}' from the URL.`,
  },
  check(doc, ctx) {
    for (const ref of extractUrls(doc)) {
      for (const j of judge(ref, (info) => (info.port !== undefined && (info.scheme === 'http' || info.scheme === 'https') ? { key: String(info.port), port: info.port } : undefined))) {
        ctx.report({
          messageId: 'port',
          data: { what: refNoun(ref), port: j.verdict.port, note: sampleNote(j.samples), url: shown(j.value) },
          part: ref.part,
          span: refSpan(ref),
          evidence: `:${j.verdict.port}`,
        });
      }
    }
  },
});
