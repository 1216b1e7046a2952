import { defineRule } from '../rule.js';
import { extractUrls } from '../../analysis/urls.js';
import { ipLiteral, judge, normalHost, sampleNote, webHost } from '../../analysis/url-info.js';
import { refSpan, shown } from '../lib/refs.js';

/**
 * An entry of the `brands` list: a brand, the names that stand for it in a host (a whole part), the stems
 * that also count at the start or end of a part (coined names), and the domains it owns.
 */
export interface BrandEntry {
  brand: string;
  names: string[];
  stems?: string[];
  domains: string[];
}

export function isBrandEntry(e: unknown): e is BrandEntry {
  const b = e as Partial<BrandEntry> | null;
  return typeof b === 'object' && b !== null && typeof b.brand === 'string' && Array.isArray(b.names) && Array.isArray(b.domains);
}

/**
 * Does a host name a brand without being one of the brand's domains? The host is split at dots and hyphens;
 * a name matches a whole part (`paypal-secure.com`, `paypal.com.login-user.info`, `ups-tracking.info` but
 * not `groups.io`), a stem also the start or end of one (`paypalsecure.net`, `securepaypal.net`). The brand's own
 * domains and their subdomains never match, nor do hosts under `ignore` (mail-sending services that give
 * each customer a subdomain: `ebay.doubleclick.net`).
 */
export function brandLookalike(host: string, entries: readonly unknown[], ignore: readonly string[] = []): { entry: BrandEntry; name: string } | undefined {
  const h = normalHost(host);
  if (!h || ipLiteral(h)) return undefined;
  if (ignore.some((d) => under(h, d.toLowerCase()))) return undefined;
  const parts = h.split(/[.-]+/).filter(Boolean);
  const index = brandIndex(entries);
  // Most hosts name no brand: one set lookup per part and a pass over the stems decide that.
  if (!parts.some((p) => index.names.has(p)) && !index.stems.some((s) => parts.some((p) => p.startsWith(s) || p.endsWith(s)))) return undefined;
  for (const e of index.entries) {
    if (e.domains.some((d) => under(h, d))) continue;
    for (const name of e.names) if (name && parts.includes(name)) return { entry: e.entry, name };
    for (const stem of e.stems) if (stem && parts.some((p) => p.startsWith(stem) || p.endsWith(stem))) return { entry: e.entry, name: stem };
  }
  return undefined;
}

/** Mail-sending and click-tracking services: their customers' links go through them, on subdomains often named after the customer. */
export const SENDING_SERVICES: readonly string[] = ['doubleclick.net', 'sendgrid.net', 'list-manage.com', 'mcsv.net', 'rsgsv.net', 'exacttarget.com', 'mandrillapp.com', 'sparkpostmail.com', 'mailgun.org', 'hubspotlinks.com', 'awstrack.me', 'mktoweb.com', 'mkt.com'];

/** `host` is `domain` or a subdomain of it. */
export function under(host: string, domain: string): boolean {
  return host === domain || (host.length > domain.length && host.endsWith(domain) && host.charCodeAt(host.length - domain.length - 1) === 46 /* . */);
}

export interface BrandIndex {
  /** The list's brand entries in order, their names, stems and domains lower-cased. */
  entries: { entry: BrandEntry; names: string[]; stems: string[]; domains: string[] }[];
  /** Every name of every entry. */
  names: Set<string>;
  /** Every domain of every entry. */
  domains: string[];
  /** Every non-empty stem of every entry. */
  stems: string[];
}

/** The lower-cased form of a list, built once per list object (a config's lists live as long as it does). */
const brandIndexes = new WeakMap<readonly unknown[], BrandIndex>();
export function brandIndex(list: readonly unknown[]): BrandIndex {
  let index = brandIndexes.get(list);
  if (!index) {
    const lower = (xs: readonly unknown[]) => xs.map((x) => String(x).toLowerCase());
    const entries = list.filter(isBrandEntry).map((entry) => ({ entry, names: lower(entry.names), stems: lower(entry.stems ?? []), domains: lower(entry.domains) }));
    index = { entries, names: new Set(entries.flatMap((e) => e.names)), domains: entries.flatMap((e) => e.domains), stems: entries.flatMap((e) => e.stems).filter(Boolean) };
    brandIndexes.set(list, index);
  }
  return index;
}

export default defineRule({
  meta: {
    id: 'links/brand-lookalike',
    category: 'links',
    description: 'Links to hosts that name a well-known brand but are not its domains (paypal-secure-login.com; list in rules/lists/brands.yaml).',
    defaultSeverity: 'warning',
    defaultOptions: {
      /** Mail-sending and click-tracking services whose customers get subdomains named after them. */
      ignore: SENDING_SERVICES,
    },
  },
  messages: {
    lookalike: (d) =>
      `Link goes to ${d.host}${d.note}, which names ${d.brand} but is not one of ${d.brand}'s domains (${d.domains}): ${d.url}. Look-alike domains are how phishing passes for a brand, and filters flag them (Microsoft Defender impersonation protection, Gmail's phishing checks, SpamAssassin's URIBL lists of phishing hosts). Link to your own domain, or to the brand's real domain when you mean the brand.`,
  },
  check(doc, ctx) {
    const list = ctx.list<unknown>('brands');
    if (!list.length) return;
    const ignore = Array.isArray(ctx.options.ignore) ? (ctx.options.ignore as unknown[]).map(String) : [];
    // Mail links repeat a few hosts: each is judged once.
    const byHost = new Map<string, ReturnType<typeof brandLookalike>>();
    const lookalike = (host: string) => {
      if (!byHost.has(host)) byHost.set(host, brandLookalike(host, list, ignore));
      return byHost.get(host);
    };
    for (const ref of extractUrls(doc)) {
      if (ref.kind !== 'link') continue;
      for (const j of judge(ref, (info) => {
        const host = webHost(info);
        if (!host) return undefined;
        const m = lookalike(host);
        return m ? { key: host, host, entry: m.entry } : undefined;
      })) {
        const { entry } = j.verdict;
        ctx.report({
          messageId: 'lookalike',
          data: { host: j.verdict.host, brand: entry.brand, domains: entry.domains.slice(0, 3).join(', ') + (entry.domains.length > 3 ? '…' : ''), url: shown(j.value), note: sampleNote(j.samples) },
          part: ref.part,
          span: refSpan(ref),
          evidence: j.verdict.host,
        });
      }
    }
  },
});
