import { defineRule } from '../rule.js';
import { extractUrls } from '../../analysis/urls.js';
import { judge, sampleNote, webHost } from '../../analysis/url-info.js';
import { refSpan, shown } from '../lib/refs.js';

/** Does a host match a shortener list entry? 'bit.ly' matches bit.ly and www.bit.ly; '.page.link' any subdomain. */
export function matchShortener(host: string, entries: readonly unknown[]): string | undefined {
  const h = host.toLowerCase().replace(/\.$/, '');
  const index = shortenerIndex(entries);
  // The first entry in list order that matches: the exact entries by lookup, the suffix entries before it in turn.
  let found = index.exact.get(h);
  if (h.startsWith('www.')) {
    const w = index.exact.get(h.slice(4));
    if (w && (!found || w.order < found.order)) found = w;
  }
  for (const s of index.suffixes) {
    if (found && s.order > found.order) break;
    if (h.endsWith(s.entry) && h.length > s.entry.length) return s.entry;
  }
  return found?.entry;
}

interface ShortenerIndex {
  /** Entries matched as the whole host (or www. and it), by entry; the first occurrence in the list. */
  exact: Map<string, { entry: string; order: number }>;
  /** Entries starting with '.', matched as a suffix, in list order. */
  suffixes: { entry: string; order: number }[];
}

/** The lower-cased, trimmed entries of a list, built once per list object. */
const shortenerIndexes = new WeakMap<readonly unknown[], ShortenerIndex>();
function shortenerIndex(list: readonly unknown[]): ShortenerIndex {
  let index = shortenerIndexes.get(list);
  if (!index) {
    index = { exact: new Map(), suffixes: [] };
    list.forEach((e, order) => {
      if (typeof e !== 'string' || !e) return;
      const entry = e.toLowerCase().trim();
      if (entry.startsWith('.')) index!.suffixes.push({ entry, order });
      else if (!index!.exact.has(entry)) index!.exact.set(entry, { entry, order });
    });
    shortenerIndexes.set(list, index);
  }
  return index;
}

export default defineRule({
  meta: {
    id: 'links/no-shortener',
    category: 'links',
    description: 'Links through public URL shorteners (bit.ly, t.co, tinyurl.com…; list in rules/lists/shorteners.yaml).',
    defaultSeverity: 'warning',
    defaultOptions: {},
  },
  messages: {
    shortener: (d) =>
      `Link goes through the URL shortener ${d.host}${d.note}: ${d.url}. Shorteners hide the destination, are heavily used by spammers and phishers, and filters score or block them (SpamAssassin's URL shortener rules, Microsoft Defender and Gmail phishing checks). Link to the destination on your own domain (a branded tracking domain of your own is fine).`,
  },
  check(doc, ctx) {
    const list = ctx.list<string>('shorteners');
    if (!list.length) return;
    // Mail links repeat a few hosts: each is matched once.
    const byHost = new Map<string, string | undefined>();
    const shortener = (host: string) => {
      if (!byHost.has(host)) byHost.set(host, matchShortener(host, list));
      return byHost.get(host);
    };
    for (const ref of extractUrls(doc)) {
      if (ref.kind !== 'link') continue;
      for (const j of judge(ref, (info) => {
        // A bare www. name in the text part is a link there (mail clients make it one).
        const host = webHost(info) ?? (!info.host && info.relative && ref.part === 'text' && /^www\./i.test(info.cleaned) ? info.cleaned.split(/[/?#]/)[0] : undefined);
        if (!host) return undefined;
        const entry = shortener(host);
        return entry ? { key: host, host } : undefined;
      })) {
        ctx.report({ messageId: 'shortener', data: { host: j.verdict.host, url: shown(j.value), note: sampleNote(j.samples) }, part: ref.part, span: refSpan(ref), evidence: j.verdict.host });
      }
    }
  },
});
