import { defineRule } from '../rule.js';
import type { Part } from '../../core/types.js';
import { extractUrls } from '../../analysis/urls.js';
import { contentText, type PartText } from '../../analysis/text.js';
import { sourceSpan } from '../../analysis/normalize.js';
import { hasWordKey, wordKey } from '../../analysis/matcher.js';
import { ipLiteral, judge, normalHost, webHost } from '../../analysis/url-info.js';
import { brandIndex, isBrandEntry, SENDING_SERVICES, under, type BrandEntry } from './brand-lookalike.js';
import { replaceTags } from '../../analysis/raw-text.js';

/**
 * Where mail speaks as a brand: "Dear eBay member", "your PayPal account", "Amazon Payments team",
 * "Greetings from Apple", "尊敬的支付宝用户". A brand named in passing ("pay with PayPal", "follow us on
 * Facebook") is not the mail's identity and does not count.
 */
const ROLE = String.raw`(?:customer|member|user|client|account[ -]?holder|seller|buyer|subscriber|cardholder|owner)s?`;
const OWNED = String.raw`(?:account|password|id|card|profile|membership|billing(?: information| info| details)?|mailbox|e[- ]?mail|inbox|order|payment|subscription|credentials|login|log[- ]?in|sign[- ]?in|wallet)s?`;
const DEPT = String.raw`(?:security|account|accounts|billing|support|customer (?:service|support|care)|fraud(?: prevention| department)?|verification|safeharbor|trust (?:&|and) safety|payments|online banking|help ?desk)(?: (?:team|department|center|centre|services?|notice|alert|update|division))?`;
const ZH_ROLE = '(?:用户|会员|客户|卖家|买家|持卡人)';
const ZH_OWNED = '(?:账号|账户|帐号|帐户|密码|邮箱|会员|钱包|订单)';
const ZH_DEPT = '(?:安全中心|客服中心|客服|团队|安全团队|账户中心)';
/** Subject words of account, payment, delivery and document lures, where a named brand is the mail's identity. */
const SUBJECT_CUE = /\b(?:account|security|verif(?:y|ication)|confirm(?:ation)?|update|alert|suspen(?:d|ded|sion)|locked|limited|restricted|billing|password|sign[- ]?in|log[- ]?in|notice|unusual|unauthori[sz]ed|fraud|invoice|payment|document|voicemail|expir(?:e|es|ed|ing|ation))\b|账号|账户|帐户|密码|验证|安全|冻结|异常|到期/i;

interface Claims {
  /** One regex for the body, one for the subject: the one group that matched is the brand as written. */
  body: RegExp;
  subject: RegExp;
  /** Lower-cased written name → its entry. */
  byName: Map<string, BrandEntry>;
  /**
   * Keys (wordKey) of the first words of the ASCII names: every match of either regex has a name in it, and
   * such a name starts where a word of the normalised text starts. A text with none of these words and none
   * of `otherStarts` is not searched (most mail names no brand). Undefined when a name starts with no letter
   * or digit.
   */
  firstWords: Set<number> | undefined;
  /** The other names (微信) up to their first space: a text that names one of them contains this. */
  otherStarts: string[];
}

/** Printable ASCII only: a name matched in Latin text (the others are matched in Chinese text). */
const isAscii = (s: string) => /^[\x20-\x7e]+$/.test(s);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Brand entries may carry `text`: names as written in prose (微信, Office 365) besides the brand and host names. */
function writtenNames(e: BrandEntry): string[] {
  const text = (e as BrandEntry & { text?: unknown }).text;
  return [e.brand, ...e.names, ...(Array.isArray(text) ? text.map(String) : [])].filter((n) => n.length >= 2);
}

const claimsCache = new WeakMap<readonly unknown[], Claims>();
function claimsFor(list: readonly unknown[]): Claims | undefined {
  let c = claimsCache.get(list);
  if (c) return c;
  const byName = new Map<string, BrandEntry>();
  for (const e of list.filter(isBrandEntry)) {
    for (const n of writtenNames(e)) if (!byName.has(n.toLowerCase())) byName.set(n.toLowerCase(), e);
  }
  if (!byName.size) return undefined;
  // Longest first, so "Bank of America" wins over a shorter name inside it; spaces in a name match any run of them.
  const names = [...byName.keys()].sort((a, b) => b.length - a.length).map((n) => escape(n).replace(/ /g, '\\s+'));
  const latin = names.filter(isAscii);
  const han = names.filter((n) => !isAscii(n));
  const B = `(?<![\\w.@-])(${latin.join('|')})(?:\\.com)?(?![\\w@-])`;
  const parts = [
    String.raw`\bdear\s+(?:valued\s+)?${B}\s+${ROLE}\b`,
    String.raw`\byour\s+${B}'?s?\s+${OWNED}\b`,
    String.raw`${B}\s+${DEPT.replace(/ /g, '\\s+')}\b`,
    String.raw`\b(?:greetings|regards|sincerely|thanks|thank\s+you)\s*,?\s*(?:from\s+)?(?:the\s+)?${B}`,
  ];
  if (han.length) {
    const H = `(${han.join('|')})`;
    parts.push(`尊敬的${H}${ZH_ROLE}`, `您的${H}${ZH_OWNED}`, `${H}${ZH_DEPT}`);
  }
  // Each alternative has one group, the brand: claims() takes whichever matched.
  const body = new RegExp(parts.map((p) => `(?:${p})`).join('|'), 'gi');
  const subject = new RegExp(`(?<![\\w.@-])(${[...latin, ...han].join('|')})(?:\\.com)?(?![\\w@-])`, 'gi');
  let firstWords: Set<number> | undefined = new Set();
  const otherStarts: string[] = [];
  for (const n of byName.keys()) {
    if (!isAscii(n)) {
      otherStarts.push(n.split(' ')[0]!);
      continue;
    }
    const first = /^[a-z0-9]+/.exec(n)?.[0];
    if (first) firstWords?.add(wordKey(first));
    else firstWords = undefined;
  }
  c = { body, subject, byName, firstWords, otherStarts };
  claimsCache.set(list, c);
  return c;
}

interface Claim {
  entry: BrandEntry;
  part: Part;
  start: number;
  end: number;
  written: string;
}

/**
 * The first place each brand is claimed as the mail's identity, in subject, HTML and text order. Read in the
 * normalised text the content rules share (entities decoded, look-alike letters and spelled-out names read as
 * letters: `РayРal` and `P a y P a l` are PayPal), with spans mapped back to the source.
 */
function claims(parts: (PartText | undefined)[], c: Claims, source: (part: Part) => string): Claim[] {
  const out = new Map<BrandEntry, Claim>();
  for (const pt of parts) {
    if (!pt) continue;
    const n = pt.normalized();
    const re = pt.part === 'subject' ? c.subject : c.body;
    if (pt.part === 'subject' && !SUBJECT_CUE.test(n.text)) continue;
    if (c.firstWords && !hasWordKey(n, c.firstWords) && !c.otherStarts.some((o) => n.text.includes(o))) continue;
    re.lastIndex = 0;
    for (let m = re.exec(n.text); m; m = re.exec(n.text)) {
      const written = m.slice(1).find((g) => g !== undefined);
      const entry = written ? c.byName.get(written.replace(/\s+/g, ' ')) : undefined;
      if (!entry || out.has(entry)) continue;
      const span = sourceSpan(n, m.index, m.index + m[0].length);
      // As the reader sees it (tags between the words read as a space), for the message.
      const shown = replaceTags(source(pt.part).slice(span.start, span.end), ' ').replace(/\s+/g, ' ').trim();
      out.set(entry, { entry, part: pt.part, start: span.start, end: span.end, written: shown || m[0] });
    }
  }
  return [...out.values()];
}

export default defineRule({
  meta: {
    id: 'links/brand-impersonation',
    category: 'links',
    description: "Mail that speaks as a well-known brand (\"Dear PayPal member\", \"your Apple ID\") and links to hosts that are not the brand's (list in rules/lists/brands.yaml).",
    defaultSeverity: 'warning',
    defaultOptions: {
      /** Mail-sending and click-tracking services a brand's own mail links through. */
      ignore: SENDING_SERVICES,
    },
  },
  messages: {
    impersonation: (d) =>
      `"${d.claim}" speaks as ${d.brand}, but the template links to ${d.host}${d.more}, which is not one of ${d.brand}'s domains (${d.domains}). Mail that names a brand as its sender and sends the reader elsewhere is what phishing looks like, and filters check it (Gmail's and Microsoft Defender's brand-impersonation checks, DMARC alignment of the brand's domain). If you are ${d.brand}, add your sending and link domains to its entry in your pack's brands list; otherwise do not write as ${d.brand}, and link to ${d.brand}'s real domain where you mean it.`,
  },
  check(doc, ctx) {
    const list = ctx.list<unknown>('brands');
    if (!list.length) return;
    const c = claimsFor(list);
    if (!c) return;
    const ct = contentText(doc);
    const found = claims([ct.subject, ct.html, ct.text], c, (part) => (part === 'html' ? doc.html?.text : part === 'text' ? doc.text?.text : doc.subject?.text) ?? '');
    if (!found.length) return;
    const ignore = Array.isArray(ctx.options.ignore) ? (ctx.options.ignore as unknown[]).map((d) => String(d).toLowerCase()) : [];
    // Link hosts a reader is sent to (not images): literal, or as TemplateData samples render them.
    const hosts = new Set<string>();
    for (const ref of extractUrls(doc)) {
      if (ref.kind !== 'link') continue;
      for (const j of judge(ref, (info) => {
        const host = webHost(info);
        return host ? { key: host } : undefined;
      })) {
        const h = normalHost(j.verdict.key);
        if (h && !ignore.some((d) => under(h, d))) hosts.add(h);
      }
    }
    // Hosts of any listed brand (social and app-store links in a footer) do not count against another brand;
    // the claimed brand's own are among them.
    const index = brandIndex(list);
    const foreign = [...hosts].filter((h) => ipLiteral(h) || !index.domains.some((d) => under(h, d)));
    if (!foreign.length) return;
    for (const claim of found) {
      const own = index.entries.find((e) => e.entry === claim.entry)!.domains;
      ctx.report({
        messageId: 'impersonation',
        data: {
          claim: claim.written,
          brand: claim.entry.brand,
          host: foreign[0]!,
          more: foreign.length > 1 ? ` (and ${foreign.length - 1} other host${foreign.length > 2 ? 's' : ''})` : '',
          domains: own.slice(0, 3).join(', ') + (own.length > 3 ? '…' : ''),
        },
        part: claim.part,
        span: { start: claim.start, end: claim.end },
        evidence: `${claim.entry.brand} → ${foreign[0]}`,
      });
    }
  },
});
