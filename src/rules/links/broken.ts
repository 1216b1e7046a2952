import { defineRule } from '../rule.js';
import { extractUrls } from '../../analysis/urls.js';
import { MAX_REDIRECTS, commonVerdicts, redirectVerdicts, reportProbes } from '../lib/probes.js';

export default defineRule({
  meta: {
    id: 'links/broken',
    category: 'links',
    description: 'Links that do not work (network check): 404/410 and other HTTP errors, too many redirects, redirects to http.',
    defaultSeverity: 'error',
    defaultOptions: {},
    needsProbes: true,
  },
  messages: {
    broken: (d) => `Link ${d.url} is broken${d.note}: ${d.reason}. Recipients land on an error page. Fix the URL (or restore the page).`,
    tooManyRedirects: (d) => `Link ${d.url} redirects ${d.hops} times (more than ${d.max})${d.note}: browsers and link scanners give up, and long redirect chains are a phishing signal. Link the final URL directly.`,
    redirectHttp: (d) => `Link ${d.url} redirects to an http: URL (${d.final})${d.note}: the recipient ends up on an insecure page that any network on the way can read or change. Make the destination https.`,
    redirectHost: (d) => `Link ${d.url} redirects to another host (${d.final})${d.note}. Fine for your own tracking or short domains; otherwise link the destination directly.`,
    unknown: (d) => `Could not tell whether link ${d.url} works${d.note}: ${d.reason} (${d.status}). Not a rejection: sites often refuse automated checks; open it by hand.`,
    refused: (d) => `Link ${d.url} was not checked${d.note}: ${d.reason}. If recipients cannot reach that address either, the link will not work for them; use a public https:// URL.`,
  },
  check(doc, ctx) {
    for (const ref of extractUrls(doc)) {
      if (ref.kind !== 'link') continue;
      reportProbes(ctx, ref, (r) => {
        const common = commonVerdicts(r);
        if (common) return common;
        if (r.status === 'broken') {
          return [{ messageId: r.code === 'too-many-redirects' ? 'tooManyRedirects' : 'broken', severity: 'rule', data: { hops: r.redirects?.length ?? 0, max: MAX_REDIRECTS } }];
        }
        return redirectVerdicts(r);
      });
    }
  },
});
