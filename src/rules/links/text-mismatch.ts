import { defineRule } from '../rule.js';
import { extractUrls, type UrlRef } from '../../analysis/urls.js';
import { analyzeUrl, judge, sameSite, sampleNote } from '../../analysis/url-info.js';
import { refSpan, shown } from '../lib/refs.js';

/** TLDs a bare "word.tld" must end with to count as a domain (file names like report.pdf must not). */
const COMMON_TLDS = new Set(
  'com net org edu gov mil int info biz io co ai app dev me tv us uk de fr es it nl be ch at se no dk fi pl pt ru cn jp kr in au ca br mx ar za nz ie sg hk tw id my th vn ph tr gr cz hu ro ua il ae sa eu asia xyz online site shop store top club live pro'.split(' '),
);

// Starts only where a token may start (not inside an e-mail address or a longer word): from every position of
// 100 KB of `a.a.a.` the label repetition ran to the end and back, which was quadratic.
const TOKEN = /(?<![@\w.-])(?:https?:\/\/)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}(?::\d+)?(?:[/?#][^\s<>"']*)?/gi;

/** Hosts a visible link text claims (URLs and domain names written in it). */
export function claimedHosts(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(TOKEN)) {
    const token = trimPunctuation(m[0]);
    const hasScheme = /^https?:\/\//i.test(token);
    let url: URL;
    try {
      url = new URL(hasScheme ? token : `http://${token}`);
    } catch {
      continue;
    }
    const host = url.hostname.toLowerCase();
    const tld = host.split('.').pop() ?? '';
    if (!hasScheme && !/^www\./i.test(token) && !COMMON_TLDS.has(tld)) continue;
    out.add(host);
  }
  return [...out];
}

/** The token without trailing sentence punctuation (a loop: `/[.,;:!?)]+$/` retries from every dot of a run). */
function trimPunctuation(token: string): string {
  let end = token.length;
  while (end > 0 && '.,;:!?)'.includes(token[end - 1]!)) end--;
  return token.slice(0, end);
}

interface Pair {
  href: string;
  text: string;
  samples: number[];
}

function pairs(ref: UrlRef): Pair[] {
  const staticText = ref.linkText ?? '';
  const textDynamic = ref.resolvedText !== undefined;
  if (!ref.dynamic || !ref.resolved.length) {
    if (!textDynamic || !ref.resolvedText!.length) return [{ href: ref.value, text: staticText, samples: [] }];
    return ref.resolvedText!.map((t) => ({ href: ref.value, text: t.text, samples: [t.sample] }));
  }
  const out: Pair[] = [];
  if (!textDynamic) {
    for (const r of ref.resolved) out.push({ href: r.url, text: staticText, samples: [r.sample] });
    return out;
  }
  // Pair the n-th URL of a sample with its n-th text (links inside {{#each}}); grouped once, not per URL.
  const texts = new Map<number, { text: string }[]>();
  for (const t of ref.resolvedText!) {
    const list = texts.get(t.sample);
    if (list) list.push(t);
    else texts.set(t.sample, [t]);
  }
  const nth = new Map<number, number>();
  for (const r of ref.resolved) {
    const n = nth.get(r.sample) ?? 0;
    nth.set(r.sample, n + 1);
    const list = texts.get(r.sample) ?? [];
    const t = list[n] ?? (list.length === 1 ? list[0] : undefined);
    if (t) out.push({ href: r.url, text: t.text, samples: [r.sample] });
  }
  return out;
}

export default defineRule({
  meta: {
    id: 'links/text-mismatch',
    category: 'links',
    description:
      'Link text that shows a URL or domain different from where the link really goes (the classic phishing pattern); a link address that shows a user name before `@` or hides its host in %-escapes.',
    defaultSeverity: 'error',
    defaultOptions: {},
  },
  messages: {
    mismatch: (d) =>
      `The link text shows ${d.shown} but the link goes to ${d.actual}${d.note}. Text that names one site while the link leads to another is the classic phishing pattern: Gmail, Outlook and Thunderbird warn about it and filters score it (SpamAssassin's phishing rules, Microsoft Defender). Make the text name the real destination, or use words instead of a URL.`,
    userinfo: (d) =>
      `The link address starts with "${d.user}@"${d.note}, but everything before the @ is a user name: the link goes to ${d.actual}. A site name written before an @ makes the address read as another site (SpamAssassin HTTP_USERNAME_USED; browsers warn about it or refuse such links). Link to the address itself, without a user name.`,
    escaped: (d) =>
      `The host of this link is written with %-escapes (${d.written})${d.note}: it goes to ${d.actual}, which a reader cannot see in the address. Escaped host names hide where a link goes (SpamAssassin HTTP_ESCAPED_HOST); no sender needs them. Write the host name plainly.`,
  },
  check(doc, ctx) {
    for (const ref of extractUrls(doc)) {
      if (ref.kind !== 'link') continue;
      // The address itself shows another site than it goes to (any part: a URL in the text part too).
      for (const j of judge(ref, (info) => (info.userinfo !== undefined && (info.scheme === 'http' || info.scheme === 'https') && info.host ? { key: `u ${info.userinfo}`, user: info.userinfo, host: info.host } : undefined))) {
        const { user, host } = j.verdict;
        ctx.report({ messageId: 'userinfo', data: { user: shown(user), actual: shown(host), note: sampleNote(j.samples) }, part: ref.part, span: refSpan(ref), evidence: `${user}@` });
      }
      for (const j of judge(ref, (info) => (info.hostEscaped && (info.scheme === 'http' || info.scheme === 'https') && info.host ? { key: `e ${info.host}`, written: info.hostWritten ?? '', host: info.host } : undefined))) {
        const { written, host } = j.verdict;
        ctx.report({ messageId: 'escaped', data: { written: shown(written), actual: shown(host), note: sampleNote(j.samples) }, part: ref.part, span: refSpan(ref), evidence: `escaped host ${host}` });
      }
      if (ref.part !== 'html') continue;
      const seen = new Map<string, number[]>();
      const found: { claimed: string; actual: string; samples: number[] }[] = [];
      for (const p of pairs(ref)) {
        const claimed = claimedHosts(p.text);
        if (!claimed.length) continue;
        const info = analyzeUrl(p.href);
        if (!info.host || (info.scheme !== 'http' && info.scheme !== 'https')) continue;
        const bad = claimed.find((c) => !sameSite(c, info.host!));
        if (!bad) continue;
        const key = `${bad} ${info.host}`;
        const prev = seen.get(key);
        if (prev) prev.push(...p.samples.filter((s) => !prev.includes(s)));
        else {
          const entry = { claimed: bad, actual: info.host, samples: [...p.samples] };
          seen.set(key, entry.samples);
          found.push(entry);
        }
      }
      for (const f of found) {
        ctx.report({
          messageId: 'mismatch',
          data: { shown: f.claimed, actual: shown(f.actual), note: sampleNote(f.samples) },
          part: 'html',
          span: refSpan(ref),
          evidence: `${f.claimed} → ${f.actual}`,
        });
      }
    }
  },
});
