/**
 * SSRF guard: decides whether a URL may be fetched, before any connection is made.
 *
 * Only http: and https: are allowed. The host is resolved first and the request is refused if ANY
 * resolved address is not public unicast (loopback, RFC 1918, link-local and cloud metadata, CGNAT,
 * multicast, broadcast, reserved, documentation, benchmarking, unique-local IPv6, and IPv6 forms that
 * embed such an IPv4 address: mapped, compatible, NAT64, 6to4, Teredo).
 *
 * The addresses returned on success are the ones the caller must connect to (see http.ts: the agent's
 * connect.lookup returns them), so a DNS answer that changes between check and connect cannot
 * redirect the request (DNS rebinding).
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { withoutTrailing } from '../core/chars.js';

export interface LookupAddress {
  address: string;
  family: number;
}

/** Resolves a host name to all its addresses (like dns.promises.lookup(host, { all: true })). */
export type LookupFn = (hostname: string) => Promise<LookupAddress[]>;

export const defaultLookup: LookupFn = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export interface AddressClass {
  /** Normalised address text. */
  address: string;
  family: 4 | 6;
  /** Range name: ipaddr.js range names, refined ('documentation', 'benchmarking', 'cloudMetadata', ...). */
  range: string;
  /** Public unicast: fetching it is allowed. */
  public: boolean;
  /** Human phrase used in refusal reasons: "a loopback address". */
  label: string;
  /** For IPv6 forms that embed an IPv4 address (mapped, compatible, NAT64, 6to4, Teredo): that address. */
  embedded?: AddressClass;
}

const v4 = (text: string): [ipaddr.IPv4, number] => ipaddr.IPv4.parseCIDR(text);
const v6 = (text: string): [ipaddr.IPv6, number] => ipaddr.IPv6.parseCIDR(text);

/** Refinements checked before ipaddr.js's own range names, for clearer reasons. */
const V4_REFINED: { range: string; label: string; cidr: [ipaddr.IPv4, number] }[] = [
  { range: 'cloudMetadata', label: 'a cloud metadata address', cidr: v4('169.254.169.254/32') },
  { range: 'cloudMetadata', label: 'a cloud metadata address', cidr: v4('100.100.100.200/32') },
  { range: 'documentation', label: 'a documentation address (RFC 5737)', cidr: v4('192.0.2.0/24') },
  { range: 'documentation', label: 'a documentation address (RFC 5737)', cidr: v4('198.51.100.0/24') },
  { range: 'documentation', label: 'a documentation address (RFC 5737)', cidr: v4('203.0.113.0/24') },
  { range: 'benchmarking', label: 'a benchmarking address (RFC 2544)', cidr: v4('198.18.0.0/15') },
  { range: 'thisNetwork', label: 'a "this network" address (0.0.0.0/8)', cidr: v4('0.0.0.0/8') },
];

const V4_LABELS: Record<string, string> = {
  unspecified: 'an unspecified address',
  broadcast: 'the broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address',
  loopback: 'a loopback address',
  carrierGradeNat: 'a carrier-grade NAT address (RFC 6598)',
  private: 'a private address (RFC 1918)',
  reserved: 'a reserved address',
};
/** IPv4 ranges that are public unicast (AS112 and AMT are ordinary anycast services). */
const V4_PUBLIC = new Set(['unicast', 'as112', 'amt']);

const V6_REFINED: { range: string; label: string; cidr: [ipaddr.IPv6, number] }[] = [
  { range: 'cloudMetadata', label: 'a cloud metadata address', cidr: v6('fd00:ec2::254/128') },
  { range: 'documentation', label: 'a documentation address (RFC 3849)', cidr: v6('2001:db8::/32') },
  { range: 'documentation', label: 'a documentation address (RFC 9637)', cidr: v6('3fff::/20') },
  { range: 'nat64Local', label: 'a local-use NAT64 address (RFC 8215)', cidr: v6('64:ff9b:1::/48') },
];

const V6_LABELS: Record<string, string> = {
  unspecified: 'an unspecified address',
  linkLocal: 'a link-local address',
  multicast: 'a multicast address',
  loopback: 'a loopback address',
  uniqueLocal: 'a unique-local address (fc00::/7)',
  deprecatedSiteLocal: 'a site-local address',
  discard: 'a discard-only address',
  benchmarking: 'a benchmarking address (RFC 5180)',
  reserved: 'a reserved address',
  deprecatedOrchid: 'an ORCHID address',
  orchid2: 'an ORCHID address',
  droneRemoteIdProtocolEntityTags: 'a non-routable identifier address',
  segmentRouting: 'a segment-routing address',
};
const V6_PUBLIC = new Set(['unicast', 'amt', 'as112v6']);
const GLOBAL_UNICAST_V6 = v6('2000::/3');

function classifyV4(addr: ipaddr.IPv4): AddressClass {
  const address = addr.toString();
  for (const r of V4_REFINED) {
    if (addr.match(r.cidr)) return { address, family: 4, range: r.range, public: false, label: r.label };
  }
  const range = addr.range();
  if (V4_PUBLIC.has(range)) return { address, family: 4, range, public: true, label: 'a public address' };
  return { address, family: 4, range, public: false, label: V4_LABELS[range] ?? 'a non-public address' };
}

function v4FromParts(hi: number, lo: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([(hi >> 8) & 0xff, hi & 0xff, (lo >> 8) & 0xff, lo & 0xff]);
}

/** An IPv6 form that embeds an IPv4 address takes the IPv4 address's verdict. */
function embedding(address: string, range: string, form: string, inner: ipaddr.IPv4): AddressClass {
  const embedded = classifyV4(inner);
  return {
    address,
    family: 6,
    range,
    public: embedded.public,
    label: `${form} of ${embedded.address}, ${embedded.label}`,
    embedded,
  };
}

function classifyV6(addr: ipaddr.IPv6): AddressClass {
  const address = addr.toString();
  const p = addr.parts as [number, number, number, number, number, number, number, number];
  for (const r of V6_REFINED) {
    if (addr.match(r.cidr)) return { address, family: 6, range: r.range, public: false, label: r.label };
  }
  const range = addr.range();
  switch (range) {
    case 'ipv4Mapped':
      return embedding(address, range, 'an IPv4-mapped address', addr.toIPv4Address());
    case 'rfc6145':
      return embedding(address, range, 'an IPv4-translated address', v4FromParts(p[6], p[7]));
    case 'rfc6052':
      return embedding(address, range, 'a NAT64 address', v4FromParts(p[6], p[7]));
    case '6to4':
      return embedding(address, range, 'a 6to4 address', v4FromParts(p[1], p[2]));
    case 'teredo':
      // The Teredo client address is stored bit-inverted in the last 32 bits.
      return embedding(address, range, 'a Teredo address', v4FromParts(~p[6] & 0xffff, ~p[7] & 0xffff));
    default:
      break;
  }
  if (range === 'unicast' && p[0] === 0 && p[1] === 0 && p[2] === 0 && p[3] === 0 && p[4] === 0 && p[5] === 0) {
    // ::a.b.c.d, the deprecated IPv4-compatible form (::1 and :: were matched above).
    return embedding(address, 'ipv4Compatible', 'an IPv4-compatible address', v4FromParts(p[6], p[7]));
  }
  if (V6_PUBLIC.has(range) && addr.match(GLOBAL_UNICAST_V6)) {
    return { address, family: 6, range, public: true, label: 'a public address' };
  }
  if (range === 'unicast') {
    return { address, family: 6, range: 'unallocated', public: false, label: 'not a global unicast address (outside 2000::/3)' };
  }
  return { address, family: 6, range, public: false, label: V6_LABELS[range] ?? 'a non-public address' };
}

/** Classifies an IP address (IPv4 in any inet_aton form, IPv6 with or without brackets). */
export function classifyAddress(ip: string): AddressClass {
  const text = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    addr = ipaddr.parse(text.replace(/%.*$/, ''));
  } catch {
    return { address: ip, family: text.includes(':') ? 6 : 4, range: 'invalid', public: false, label: 'not a valid IP address' };
  }
  return addr.kind() === 'ipv4' ? classifyV4(addr as ipaddr.IPv4) : classifyV6(addr as ipaddr.IPv6);
}

/** Host names that name internal infrastructure; refused before any DNS query. */
const METADATA_HOSTS = new Set([
  'metadata.google.internal',
  'metadata.goog',
  'metadata',
  'instance-data',
  'instance-data.ec2.internal',
  'metadata.azure.internal',
]);
const INTERNAL_SUFFIXES = ['.localhost', '.internal', '.local', '.localdomain', '.home.arpa', '.intranet', '.corp', '.lan'];
const INTERNAL_NAMES = new Set(['localhost', 'localhost.localdomain', 'ip6-localhost', 'ip6-loopback']);

/** Why a host name is refused by name alone, or undefined. `allowPrivate` lifts all but the metadata names. */
export function classifyHostname(hostname: string, allowPrivate = false): string | undefined {
  const name = withoutTrailing(hostname, '.').toLowerCase();
  if (METADATA_HOSTS.has(name)) return `${hostname} is a cloud metadata host name`;
  if (allowPrivate) return undefined;
  if (INTERNAL_NAMES.has(name)) return `${hostname} names the local machine`;
  const suffix = INTERNAL_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) return `${hostname} is an internal host name (*${suffix})`;
  if (!name.includes('.')) return `${hostname} is a single-label (intranet) host name`;
  return undefined;
}

export type TargetCheck =
  | { ok: true; url: URL; hostname: string; addresses: LookupAddress[] }
  | { ok: false; code: 'bad-scheme' | 'ssrf-refused' | 'dns-error'; reason: string; errorCode?: string };

export interface TargetCheckOptions {
  allowPrivate?: boolean;
  lookup?: LookupFn;
}

/**
 * Decides whether `url` may be fetched. Resolves the host (unless it is an IP literal) and checks every
 * address. `allowPrivate` lifts the address and internal-name checks, never the scheme check, and never
 * the cloud metadata addresses and names (no email template legitimately points there).
 */
export async function checkUrlTarget(url: string | URL, options: TargetCheckOptions = {}): Promise<TargetCheck> {
  const allowPrivate = options.allowPrivate ?? false;
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return { ok: false, code: 'bad-scheme', reason: 'refused: not an absolute URL' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { ok: false, code: 'bad-scheme', reason: `refused: the ${parsed.protocol} scheme is not fetched (only http: and https:)` };
  }
  const host = parsed.hostname.startsWith('[') ? parsed.hostname.slice(1, -1) : parsed.hostname;
  if (!host) return { ok: false, code: 'bad-scheme', reason: 'refused: the URL has no host' };

  if (isIP(host)) {
    const cls = classifyAddress(host);
    if (!cls.public && !(allowPrivate && cls.range !== 'cloudMetadata' && cls.embedded?.range !== 'cloudMetadata')) {
      return { ok: false, code: 'ssrf-refused', reason: `refused: ${cls.address} is ${cls.label}` };
    }
    return { ok: true, url: parsed, hostname: host, addresses: [{ address: host, family: cls.family }] };
  }

  const byName = classifyHostname(host, allowPrivate);
  if (byName) return { ok: false, code: 'ssrf-refused', reason: `refused: ${byName}` };

  let addresses: LookupAddress[];
  try {
    addresses = await (options.lookup ?? defaultLookup)(host);
  } catch (error) {
    const errorCode = (error as { code?: string }).code;
    return { ok: false, code: 'dns-error', reason: `DNS lookup of ${host} failed (${errorCode ?? String(error)})`, ...(errorCode ? { errorCode } : {}) };
  }
  if (addresses.length === 0) {
    return { ok: false, code: 'dns-error', reason: `DNS lookup of ${host} returned no address`, errorCode: 'ENOTFOUND' };
  }
  for (const a of addresses) {
    const cls = classifyAddress(a.address);
    const metadata = cls.range === 'cloudMetadata' || cls.embedded?.range === 'cloudMetadata';
    if (!cls.public && (!allowPrivate || metadata || cls.range === 'invalid')) {
      return { ok: false, code: 'ssrf-refused', reason: `refused: ${host} resolves to ${cls.address}, ${cls.label}` };
    }
  }
  return { ok: true, url: parsed, hostname: host, addresses };
}
