import { describe, expect, it, vi } from 'vitest';
import { checkUrlTarget, classifyAddress, classifyHostname, type LookupFn } from '../../src/probe/ssrf.js';

/** A lookup that must never be called (literal hosts and refused names need no DNS). */
const noLookup: LookupFn = async (host) => {
  throw new Error(`unexpected lookup of ${host}`);
};
const fixedLookup = (...addresses: string[]): LookupFn =>
  vi.fn(async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback', 'a loopback address'],
    ['127.255.1.2', 'loopback', 'a loopback address'],
    ['10.0.0.5', 'private', 'a private address (RFC 1918)'],
    ['172.16.0.1', 'private', 'a private address (RFC 1918)'],
    ['172.31.255.255', 'private', 'a private address (RFC 1918)'],
    ['192.168.1.1', 'private', 'a private address (RFC 1918)'],
    ['169.254.169.254', 'cloudMetadata', 'a cloud metadata address'],
    ['169.254.10.10', 'linkLocal', 'a link-local address'],
    ['100.64.0.1', 'carrierGradeNat', 'a carrier-grade NAT address (RFC 6598)'],
    ['100.127.255.254', 'carrierGradeNat', 'a carrier-grade NAT address (RFC 6598)'],
    ['224.0.0.1', 'multicast', 'a multicast address'],
    ['239.255.255.250', 'multicast', 'a multicast address'],
    ['255.255.255.255', 'broadcast', 'the broadcast address'],
    ['0.0.0.0', 'thisNetwork', 'a "this network" address (0.0.0.0/8)'],
    ['0.1.2.3', 'thisNetwork', 'a "this network" address (0.0.0.0/8)'],
    ['198.18.0.1', 'benchmarking', 'a benchmarking address (RFC 2544)'],
    ['198.19.255.1', 'benchmarking', 'a benchmarking address (RFC 2544)'],
    ['192.0.2.1', 'documentation', 'a documentation address (RFC 5737)'],
    ['198.51.100.7', 'documentation', 'a documentation address (RFC 5737)'],
    ['203.0.113.9', 'documentation', 'a documentation address (RFC 5737)'],
    ['240.0.0.1', 'reserved', 'a reserved address'],
    ['192.0.0.8', 'reserved', 'a reserved address'],
  ])('IPv4 %s is %s', (ip, range, label) => {
    const c = classifyAddress(ip);
    expect(c).toMatchObject({ family: 4, range, public: false, label });
  });

  it.each(['93.184.216.34', '8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '169.255.0.1', '192.175.48.1'])(
    'IPv4 %s is public',
    (ip) => {
      expect(classifyAddress(ip)).toMatchObject({ family: 4, public: true });
    },
  );

  it.each([
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fe80::1%eth0', 'linkLocal'],
    ['ff02::1', 'multicast'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['fd00:ec2::254', 'cloudMetadata'],
    ['fec0::1', 'deprecatedSiteLocal'],
    ['2001:db8::1', 'documentation'],
    ['3fff::1', 'documentation'],
    ['2001:2::1', 'benchmarking'],
    ['100::1', 'discard'],
    ['4000::1', 'unallocated'],
    ['64:ff9b:1::a00:1', 'nat64Local'],
  ])('IPv6 %s is %s', (ip, range) => {
    expect(classifyAddress(ip)).toMatchObject({ family: 6, range, public: false });
  });

  it.each([
    ['::ffff:127.0.0.1', 'ipv4Mapped', 'loopback'],
    ['::ffff:7f00:1', 'ipv4Mapped', 'loopback'],
    ['::ffff:10.0.0.1', 'ipv4Mapped', 'private'],
    ['::ffff:169.254.169.254', 'ipv4Mapped', 'cloudMetadata'],
    ['::7f00:1', 'ipv4Compatible', 'loopback'],
    ['64:ff9b::a00:1', 'rfc6052', 'private'],
    ['2002:a00:1::1', '6to4', 'private'],
    ['2002:7f00:1::', '6to4', 'loopback'],
    // Teredo: client 192.168.0.1 stored bit-inverted (3f57:fffe).
    ['2001:0:4136:e378:8000:63bf:3f57:fffe', 'teredo', 'private'],
  ])('IPv6 %s embeds a non-public IPv4 (%s of %s)', (ip, range, inner) => {
    const c = classifyAddress(ip);
    expect(c).toMatchObject({ family: 6, range, public: false });
    expect(c.embedded?.range).toBe(inner);
  });

  it('IPv4-mapped and 6to4 forms of a public address are public', () => {
    expect(classifyAddress('::ffff:8.8.8.8').public).toBe(true);
    expect(classifyAddress('2002:808:808::1').public).toBe(true);
    expect(classifyAddress('2606:4700:4700::1111').public).toBe(true);
  });

  it('mentions the embedded address in the label', () => {
    expect(classifyAddress('::ffff:7f00:1').label).toBe('an IPv4-mapped address of 127.0.0.1, a loopback address');
  });

  it('treats garbage as non-public', () => {
    expect(classifyAddress('not-an-ip')).toMatchObject({ public: false, range: 'invalid' });
  });
});

describe('WHATWG URL normalises odd IPv4 host forms', () => {
  it.each([
    ['http://2130706433/', '127.0.0.1'],
    ['http://0177.0.0.1/', '127.0.0.1'],
    ['http://0x7f.1/', '127.0.0.1'],
    ['http://0x7f000001/', '127.0.0.1'],
    ['http://127.1/', '127.0.0.1'],
    ['http://0/', '0.0.0.0'],
    ['http://[::ffff:127.0.0.1]/', '[::ffff:7f00:1]'],
  ])('%s → %s', (url, host) => {
    expect(new URL(url).hostname).toBe(host);
  });
});

describe('checkUrlTarget', () => {
  it.each([
    ['http://127.0.0.1/x.png', 'refused: 127.0.0.1 is a loopback address'],
    ['http://2130706433/', 'refused: 127.0.0.1 is a loopback address'],
    ['http://0177.0.0.1/', 'refused: 127.0.0.1 is a loopback address'],
    ['http://0x7f.1/', 'refused: 127.0.0.1 is a loopback address'],
    ['http://127.1/', 'refused: 127.0.0.1 is a loopback address'],
    ['http://127.0.0.1./', 'refused: 127.0.0.1 is a loopback address'],
    ['http://\u2460\u2461\u2466.0.0.1/', 'refused: 127.0.0.1 is a loopback address'],
    ['http://127\u30020\u30020\u30021/', 'refused: 127.0.0.1 is a loopback address'],
    ['http://0x7f.0x0.0x0.0x1/', 'refused: 127.0.0.1 is a loopback address'],
    ['http://user:pw@10.0.0.1/', 'refused: 10.0.0.1 is a private address (RFC 1918)'],
    ['http://[0:0:0:0:0:ffff:127.0.0.1]/', 'refused: ::ffff:7f00:1 is an IPv4-mapped address of 127.0.0.1, a loopback address'],
    ['http://[::127.0.0.1]/', 'refused: ::7f00:1 is an IPv4-compatible address of 127.0.0.1, a loopback address'],
    ['http://[2002:a00:1::1]/', 'refused: 2002:a00:1::1 is a 6to4 address of 10.0.0.1, a private address (RFC 1918)'],
    ['http://0/', 'refused: 0.0.0.0 is a "this network" address (0.0.0.0/8)'],
    ['http://[::1]/', 'refused: ::1 is a loopback address'],
    ['http://[::ffff:127.0.0.1]/', 'refused: ::ffff:7f00:1 is an IPv4-mapped address of 127.0.0.1, a loopback address'],
    ['http://[::ffff:7f00:1]/', 'refused: ::ffff:7f00:1 is an IPv4-mapped address of 127.0.0.1, a loopback address'],
    ['http://169.254.169.254/latest/meta-data/', 'refused: 169.254.169.254 is a cloud metadata address'],
    ['http://[fd00:ec2::254]/', 'refused: fd00:ec2::254 is a cloud metadata address'],
    ['http://10.0.0.5/', 'refused: 10.0.0.5 is a private address (RFC 1918)'],
    ['https://192.168.0.10:8443/a', 'refused: 192.168.0.10 is a private address (RFC 1918)'],
    ['http://100.64.1.1/', 'refused: 100.64.1.1 is a carrier-grade NAT address (RFC 6598)'],
    ['http://198.18.0.1/', 'refused: 198.18.0.1 is a benchmarking address (RFC 2544)'],
    ['http://203.0.113.5/', 'refused: 203.0.113.5 is a documentation address (RFC 5737)'],
    ['http://255.255.255.255/', 'refused: 255.255.255.255 is the broadcast address'],
    ['http://224.0.0.251/', 'refused: 224.0.0.251 is a multicast address'],
    ['http://[fe80::1]/', 'refused: fe80::1 is a link-local address'],
    ['http://[fd00::1]/', 'refused: fd00::1 is a unique-local address (fc00::/7)'],
  ])('refuses %s without a lookup', async (url, reason) => {
    const result = await checkUrlTarget(url, { lookup: noLookup });
    expect(result).toEqual({ ok: false, code: 'ssrf-refused', reason });
  });

  it.each(['ftp://example.com/a.png', 'file:///etc/passwd', 'gopher://example.com/', 'javascript:alert(1)', 'data:image/png;base64,AAAA'])(
    'refuses the scheme of %s, even with allowPrivate',
    async (url) => {
      const result = await checkUrlTarget(url, { allowPrivate: true, lookup: noLookup });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.code).toBe('bad-scheme');
        expect(result.reason).toMatch(/^refused: the [a-z]+: scheme is not fetched/);
      }
    },
  );

  it('refuses a relative or broken URL', async () => {
    expect(await checkUrlTarget('/images/a.png', { lookup: noLookup })).toMatchObject({ ok: false, code: 'bad-scheme' });
    expect(await checkUrlTarget('http://1.2.3.4.5/', { lookup: noLookup })).toMatchObject({ ok: false, code: 'bad-scheme' });
  });

  it.each([
    ['http://metadata.google.internal/computeMetadata/v1/', 'metadata.google.internal is a cloud metadata host name'],
    ['http://METADATA.GOOGLE.INTERNAL./', 'metadata.google.internal. is a cloud metadata host name'],
    ['http://localhost:8080/', 'localhost names the local machine'],
    ['http://LOCALHOST%2e/', 'localhost. names the local machine'],
    ['http://api.localhost/', 'api.localhost is an internal host name (*.localhost)'],
    ['http://db.corp.internal/', 'db.corp.internal is an internal host name (*.internal)'],
    ['http://printer/', 'printer is a single-label (intranet) host name'],
  ])('refuses the host name of %s without a lookup', async (url, why) => {
    expect(await checkUrlTarget(url, { lookup: noLookup })).toEqual({ ok: false, code: 'ssrf-refused', reason: `refused: ${why}` });
  });

  it('refuses a host name that resolves to a private address (injected lookup, no connection)', async () => {
    const lookup = fixedLookup('10.0.0.5');
    const result = await checkUrlTarget('https://images.example.com/logo.png', { lookup });
    expect(result).toEqual({
      ok: false,
      code: 'ssrf-refused',
      reason: 'refused: images.example.com resolves to 10.0.0.5, a private address (RFC 1918)',
    });
    expect(lookup).toHaveBeenCalledWith('images.example.com');
  });

  it('refuses when ANY resolved address is non-public', async () => {
    const result = await checkUrlTarget('https://cdn.example.com/', { lookup: fixedLookup('93.184.216.34', '::ffff:169.254.169.254') });
    expect(result).toMatchObject({ ok: false, code: 'ssrf-refused' });
    if (!result.ok) expect(result.reason).toContain('169.254.169.254, a cloud metadata address');
  });

  it('allows a host name that resolves to public addresses, and returns them for pinning', async () => {
    const result = await checkUrlTarget('https://example.com/logo.png', { lookup: fixedLookup('93.184.216.34', '2606:2800:220:1::1') });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.hostname).toBe('example.com');
      expect(result.addresses).toEqual([
        { address: '93.184.216.34', family: 4 },
        { address: '2606:2800:220:1::1', family: 6 },
      ]);
    }
  });

  it('allows a public IP literal without a lookup', async () => {
    expect(await checkUrlTarget('http://93.184.216.34/a.png', { lookup: noLookup })).toMatchObject({ ok: true, hostname: '93.184.216.34' });
  });

  it('reports a DNS failure as dns-error', async () => {
    const lookup: LookupFn = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND nope.example'), { code: 'ENOTFOUND' });
    };
    expect(await checkUrlTarget('http://nope.example/', { lookup })).toMatchObject({ ok: false, code: 'dns-error', errorCode: 'ENOTFOUND' });
    expect(await checkUrlTarget('http://empty.example/', { lookup: fixedLookup() })).toMatchObject({ ok: false, code: 'dns-error' });
  });

  describe('allowPrivate', () => {
    it('lifts address and internal-name checks', async () => {
      expect(await checkUrlTarget('http://127.0.0.1:8080/', { allowPrivate: true, lookup: noLookup })).toMatchObject({ ok: true });
      expect(await checkUrlTarget('http://[::1]/', { allowPrivate: true, lookup: noLookup })).toMatchObject({ ok: true });
      expect(await checkUrlTarget('http://intranet.example.com/', { allowPrivate: true, lookup: fixedLookup('10.0.0.5') })).toMatchObject({
        ok: true,
      });
      expect(await checkUrlTarget('http://localhost/', { allowPrivate: true, lookup: fixedLookup('127.0.0.1') })).toMatchObject({ ok: true });
    });

    it('never lifts the cloud metadata refusal', async () => {
      expect(await checkUrlTarget('http://169.254.169.254/', { allowPrivate: true, lookup: noLookup })).toMatchObject({ ok: false });
      expect(await checkUrlTarget('http://[::ffff:169.254.169.254]/', { allowPrivate: true, lookup: noLookup })).toMatchObject({ ok: false });
      expect(await checkUrlTarget('http://metadata.google.internal/', { allowPrivate: true, lookup: noLookup })).toMatchObject({ ok: false });
      expect(await checkUrlTarget('http://evil.example/', { allowPrivate: true, lookup: fixedLookup('169.254.169.254') })).toMatchObject({
        ok: false,
      });
    });
  });
});

describe('classifyHostname', () => {
  it('passes ordinary public names', () => {
    expect(classifyHostname('images.example.com')).toBeUndefined();
    expect(classifyHostname('cdn.mailchimp.com')).toBeUndefined();
  });
});
