import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProbeRequest } from '../../src/core/probe-port.js';
import { createProbePort, type ProbePortOptions, type ProbeRunner } from '../../src/probe/port.js';
import { loopbackLookup, startServer, type TestServer } from './server.js';

let server: TestServer;
let dir: string;
const lookup = loopbackLookup('a.example.test', 'b.example.test', 'cdn.example.test');
const open: ProbeRunner[] = [];

/** A port that may reach the loopback test server. */
function port(extra: ProbePortOptions = {}): ProbeRunner {
  const p = createProbePort({ allowPrivateHosts: true, lookup, ...extra });
  open.push(p);
  return p;
}

beforeAll(async () => {
  server = await startServer();
  dir = await mkdtemp(join(tmpdir(), 'inboxlint-probe-'));
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((p) => p.close()));
  server.hits.clear();
});

const img = (path: string): ProbeRequest => ({ url: `${server.origin}${path}`, kind: 'image' });

describe('createProbePort: SSRF guard in front of everything', () => {
  it('without allowPrivateHosts the server receives no request at all', async () => {
    const p = createProbePort({ lookup });
    open.push(p);
    const requests: ProbeRequest[] = [
      img('/good.png'),
      { url: `${server.origin}/page`, kind: 'link' },
      { url: `http://a.example.test:${server.port}/good.png`, kind: 'image' },
      { url: `http://localhost:${server.port}/good.png`, kind: 'image' },
      { url: `http://[::1]:${server.port}/good.png`, kind: 'image' },
      { url: `http://2130706433:${server.port}/good.png`, kind: 'image' },
    ];
    const results = await p.probe(requests);
    expect(server.total()).toBe(0);
    expect(p.stats().requestsSent).toBe(0);
    for (const r of results.values()) expect(r.status).toBe('refused');
    expect(results.get(`${server.origin}/good.png`)).toMatchObject({ code: 'ssrf-refused', reason: 'refused: 127.0.0.1 is a loopback address' });
    expect(results.get(`http://a.example.test:${server.port}/good.png`)?.reason).toBe(
      'refused: a.example.test resolves to 127.0.0.1, a loopback address',
    );
    expect(results.get(`http://localhost:${server.port}/good.png`)?.reason).toBe('refused: localhost names the local machine');
  });

  it('refuses non-http schemes even with allowPrivateHosts', async () => {
    const results = await port().probe([{ url: 'file:///etc/passwd', kind: 'image' }, { url: 'ftp://example.com/x', kind: 'link' }]);
    expect([...results.values()].map((r) => r.code)).toEqual(['bad-scheme', 'bad-scheme']);
  });
});

describe('createProbePort: checks', () => {
  it('returns one result per URL, keyed by the URL as given', async () => {
    const p = port();
    const results = await p.probe([img('/good.png'), img('/404'), img('/x.png'), { url: `${server.origin}/head405`, kind: 'link' }]);
    expect(results.get(`${server.origin}/good.png`)).toMatchObject({ status: 'ok', format: 'png' });
    expect(results.get(`${server.origin}/404`)).toMatchObject({ status: 'broken', code: 'http-error' });
    expect(results.get(`${server.origin}/x.png`)).toMatchObject({ status: 'broken', code: 'not-image' });
    expect(results.get(`${server.origin}/head405`)).toMatchObject({ status: 'ok' });
    expect(p.stats()).toMatchObject({ requested: 4, unique: 4, fetched: 4, requestsSent: 5, deduped: 0, cacheHits: 0 });
  });

  it('1,000 templates sharing 50 image URLs cause exactly 50 fetches', async () => {
    const p = port({ concurrency: 8, perHostConcurrency: 8 });
    const urls = Array.from({ length: 50 }, (_, i) => `${server.origin}/img/${i}.png`);
    const batches = Array.from({ length: 1000 }, (_, t) => {
      // a different order per template: rotate and sometimes reverse
      const rotated = [...urls.slice(t % 50), ...urls.slice(0, t % 50)];
      return (t % 2 ? rotated.reverse() : rotated).map((url) => ({ url, kind: 'image' as const }));
    });
    const all = await Promise.all(batches.map((b) => p.probe(b)));
    expect(all).toHaveLength(1000);
    for (const results of all) {
      expect(results.size).toBe(50);
      for (const r of results.values()) expect(r.status).toBe('ok');
    }
    // Strategy for images: exactly one GET per URL, no HEAD.
    for (let i = 0; i < 50; i++) {
      expect(server.count(`/img/${i}.png`, 'GET')).toBe(1);
      expect(server.count(`/img/${i}.png`, 'HEAD')).toBe(0);
    }
    expect([...server.hits.keys()].filter((k) => k.startsWith('GET /img/'))).toHaveLength(50);
    expect(server.total()).toBe(50);
    expect(p.stats()).toMatchObject({ requested: 50_000, unique: 50, fetched: 50, requestsSent: 50, deduped: 49_950 });
  });

  it('dedupes URLs that differ only by fragment, and an image+link pair keeps the image result', async () => {
    const p = port();
    const results = await p.probe([
      img('/good.png#a'),
      img('/good.png#b'),
      { url: `${server.origin}/good.png#a`, kind: 'link' },
    ]);
    expect(server.count('/good.png', 'GET')).toBe(1);
    expect(server.count('/good.png', 'HEAD')).toBe(1);
    expect(results.get(`${server.origin}/good.png#a`)).toMatchObject({ kind: 'image', url: `${server.origin}/good.png#a` });
    expect(results.get(`${server.origin}/good.png#b`)).toMatchObject({ kind: 'image', url: `${server.origin}/good.png#b` });
  });

  it('respects the global and per-host concurrency limits', async () => {
    server.maxInflight = 0;
    server.maxInflightByHost.clear();
    const p = port({ concurrency: 3, perHostConcurrency: 2 });
    const requests: ProbeRequest[] = [];
    for (let i = 0; i < 8; i++) {
      requests.push({ url: `http://a.example.test:${server.port}/hold/${i}.png`, kind: 'image' });
      requests.push({ url: `http://b.example.test:${server.port}/hold/${i}.png`, kind: 'image' });
    }
    const results = await p.probe(requests);
    expect([...results.values()].every((r) => r.status === 'ok')).toBe(true);
    expect(server.maxInflight).toBeLessThanOrEqual(3);
    expect(server.maxInflight).toBeGreaterThanOrEqual(2);
    expect(server.maxInflightByHost.get(`a.example.test:${server.port}`)).toBeLessThanOrEqual(2);
    expect(server.maxInflightByHost.get(`b.example.test:${server.port}`)).toBeLessThanOrEqual(2);
  });

  it('when the time budget runs out, the rest are unknown budget-exhausted without a request', async () => {
    const p = port({ concurrency: 1, budgetMs: 100 });
    const requests = [img('/slow'), img('/good.png'), img('/404'), img('/img/1.png')];
    const results = await p.probe(requests);
    for (const r of results.values()) expect(r).toMatchObject({ status: 'unknown', code: 'budget-exhausted' });
    expect(server.count('/slow')).toBe(1);
    expect(server.total()).toBe(1);
    expect(p.stats().budgetExhausted).toBe(4);
    // Later calls on the same port get the same answer, still without requests.
    const again = await p.probe([img('/img/2.png')]);
    expect(again.get(`${server.origin}/img/2.png`)?.code).toBe('budget-exhausted');
    expect(server.total()).toBe(1);
  });

  it('reports progress for each unique URL', async () => {
    const calls: [number, number][] = [];
    const p = port({ onProgress: (done, total) => calls.push([done, total]) });
    await p.probe([img('/good.png'), img('/good.png'), img('/404'), img('/img/3.png')]);
    expect(calls).toHaveLength(3);
    expect(calls.at(-1)).toEqual([3, 3]);
    expect(calls.map(([d]) => d)).toEqual([1, 2, 3]);
  });

  it('a throwing progress callback does not break the checks', async () => {
    const p = port({
      onProgress: () => {
        throw new Error('printer broke');
      },
    });
    expect((await p.probe([img('/good.png')])).get(`${server.origin}/good.png`)?.status).toBe('ok');
  });

  it('refuses new work after close()', async () => {
    const p = port();
    await p.close();
    await expect(p.probe([img('/good.png')])).rejects.toThrow(/closed/);
  });
});

describe('createProbePort: cache', () => {
  const HOUR = 3600_000;

  it('a second port reuses the disk cache: 0 new requests', async () => {
    const file = join(dir, 'reuse', 'cache.json');
    const requests = [img('/good.png'), img('/404'), { url: `${server.origin}/page`, kind: 'link' as const }];
    const first = port({ cacheFile: file });
    await first.probe(requests);
    await first.close();
    expect(server.total()).toBe(3);
    const saved = JSON.parse(await readFile(file, 'utf8'));
    expect(Object.keys(saved.entries)).toHaveLength(3);
    expect(await readdir(join(dir, 'reuse'))).toEqual(['cache.json']); // no temp file left behind

    server.hits.clear();
    const second = port({ cacheFile: file });
    const results = await second.probe(requests);
    expect(server.total()).toBe(0);
    expect(second.stats()).toMatchObject({ cacheHits: 3, fetched: 0, requestsSent: 0 });
    expect(results.get(`${server.origin}/good.png`)).toMatchObject({ status: 'ok', format: 'png', fromCache: true });
    expect(results.get(`${server.origin}/404`)).toMatchObject({ status: 'broken', fromCache: true });
  });

  it('results fetched with private hosts allowed do not answer a run that forbids them', async () => {
    const file = join(dir, 'private', 'cache.json');
    const first = port({ cacheFile: file });
    await first.probe([img('/good.png')]);
    await first.close();
    server.hits.clear();
    const strict = createProbePort({ allowPrivateHosts: false, lookup, cacheFile: file });
    const results = await strict.probe([img('/good.png')]);
    await strict.close();
    expect(strict.stats()).toMatchObject({ cacheHits: 0 });
    expect(server.total()).toBe(0);
    expect(results.get(`${server.origin}/good.png`)?.status).not.toBe('ok');
  });

  it('expires entries after the TTL; unknown results after a short TTL; refused never stored', async () => {
    const file = join(dir, 'ttl.json');
    let now = Date.UTC(2025, 0, 1);
    const clock = () => now;
    const requests: ProbeRequest[] = [img('/good.png'), img('/503'), { url: 'ftp://example.com/a.png', kind: 'image' }];
    const first = port({ cacheFile: file, now: clock });
    await first.probe(requests);
    await first.close();
    const saved = JSON.parse(await readFile(file, 'utf8'));
    // Keys name the settings that change results (these test ports allow private hosts).
    expect(Object.keys(saved.entries).sort()).toEqual([`image ${server.origin}/503 private`, `image ${server.origin}/good.png private`]);

    server.hits.clear();
    now += 5 * 60_000; // 5 min: both still cached
    const second = port({ cacheFile: file, now: clock });
    await second.probe(requests);
    expect(server.total()).toBe(0);

    now += 10 * 60_000; // 15 min: the unknown (503) expired, the ok did not
    const third = port({ cacheFile: file, now: clock });
    await third.probe(requests);
    expect(server.count('/503')).toBe(1);
    expect(server.count('/good.png')).toBe(0);

    server.hits.clear();
    now += 25 * HOUR; // past 24 h: everything refetched
    const fourth = port({ cacheFile: file, now: clock });
    await fourth.probe(requests);
    expect(server.count('/good.png')).toBe(1);
    expect(server.count('/503')).toBe(1);
  });

  it('honours a custom TTL', async () => {
    const file = join(dir, 'custom-ttl.json');
    let now = 1_000_000;
    const first = port({ cacheFile: file, cacheTtlMs: 1000, now: () => now });
    await first.probe([img('/good.png')]);
    await first.close();
    now += 1500;
    const second = port({ cacheFile: file, cacheTtlMs: 1000, now: () => now });
    await second.probe([img('/good.png')]);
    expect(server.count('/good.png')).toBe(2);
  });

  it.each([
    ['garbage', '{not json'],
    ['empty', ''],
    ['wrong shape', '[1,2,3]'],
    ['wrong version', '{"version":99,"entries":{}}'],
    ['bad entries', '{"version":1,"entries":{"image http://x/":{"expires":"soon","result":null}}}'],
  ])('a corrupt cache file (%s) means an empty cache, then a valid file', async (_name, content) => {
    const file = join(dir, `corrupt-${_name.replace(/\s/g, '-')}.json`);
    await writeFile(file, content);
    const p = port({ cacheFile: file });
    const results = await p.probe([img('/good.png')]);
    expect(results.get(`${server.origin}/good.png`)?.status).toBe('ok');
    expect(server.count('/good.png')).toBe(1);
    await p.close();
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ version: 1 });
  });

  it('an unwritable cache path never crashes', async () => {
    const blocker = join(dir, 'blocker');
    await writeFile(blocker, 'a file where a folder should be');
    const p = port({ cacheFile: join(blocker, 'cache.json') });
    await p.probe([img('/good.png')]);
    expect(await p.flush()).toBe(false);
    await expect(p.close()).resolves.toBeUndefined();
  });

  it('keeps memory-only results for the port lifetime without a file', async () => {
    const p = port();
    await p.probe([img('/good.png')]);
    await p.probe([img('/good.png')]);
    expect(server.count('/good.png')).toBe(1);
    expect(p.stats()).toMatchObject({ unique: 1, deduped: 1 });
  });
});

describe('createProbePort: a run without network', () => {
  it('a DNS failure is "not checked", never broken, and is not kept in the cache file', async () => {
    const cacheFile = join(dir, 'offline-cache.json');
    // The lookup a machine without network gives: every name fails.
    const offline = () => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND cdn.example.com'), { code: 'ENOTFOUND' }));
    const p = createProbePort({ lookup: offline, cacheFile });
    open.push(p);
    const results = await p.probe([{ url: 'https://cdn.example.com/logo.png', kind: 'image' }, { url: 'https://example.com/', kind: 'link' }]);
    for (const r of results.values()) {
      expect(r).toMatchObject({ status: 'unknown', code: 'dns-error' });
      expect(r.reason).toMatch(/^not checked: /);
    }
    await p.close();
    const saved = await readFile(cacheFile, 'utf8').catch(() => '{}');
    expect(saved).not.toContain('cdn.example.com');
    // The next run, with network, checks afresh: nothing was cached.
    const online = port({ cacheFile });
    const again = await online.probe([img('/good.png')]);
    expect(again.get(`${server.origin}/good.png`)).toMatchObject({ status: 'ok' });
    expect(online.stats().cacheHits).toBe(0);
  });

  it('an answer that could not be judged (429) is still kept for a short while', async () => {
    const cacheFile = join(dir, 'answered-cache.json');
    const p = port({ cacheFile });
    await p.probe([img('/429')]);
    await p.close();
    const p2 = port({ cacheFile });
    const r = await p2.probe([img('/429')]);
    expect(r.get(`${server.origin}/429`)).toMatchObject({ status: 'unknown', code: 'rate-limited' });
    expect(p2.stats().cacheHits).toBe(1);
    expect(server.count('/429')).toBe(1);
  });
});
