/**
 * What can be known about a URL that may contain template expressions: its scheme, host and port when
 * they are written literally, and the WHATWG-parsed URL when the whole thing is static (or resolved).
 * Also: per-reference "candidates" (the static value, or each sample-resolved value) for rules.
 */
import ipaddr from 'ipaddr.js';
import type * as Tldts from 'tldts';
import type { UrlRef } from './urls.js';
import { requireDependency } from '../core/cjs.js';
import { Memo } from '../core/memo.js';

// Required, not imported: Node's export lexer over tldts' 199 KB CommonJS bundle cost start-up (core/cjs.ts).
const { getDomain, parse: parseHost } = requireDependency('tldts') as typeof Tldts;

export interface UrlInfo {
  /** The value as a browser sees it: tabs/newlines removed, leading/trailing controls and spaces trimmed. */
  cleaned: string;
  /** Lower-case scheme without ':' (undefined: no scheme, or unknown). */
  scheme?: string;
  /** False when a template expression hides whether there is a scheme (`{{url}}`, `http{{s}}://`). */
  schemeKnown: boolean;
  /** `//host/x`: no scheme, resolved against a base URL mail clients do not have. */
  protocolRelative: boolean;
  /** No scheme and not protocol-relative (known): `images/a.png`, `/a`, `www.x.com/a`. */
  relative: boolean;
  /** Host (lower case, WHATWG-normalised: IDN to punycode, numeric IPv4 forms to dotted quads). */
  host?: string;
  /** The host as written (before normalisation). */
  hostWritten?: string;
  /** Explicit non-default port. */
  port?: number;
  /** The user name (and password) written before an `@` in the authority: `http://www.bank.com@host/`. */
  userinfo?: string;
  /** The host as written has %-escapes (`%77%77%77.example.com`): a browser decodes them, a reader cannot. */
  hostEscaped?: boolean;
  /** Fully parsed URL, when the value is static and absolute. */
  url?: URL;
  /** True when the value contains template expressions. */
  dynamic: boolean;
}

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

export function cleanUrl(value: string): string {
  // Trimmed by loops (the URL standard's C0-control-or-space trim): `[…]+$` retries from every character of
  // a long run of spaces, which is quadratic on a long run of whitespace in an attribute.
  const v = value.replace(/[\t\n\r]/g, '');
  let start = 0;
  let end = v.length;
  while (start < end && v.charCodeAt(start) <= 0x20) start++;
  while (end > start && v.charCodeAt(end - 1) <= 0x20) end--;
  return start === 0 && end === v.length ? v : v.slice(start, end);
}

/**
 * Where a placeholder starts: Handlebars `{{…}}`, and the merge tags other senders' templates carry, which
 * their ESP replaces at send time — Mailchimp `*|UNSUB|*`, `%%unsubscribe%%`, `[[…]]`, `<%…%>`, `${…}`,
 * Mailgun `%unsubscribe_url%`, SendGrid legacy `[unsubscribe]`.
 */
// `{name}`: braces are not URL characters (RFC 3986), so `{url}` or `/order/{id}` is a placeholder (URI templates,
// PrestaShop, Mautic), never a literal address; nor is a Liquid/Jinja/Django tag (`{% absolute_uri %}`), nor a
// value that starts with a brace: an expression attribute (Phoenix HEEx, JSX, Svelte: `href={@reset_link}`).
// Nor is PHP's `<?php … ?>` / `<?= … ?>`, a printf conversion `%s` / `%1$s` (`s` is no hex digit: never a
// %-escape; Nextcloud's and WordPress plugins' mails), a numbered format item `{0}` (.NET, ICU), or a value
// written inside a string literal of the host language, whose quotes are escaped (`href=\"{0}\"` in a
// Razor localizer string: the attribute reads as `\`), or a Paid Memberships Pro tag `!!login_link!!`.
const PLACEHOLDER = /^\{|\{\{|\{%|\*\||%%|\[\[|<%|<\?|\$\{|%[A-Za-z_][\w.-]*%|%(?:\d{1,2}\$)?s|\[[A-Za-z_][\w-]*\]|\{[A-Za-z_][\w.]*\}|\{\d{1,3}\}|!![A-Za-z_]\w{0,60}!!|^\\(?:["']|$)/;

/** What a URL value is (scheme, host, port, relative or dynamic): a fresh, frozen answer per call. */
export function analyzeUrl(value: string): UrlInfo {
  return Object.freeze(analyze(value));
}

function analyze(value: string): UrlInfo {
  const cleaned = cleanUrl(value);
  const at = cleaned.search(PLACEHOLDER);
  const dynamic = at >= 0;
  const prefix = dynamic ? cleaned.slice(0, at) : cleaned;
  const info: UrlInfo = { cleaned, schemeKnown: true, protocolRelative: false, relative: false, dynamic };
  const m = SCHEME.exec(prefix);
  if (m) {
    info.scheme = m[1]!.toLowerCase();
  } else if (/^[/\\]{2}/.test(prefix)) {
    info.protocolRelative = true;
  } else if (!dynamic || /[/?#]/.test(prefix) || (prefix !== '' && /[^a-zA-Z0-9+.-]/.test(prefix))) {
    // Static without a scheme, or a literal path/query/fragment (or a character no scheme has) comes first.
    info.relative = true;
  } else {
    info.schemeKnown = false;
    return info;
  }
  if (info.relative) return info;
  // Authority: after 'scheme://' (or '//') up to the first / ? # (or \ for special schemes).
  const afterScheme = info.scheme ? cleaned.slice(info.scheme.length + 1) : cleaned;
  if (!/^[/\\]{2}/.test(afterScheme)) {
    if (!dynamic) info.url = tryUrl(cleaned);
    return info;
  }
  const rest = afterScheme.slice(2);
  const end = rest.search(/[/?#\\]/);
  const authority = end < 0 ? rest : rest.slice(0, end);
  if (PLACEHOLDER.test(authority)) return info;
  const userEnd = authority.lastIndexOf('@');
  if (userEnd >= 0) info.userinfo = authority.slice(0, userEnd);
  const hostPort = authority.slice(userEnd + 1);
  info.hostWritten = hostPort.replace(/:(?:\d|%3[0-9])*$/i, '').toLowerCase();
  if (/%[0-9a-f]{2}/i.test(hostPort)) info.hostEscaped = true;
  let base = tryUrl(`${info.scheme ?? 'https'}://${authority}/`);
  // An escaped port makes the whole URL invalid to the URL standard, but filters (SpamAssassin's URI
  // canonicalisation) and older clients decode the escapes: read the host as they do.
  if (!base && info.hostEscaped) base = tryUrl(`${info.scheme ?? 'https'}://${authority.slice(0, userEnd + 1)}${percentDecodeAscii(hostPort)}/`);
  if (base) {
    info.host = base.hostname.toLowerCase();
    if (base.port) info.port = Number(base.port);
  } else {
    info.host = info.hostWritten;
  }
  if (!dynamic && info.scheme) info.url = tryUrl(cleaned);
  return info;
}

/** %XX escapes of ASCII characters decoded (others left as written). */
function percentDecodeAscii(s: string): string {
  return s.replace(/%([0-7][0-9a-f])/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function tryUrl(s: string): URL | undefined {
  try {
    return new URL(s);
  } catch {
    return undefined;
  }
}

/** The IP address a (normalised) host is, or undefined for a domain name. */
export function ipLiteral(host: string | undefined): IpLiteral | undefined {
  if (!host) return undefined;
  // Mail repeats a host many times (fuzz seed 14 #2103: 21,000 links to one IP address, parsed by ipaddr.js
  // for each, by three rules): the last hosts' answers are kept (a few hundred, emptied when full).
  if (host.length > 255) return parseIpLiteral(host); // longer than any domain name: not kept
  const known = ipLiterals.get(host);
  if (known !== undefined) return known ?? undefined;
  const ip = parseIpLiteral(host);
  if (ipLiterals.size >= 512) ipLiterals.clear();
  ipLiterals.set(host, ip ?? null);
  return ip;
}

type IpLiteral = { address: string; version: 4 | 6; range: string };
const ipLiterals = new Map<string, IpLiteral | null>();

function parseIpLiteral(host: string): IpLiteral | undefined {
  const h = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  // Hosts here are WHATWG-normalised (hex, octal and single-number IPv4 forms are already dotted decimal):
  // anything but digits and dots without a ':' is a domain name. (ipaddr.js tries several parsers otherwise.)
  if (!h.includes(':') && !/^[\d.]+$/.test(h)) return undefined;
  try {
    if (ipaddr.IPv4.isValidFourPartDecimal(h)) {
      const a = ipaddr.IPv4.parse(h);
      return { address: a.toString(), version: 4, range: a.range() };
    }
    if (h.includes(':') && ipaddr.IPv6.isValid(h)) {
      const a = ipaddr.IPv6.parse(h);
      return { address: a.toString(), version: 6, range: a.range() };
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * The host of a link a reader opens as a web page: http(s), or no scheme written (a host-only or
 * protocol-relative value); undefined for other schemes (mailto:, tel:, sms:…) and values without a host.
 */
export function webHost(info: UrlInfo): string | undefined {
  return info.host && (!info.scheme || info.scheme === 'http' || info.scheme === 'https') ? info.host : undefined;
}

/** Host equality for "same site" checks: ignore a leading www. and a trailing dot. */
export function normalHost(host: string): string {
  return host.toLowerCase().replace(/\.$/, '').replace(/^www\./, '');
}

/**
 * Two hosts belong to one site: equal, one a subdomain of the other, or the same registrable domain by the
 * Public Suffix List (`shop.example.com` and `click.example.com`, as mail click-tracking domains are;
 * Thunderbird's link-text check compares these base domains too). Private suffixes count (`github.io`,
 * `herokuapp.com`): `paypal.github.io` and `evil.github.io` are different sites.
 */
export function sameSite(a: string, b: string): boolean {
  const x = normalHost(a);
  const y = normalHost(b);
  if (x === y || x.endsWith(`.${y}`) || y.endsWith(`.${x}`)) return true;
  const dx = getDomain(x, PSL_OPTIONS);
  return dx !== null && dx === getDomain(y, PSL_OPTIONS);
}

const PSL_OPTIONS = { allowPrivateDomains: true, validateHostname: false } as const;

/**
 * The private public suffix a host is under (`web.app` for `login-x.web.app`, `github.io`, `herokuapp.com`),
 * from the Public Suffix List's PRIVATE section: a shared platform on which anyone can create a subdomain
 * as a site of their own. Undefined for hosts under an ordinary (ICANN) suffix and for IP addresses.
 */
export function privateSuffix(host: string): string | undefined {
  const r = parseHost(normalHost(host), PSL_OPTIONS);
  return r.isPrivate && !r.isIp && r.publicSuffix && r.domain ? r.publicSuffix : undefined;
}

export interface Candidate {
  /** The value judged: a sample-resolved URL, or the template's own value (static parts only). */
  value: string;
  /** Samples (0-based indexes) that produce this value; empty when judged statically. */
  samples: number[];
}

/** What to judge for a reference: each distinct sample-resolved URL, or the written value. */
/**
 * A relative URL resolved against the asset base URL (settings.baseUrl: where the build publishes the
 * template's folder), or the value itself when it is not relative or there is no base.
 */
export function withBase(value: string, base: unknown): string {
  if (typeof base !== 'string' || !/^https?:\/\//i.test(base)) return value;
  const info = analyzeUrl(value);
  // 'www.example.com/x' is a forgotten scheme, not a path under the base.
  if (!info.relative || info.dynamic || info.cleaned === '' || info.cleaned.startsWith('#') || /^www\./i.test(info.cleaned)) return value;
  try {
    return new URL(info.cleaned, base).href;
  } catch {
    return value;
  }
}

/**
 * Does a relative value read as a host written without its scheme ("facebook.com/acme", not "./img/a.png")?
 * Its first segment is a name under a public suffix, and that suffix is not also a common file extension
 * (`.zip`, `.md`, `.py` are top-level domains too: "report.zip" is a file).
 */
export function hostLike(value: string): boolean {
  const first = value.trim().split(/[/?#]/, 1)[0]!;
  if (!/^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/i.test(first)) return false;
  const p = parseHost(first);
  return p.isIcann === true && p.domain !== null && !FILE_SUFFIXES.has(p.publicSuffix ?? '');
}
const FILE_SUFFIXES = new Set(['zip', 'mov', 'md', 'py', 'sh', 'pl', 'rs', 'ps', 'cc', 'cs', 'ai', 'so', 'mp', 'ts', 'gz', 'pdf', 'doc', 'txt', 'csv', 'png', 'jpg', 'gif', 'svg']);

/** An asset base URL is set: relative URLs are rewritten against it when the template is built. */
export function hasBaseUrl(settings: Record<string, unknown>): boolean {
  return typeof settings.baseUrl === 'string' && /^https?:\/\//i.test(settings.baseUrl);
}

export function candidates(ref: UrlRef): Candidate[] {
  if (!ref.dynamic || ref.resolved.length === 0) return [{ value: ref.value, samples: [] }];
  const by = new Map<string, number[]>();
  for (const r of ref.resolved) {
    const list = by.get(r.url) ?? [];
    if (!list.includes(r.sample)) list.push(r.sample);
    by.set(r.url, list);
  }
  return [...by].map(([value, samples]) => ({ value, samples }));
}

/**
 * Every image and link rule judges the same references: their candidates are analysed once per reference
 * (a reference belongs to one TemplateDoc, so this goes with the review).
 */
const analyzedByRef = new Memo<UrlRef, (Candidate & { info: UrlInfo })[]>();
function analyzedCandidates(ref: UrlRef): (Candidate & { info: UrlInfo })[] {
  let list = analyzedByRef.get(ref);
  if (!list) {
    const shared = sharedInfos.get(ref);
    list = candidates(ref).map((c) => ({ ...c, info: shared ? infoFrom(shared, c.value) : analyzeUrl(c.value) }));
    analyzedByRef.set(ref, list);
  }
  return list;
}

/**
 * The references of one template share one map of frozen infos by value (mail repeats a few URLs many
 * times: each is parsed once per review). Set by extractUrls for the references it returns.
 */
const sharedInfos = new Memo<UrlRef, Map<string, UrlInfo>>();

export function shareUrlInfos(refs: readonly UrlRef[]): void {
  const infos = new Map<string, UrlInfo>();
  for (const r of refs) sharedInfos.set(r, infos);
}

function infoFrom(infos: Map<string, UrlInfo>, value: string): UrlInfo {
  let info = infos.get(value);
  if (!info) infos.set(value, (info = analyzeUrl(value)));
  return info;
}

/** What a reference's written value is (analyzeUrl, shared with the other references of its template). */
export function refValueInfo(ref: UrlRef): UrlInfo {
  const shared = sharedInfos.get(ref);
  return shared ? infoFrom(shared, ref.value) : analyzeUrl(ref.value);
}

/** " (with data sample #2)" / " (with data samples #1, #3)" / '' for a statically judged value. */
export function sampleNote(samples: number[]): string {
  if (!samples.length) return '';
  const shown = samples.slice(0, 3).map((s) => `#${s + 1}`).join(', ');
  const more = samples.length > 3 ? ` and ${samples.length - 3} more` : '';
  return ` (with data sample${samples.length > 1 ? 's' : ''} ${shown}${more})`;
}

/**
 * Judge every candidate of a reference and group equal verdicts, so a rule reports once per reference
 * and distinct problem rather than once per sample.
 */
export function judge<V extends { key: string }>(ref: UrlRef, evaluate: (info: UrlInfo, value: string) => V | undefined): { verdict: V; value: string; samples: number[] }[] {
  const list = analyzedCandidates(ref);
  // Most references have one candidate (a static value): no grouping (16,000 links in a fuzzed text part
  // spent a third of their rules' time building the map).
  if (list.length === 1) {
    const c = list[0]!;
    const v = evaluate(c.info, c.value);
    return v ? [{ verdict: v, value: c.value, samples: [...c.samples] }] : [];
  }
  const out = new Map<string, { verdict: V; value: string; samples: number[] }>();
  for (const c of list) {
    const v = evaluate(c.info, c.value);
    if (!v) continue;
    const prev = out.get(v.key);
    if (prev) prev.samples.push(...c.samples.filter((s) => !prev.samples.includes(s)));
    else out.set(v.key, { verdict: v, value: c.value, samples: [...c.samples] });
  }
  return [...out.values()];
}
