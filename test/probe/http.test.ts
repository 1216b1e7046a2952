import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkUrl, createProbeAgent, USER_AGENT, type CheckUrlOptions, type ProbeAgent } from '../../src/probe/http.js';
import type { ProbeKind } from '../../src/core/probe-port.js';
import { loopbackLookup, startServer, type TestServer } from './server.js';

let server: TestServer;
let agent: ProbeAgent;
const lookup = loopbackLookup('cdn.example.test', 'img.example.test');

beforeAll(async () => {
  server = await startServer();
  agent = createProbeAgent({ allowPrivate: true, lookup });
});
afterAll(async () => {
  await agent.close();
  await server.close();
});
afterEach(() => {
  server.hits.clear();
});

const check = (path: string, kind: ProbeKind = 'image', extra: Partial<CheckUrlOptions> = {}) =>
  checkUrl(path.startsWith('http') ? path : `${server.origin}${path}`, { kind, agent, allowPrivate: true, lookup, ...extra });

describe('checkUrl: images', () => {
  it('accepts a real PNG with one GET and a clear User-Agent', async () => {
    const r = await check('/good.png');
    expect(r).toMatchObject({ status: 'ok', code: 'ok', format: 'png', httpStatus: 200, contentType: 'image/png', bytes: 70, redirects: [] });
    expect(r.large).toBeUndefined();
    expect(server.count('/good.png', 'GET')).toBe(1);
    expect(server.count('/good.png', 'HEAD')).toBe(0);
    expect(USER_AGENT).toMatch(/^inboxlint\/\d+\.\d+\.\d+ \(\+link-check\)$/);
    expect(server.userAgents.at(-1)).toBe(USER_AGENT);
  });

  it('404 is broken http-error', async () => {
    expect(await check('/404')).toMatchObject({ status: 'broken', code: 'http-error', httpStatus: 404, reason: 'HTTP 404 Not Found' });
    expect(await check('/410')).toMatchObject({ status: 'broken', code: 'http-error', httpStatus: 410 });
  });

  it('an HTML page at /x.png is broken not-image', async () => {
    const r = await check('/x.png');
    expect(r).toMatchObject({ status: 'broken', code: 'not-image' });
    expect(r.reason).toBe('not an image: the URL returns an HTML page');
  });

  it('image/png with HTML bytes is broken signature-mismatch', async () => {
    const r = await check('/fake.png');
    expect(r).toMatchObject({ status: 'broken', code: 'signature-mismatch', contentType: 'image/png' });
    expect(r.reason).toBe('Content-Type says image/png but the bytes are an HTML page');
  });

  it('PNG bytes served as application/octet-stream are not-image (clients need image/*)', async () => {
    expect(await check('/octet.png')).toMatchObject({ status: 'broken', code: 'not-image', format: 'png' });
  });

  it('an empty 200 is broken empty-body', async () => {
    expect(await check('/empty.png')).toMatchObject({ status: 'broken', code: 'empty-body', bytes: 0 });
  });

  it('flags a large image by Content-Length, still ok', async () => {
    const r = await check('/large.png');
    expect(r).toMatchObject({ status: 'ok', code: 'ok', format: 'png', large: true, bytes: 2 * 1024 * 1024 });
  });

  it('measures an image without Content-Length, up to the limit', async () => {
    const small = await check('/chunked.png');
    expect(small).toMatchObject({ status: 'ok', format: 'png', bytes: 70 + 40960 });
    expect(small.large).toBeUndefined();
    const flagged = await check('/chunked.png', 'image', { largeImageBytes: 10_000 });
    expect(flagged).toMatchObject({ status: 'ok', format: 'png', large: true });
    expect(flagged.bytes).toBeGreaterThan(10_000);
  });

  it('429 is unknown rate-limited, 503 unknown server-error, 403 unknown forbidden', async () => {
    expect(await check('/429')).toMatchObject({ status: 'unknown', code: 'rate-limited', httpStatus: 429 });
    expect(await check('/503')).toMatchObject({ status: 'unknown', code: 'server-error', httpStatus: 503 });
    expect(await check('/403')).toMatchObject({ status: 'unknown', code: 'forbidden', httpStatus: 403 });
  });

  it('a slow endpoint times out as unknown', async () => {
    const r = await check('/slow', 'image', { timeoutMs: 150 });
    expect(r).toMatchObject({ status: 'unknown', code: 'timeout' });
    expect(r.reason).toBe('not checked: no answer within 0.15 s');
  });

  it('a DNS lookup that never answers is bounded by the timeout', async () => {
    const hanging = () => new Promise<never>(() => undefined);
    const r = await check('http://hang.example.test/a.png', 'image', { timeoutMs: 100, lookup: hanging });
    expect(r).toMatchObject({ status: 'unknown', code: 'timeout' });
  });

  it('the budget signal aborts as budget-exhausted', async () => {
    const budget = new AbortController();
    const pending = check('/slow', 'image', { budgetSignal: budget.signal });
    setTimeout(() => budget.abort(), 50);
    expect(await pending).toMatchObject({ status: 'unknown', code: 'budget-exhausted' });
    // An already spent budget sends nothing.
    server.hits.clear();
    expect(await check('/good.png', 'image', { budgetSignal: budget.signal })).toMatchObject({ code: 'budget-exhausted' });
    expect(server.total()).toBe(0);
  });
});

describe('checkUrl: links', () => {
  it('a good page: HEAD only', async () => {
    expect(await check('/page', 'link')).toMatchObject({ status: 'ok', code: 'ok', httpStatus: 200 });
    expect(server.count('/page', 'HEAD')).toBe(1);
    expect(server.count('/page', 'GET')).toBe(0);
  });

  it('HEAD 405 falls back to GET', async () => {
    expect(await check('/head405', 'link')).toMatchObject({ status: 'ok', httpStatus: 200 });
    expect(server.count('/head405', 'HEAD')).toBe(1);
    expect(server.count('/head405', 'GET')).toBe(1);
  });

  it('HEAD 404 is final (no GET)', async () => {
    expect(await check('/404', 'link')).toMatchObject({ status: 'broken', code: 'http-error' });
    expect(server.count('/404', 'GET')).toBe(0);
  });
});

describe('checkUrl: redirects', () => {
  it('follows 3 hops and records them', async () => {
    const r = await check('/r/3');
    expect(r).toMatchObject({ status: 'ok', format: 'png', finalUrl: `${server.origin}/good.png`, redirectedToOtherHost: false });
    expect(r.redirects).toEqual([
      { url: `${server.origin}/r/3`, status: 302 },
      { url: `${server.origin}/r/2`, status: 302 },
      { url: `${server.origin}/r/1`, status: 302 },
    ]);
  });

  it('5 hops is fine, 6 is too-many-redirects (and the 7th URL is never fetched)', async () => {
    expect(await check('/r/5')).toMatchObject({ status: 'ok' });
    server.hits.clear();
    const r = await check('/r/6');
    expect(r).toMatchObject({ status: 'broken', code: 'too-many-redirects' });
    expect(r.redirects).toHaveLength(6);
    expect(server.count('/good.png')).toBe(0);
  });

  it('flags a redirect to another host, and connects to the pinned address with the right Host', async () => {
    lookup.calls.length = 0;
    const r = await check('/to-other-host');
    expect(r).toMatchObject({ status: 'ok', redirectedToOtherHost: true, redirectedToHttp: true });
    expect(r.finalUrl).toBe(`http://cdn.example.test:${server.port}/good.png`);
    expect(server.hosts.get('/good.png')).toBe(`cdn.example.test:${server.port}`);
    // Resolved once, by the guard; the connection used the pin (no second lookup to rebind).
    expect(lookup.calls).toEqual(['cdn.example.test']);
  });

  it('re-runs the guard on each hop: a redirect to ftp: is refused', async () => {
    const r = await check('/to-ftp');
    expect(r).toMatchObject({ status: 'refused', code: 'bad-scheme' });
    expect(r.reason).toContain('after a redirect to ftp://example.com/a.png');
  });

  it('re-runs the guard on each hop: without allowPrivate, a public-looking start that redirects to loopback is refused', async () => {
    // The start host resolves to 127.0.0.1 only because the guard is told to allow it for that hop;
    // here we run without allowPrivate, so even the first hop is refused and nothing is sent.
    const r = await check('http://img.example.test/r/1', 'image', { allowPrivate: false });
    expect(r).toMatchObject({ status: 'refused', code: 'ssrf-refused', reason: 'refused: img.example.test resolves to 127.0.0.1, a loopback address' });
    expect(server.total()).toBe(0);
  });
});

describe('checkUrl: network failures', () => {
  it('a DNS failure is "not checked" (unknown dns-error), never broken: the checker may have no network', async () => {
    const r = await check('http://nowhere.example.test/a.png');
    expect(r).toMatchObject({ status: 'unknown', code: 'dns-error' });
    expect(r.reason).toMatch(/^not checked: /);
  });

  it('connection refused is "not checked" (unknown network-error)', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const r = await check(`http://127.0.0.1:${port}/a.png`);
    expect(r).toMatchObject({ status: 'unknown', code: 'network-error' });
    expect(r.reason).toContain('not checked: connection refused');
  });

  it('an unparseable URL is refused, never thrown', async () => {
    expect(await check('http://[bad/', 'link')).toMatchObject({ status: 'refused', code: 'bad-scheme' });
  });
});
