import { defineRule } from '../rule.js';
import { extractUrls } from '../../analysis/urls.js';
import { judge, sampleNote } from '../../analysis/url-info.js';
import { refSpan, shown } from '../lib/refs.js';

export default defineRule({
  meta: {
    id: 'links/require-https',
    category: 'links',
    description: 'Links on plain http: instead of https:.',
    defaultSeverity: 'warning',
    defaultOptions: {},
  },
  messages: {
    http: (d) =>
      `Link uses plain http${d.note}: ${d.url}. Browsers mark the page "Not secure", any network on the way can read or change it (including the tokens in the URL), and Gmail's bulk-sender guidelines expect https links. Use https://.`,
  },
  check(doc, ctx) {
    for (const ref of extractUrls(doc)) {
      if (ref.kind !== 'link' && ref.kind !== 'stylesheet') continue;
      for (const j of judge(ref, (info) => (info.scheme === 'http' ? { key: 'http' } : undefined))) {
        const literal = /^\s*http:/i.test(ref.url) ? ref.url.search(/http:/i) : -1;
        ctx.report({
          messageId: 'http',
          data: { url: shown(j.value), note: sampleNote(j.samples) },
          part: ref.part,
          span: refSpan(ref),
          evidence: j.value,
          ...(literal >= 0 ? { fix: { span: { start: ref.span.start + literal, end: ref.span.start + literal + 4 }, text: 'https' } } : {}),
        });
      }
    }
  },
});
