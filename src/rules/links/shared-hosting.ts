import { defineRule } from '../rule.js';
import { extractUrls } from '../../analysis/urls.js';
import { judge, normalHost, privateSuffix, sampleNote, webHost } from '../../analysis/url-info.js';
import { refSpan, shown } from '../lib/refs.js';
import { SENDING_SERVICES, under } from './brand-lookalike.js';

/**
 * Content-delivery networks are in the PSL's private section (`cloudfront.net`, `azureedge.net`) because
 * each customer gets a subdomain, but what they serve is a sender's own assets, not a page anyone set up;
 * mail-sending services' tracking hosts likewise.
 */
const NOT_HOSTING: readonly string[] = [...SENDING_SERVICES, 'cloudfront.net', 'azureedge.net', 'akamaihd.net', 'akamaized.net', 'akamai.net', 'edgekey.net', 'edgesuite.net', 'fastly.net', 'fastlylb.net', 'b-cdn.net'];

/**
 * The list entry a link falls under: `weebly.com` for `x.weebly.com`, `docs.google.com/forms` for its forms.
 * `h` is the link's host as normalHost gives it (the rule has normalised it already for its other checks).
 */
export function matchHostingPlatform(h: string, path: string, entries: readonly unknown[]): string | undefined {
  for (const e of entries) {
    if (typeof e !== 'string' || !e) continue;
    const entry = e.toLowerCase().trim();
    const slash = entry.indexOf('/');
    if (slash < 0) {
      if (under(h, entry)) return entry;
    } else if (h === entry.slice(0, slash) && path.toLowerCase().startsWith(entry.slice(slash))) return entry;
  }
  return undefined;
}

export default defineRule<{ privateSuffixes: boolean }>({
  meta: {
    id: 'links/shared-hosting',
    category: 'links',
    description: 'Links to a site on a shared hosting platform where anyone can publish a page (the Public Suffix List private section: web.app, github.io, pages.dev…; and the hostingPlatforms list: weebly.com, ipfs.io…).',
    defaultSeverity: 'warning',
    defaultOptions: { privateSuffixes: true },
    schema: { type: 'object', additionalProperties: false, properties: { privateSuffixes: { type: 'boolean' } } },
  },
  messages: {
    hosting: (d) =>
      `Link goes to ${d.host}${d.note}, a site on ${d.platform}, a platform where anyone can publish a page: ${d.url}. Phishing pages are hosted on such platforms because a page there is free, has a valid certificate and borrows the platform's reputation, so filters weigh links to them (SpamAssassin's URI_FIREBASEAPP, reputation of shared hosts in Microsoft Defender and Gmail). Link to a page on your own domain.`,
  },
  check(doc, ctx) {
    const list = ctx.list<string>('hostingPlatforms');
    const usePsl = ctx.options.privateSuffixes;
    if (!list.length && !usePsl) return;
    const byKey = new Map<string, string | undefined>();
    const platform = (host: string, path: string): string | undefined => {
      const key = `${host} ${path}`;
      if (!byKey.has(key)) {
        const h = normalHost(host);
        let found: string | undefined;
        if (!NOT_HOSTING.some((d) => under(h, d))) found = matchHostingPlatform(h, path, list) ?? (usePsl ? privateSuffix(h) : undefined);
        byKey.set(key, found);
      }
      return byKey.get(key);
    };
    for (const ref of extractUrls(doc)) {
      if (ref.kind !== 'link') continue;
      for (const j of judge(ref, (info) => {
        const host = webHost(info);
        if (!host) return undefined;
        const found = platform(host, info.url?.pathname ?? '');
        return found ? { key: host, host, platform: found } : undefined;
      })) {
        ctx.report({ messageId: 'hosting', data: { host: j.verdict.host, platform: j.verdict.platform, url: shown(j.value), note: sampleNote(j.samples) }, part: ref.part, span: refSpan(ref), evidence: j.verdict.host });
      }
    }
  },
});
