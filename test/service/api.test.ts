/**
 * The HTTP API against a real server on 127.0.0.1 with SQLite (one server for the file): submit, wait,
 * read, list, decide; validation and limits; idempotency; auth, tenant isolation and rate limits; health,
 * metrics and the OpenAPI document (every response here is checked against it, see helpers.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, seen, startTestService, type TestService } from './helpers.js';
import { openApiDocument } from '../../src/service/openapi.js';
import { EVENTS } from '../../src/service/webhooks.js';
import { bodyFiles } from '../../src/service/review-adapter.js';

let t: TestService;
let keyA: string;
let keyA2: string;
let keyB: string;
const api = (method: string, p: string, o: Parameters<typeof call>[3] = {}) => call(t.url, method, p, o);

const GOOD = { name: 'welcome', html: '<html><body><p>Hello {{name}}, welcome aboard.</p><a href="https://example.com/start">Start</a></body></html>', text: 'Hello {{name}}, welcome aboard. https://example.com/start', subject: 'Welcome, {{name}}', data: { name: 'Ada' }, meta: { category: 'transactional' } };
const BROKEN = { name: 'broken', html: '<p>{{#if name}}Hello</p>', subject: 'Hi' };

beforeAll(async () => {
  t = await startTestService({ rateLimit: { perSecond: 1000, burst: 1000 } });
  keyA = await t.key('acme');
  keyA2 = await t.key('acme');
  keyB = await t.key('globex');
});
afterAll(async () => {
  await t?.close();
});

describe('submitting and reading reviews', () => {
  it('?wait returns 200 with the report when the review finishes in time', async () => {
    const r = await api('POST', '/v1/reviews?wait=10000', { key: keyA, body: GOOD });
    expect(r.status).toBe(200);
    expect(r.headers.get('location')).toBe(`/v1/reviews/${r.body.id}`);
    expect(r.body.status).toBe('done');
    expect(r.body.report.decision.verdict).toBe(r.body.verdict);
    expect(r.body.timings.reviewMs).toBeGreaterThan(0);
    expect(r.body.decisions).toEqual([]);
    expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
    // Read back, the same answer: the one above was made from the review as the runner stored it (not
    // read back) and from the cached bytes of its report.
    const g = await api('GET', `/v1/reviews/${r.body.id}`, { key: keyA });
    expect(g.body).toEqual(r.body);
    expect(g.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('without ?wait answers 202 with Location; the review is stored before and reaches done', async () => {
    const r = await api('POST', '/v1/reviews', { key: keyA, body: BROKEN });
    expect(r.status).toBe(202);
    expect(['queued', 'running', 'done']).toContain(r.body.status);
    const loc = r.headers.get('location')!;
    let g;
    for (let i = 0; i < 100; i++) {
      g = await api('GET', loc, { key: keyA });
      if (g.body.status === 'done') break;
      await new Promise((res) => setTimeout(res, 50));
    }
    expect(g!.body.status).toBe('done');
    expect(g!.body.verdict).toBe('rejected');
    expect(g!.body.report.findings.some((f: any) => f.ruleId.startsWith('syntax/'))).toBe(true);
  });

  it('accepts AWS SES v1, v2 and Tencent Cloud SES template JSON as is', async () => {
    const v1 = await api('POST', '/v1/reviews?wait=10000', { key: keyA, body: { Template: { TemplateName: 'aws1', SubjectPart: 'Hi {{name}}', HtmlPart: '<p>Hi {{name}}</p>', TextPart: 'Hi {{name}}' } } });
    expect(v1.status).toBe(200);
    expect(v1.body).toMatchObject({ kind: 'aws', name: 'aws1', status: 'done' });
    // Each part's file by its path: the texts are the body's own and are not echoed (withoutFileTexts).
    expect(v1.body.report.files.html).toEqual({ path: 'aws1.json#Template.HtmlPart' });
    const v2 = await api('POST', '/v1/reviews?wait=10000', { key: keyA, body: { TemplateName: 'aws2', TemplateContent: { Subject: 'Hi', Html: '<p>Hi</p>', Text: 'Hi' } } });
    expect(v2.body).toMatchObject({ kind: 'aws', name: 'aws2', status: 'done' });
    const html = Buffer.from('<p>你好 {{name}}</p>').toString('base64');
    const tc = await api('POST', '/v1/reviews?wait=10000', { key: keyA, body: { TemplateName: 'tc', TemplateContent: { Html: html, Text: Buffer.from('你好').toString('base64') } } });
    expect(tc.body).toMatchObject({ kind: 'tencent', name: 'tc', status: 'done' });
    // The base64 parts were decoded for the review: the template's own variable is found in the HTML.
    expect(tc.body.report.files.html).toEqual({ path: 'tc.json#TemplateContent.Html' });
    expect(bodyFiles(JSON.stringify({ TemplateName: 'tc', TemplateContent: { Html: html } })).html!.text).toContain('你好');
  });

  it('a body the tenant submitted before is answered with the earlier result (resultOf), not shared across tenants', async () => {
    const body = { ...GOOD, name: 'repeat', subject: 'Repeat, {{name}}' };
    const a = await api('POST', '/v1/reviews?wait=10000', { key: keyA, body });
    expect(a.body.status).toBe('done');
    expect(a.body.resultOf).toBeUndefined();
    // Why, in one line, beside the verdict: the report's own summary.
    expect(a.body.summary).toBe(a.body.report.decision.summary);
    expect(a.body.summary).toMatch(/^(approved|needs review|rejected): /);
    const b = await api('POST', '/v1/reviews?wait=10000', { key: keyA2, body });
    expect(b.status).toBe(200);
    expect(b.body).toMatchObject({ status: 'done', resultOf: a.body.id, verdict: a.body.verdict, summary: a.body.summary, decisions: [] });
    // Listed with it too.
    const listed = (await api('GET', '/v1/reviews?limit=200', { key: keyA })).body.items;
    expect(listed.find((x: { id: string }) => x.id === a.body.id).summary).toBe(a.body.summary);
    expect(listed.find((x: { id: string }) => x.id === b.body.id).summary).toBe(a.body.summary);
    expect(b.body.id).not.toBe(a.body.id);
    expect(b.body.report).toEqual(a.body.report);
    const g = await api('GET', `/v1/reviews/${b.body.id}`, { key: keyA });
    expect(g.body.report).toEqual(a.body.report);
    // Without ?wait it is stored finished all the same.
    const c = await api('POST', '/v1/reviews', { key: keyA, body });
    expect(c.status).toBe(200);
    expect(c.body.resultOf).toBe(a.body.id);
    // Another tenant's identical body is reviewed for that tenant.
    const other = await api('POST', '/v1/reviews?wait=10000', { key: keyB, body });
    expect(other.body.resultOf).toBeUndefined();
    // A different profile is a different review.
    const gmail = await api('POST', '/v1/reviews?wait=10000', { key: keyA, body: { ...body, profile: 'isp/gmail' } });
    expect(gmail.body.resultOf).toBeUndefined();
    const m = await api('GET', '/metrics', { unchecked: true });
    expect(m.body).toMatch(/inboxlint_result_cache_hits_total [1-9]/);
  });

  it('identical bodies submitted together are reviewed once: the others wait for the first and share its result', async () => {
    const body = { ...GOOD, name: 'burst', subject: 'Burst, {{name}}' };
    const first = api('POST', '/v1/reviews?wait=10000', { key: keyA, body });
    // Once the first is stored (queued or further), the others come.
    for (let i = 0; i < 200 && (await api('GET', '/v1/reviews?limit=1', { key: keyA })).body.items[0]?.name !== 'burst'; i++) await new Promise((r) => setTimeout(r, 5));
    const rest = await Promise.all(Array.from({ length: 4 }, () => api('POST', '/v1/reviews?wait=10000', { key: keyA, body })));
    const a = await first;
    expect(a.body.status).toBe('done');
    for (const r of rest) expect(r.body).toMatchObject({ status: 'done', resultOf: a.body.id, verdict: a.body.verdict });
    expect(new Set(rest.map((r) => r.body.id)).size).toBe(4);
  });

  it('Idempotency-Key: the same body gives the same review; a different body is 409', async () => {
    const headers = { 'idempotency-key': 'order-1' };
    const a = await api('POST', '/v1/reviews', { key: keyA, body: GOOD, headers });
    const b = await api('POST', '/v1/reviews', { key: keyA, body: GOOD, headers });
    expect(b.body.id).toBe(a.body.id);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    const c = await api('POST', '/v1/reviews', { key: keyA, body: { ...GOOD, subject: 'Other' }, headers });
    expect(c.status).toBe(409);
    expect(c.body.error.field).toBe('Idempotency-Key');
    // The key is per tenant: another tenant's same key is a new review.
    const d = await api('POST', '/v1/reviews', { key: keyB, body: GOOD, headers });
    expect(d.body.id).not.toBe(a.body.id);
  });

  it('lists with filters and cursor pagination, newest first', async () => {
    for (let i = 0; i < 5; i++) await api('POST', '/v1/reviews?wait=10000', { key: keyA2, body: { ...GOOD, name: `page-${i}` } });
    const seenIds: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 20; pages++) {
      const r = await api('GET', `/v1/reviews?limit=2&status=done${cursor ? `&cursor=${cursor}` : ''}`, { key: keyA });
      expect(r.status).toBe(200);
      expect(r.body.items.length).toBeLessThanOrEqual(2);
      seenIds.push(...r.body.items.map((x: any) => x.id));
      cursor = r.body.next;
      if (!cursor) break;
    }
    expect(new Set(seenIds).size).toBe(seenIds.length);
    expect([...seenIds].sort().reverse()).toEqual(seenIds);
    const all = await api('GET', '/v1/reviews?limit=200', { key: keyA });
    expect(seenIds.length).toBe(all.body.items.filter((x: any) => x.status === 'done').length);
    const rejected = await api('GET', '/v1/reviews?verdict=rejected', { key: keyA });
    expect(rejected.body.items.length).toBeGreaterThan(0);
    expect(rejected.body.items.every((x: any) => x.verdict === 'rejected')).toBe(true);
    const future = await api('GET', `/v1/reviews?createdFrom=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`, { key: keyA });
    expect(future.body.items).toEqual([]);
    const bad = await api('GET', '/v1/reviews?verdict=maybe', { key: keyA });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('verdict');
  });

  it("records a human decision beside the machine's, with the audit trail", async () => {
    const r = await api('POST', '/v1/reviews?wait=10000', { key: keyA, body: BROKEN });
    const d1 = await api('POST', `/v1/reviews/${r.body.id}/decision`, { key: keyA, body: { verdict: 'approved', note: 'Known false positive' } });
    expect(d1.status).toBe(201);
    const d2 = await api('POST', `/v1/reviews/${r.body.id}/decision`, { key: keyA2, body: { verdict: 'rejected', note: 'On second look, no' } });
    expect(d2.status).toBe(201);
    const g = await api('GET', `/v1/reviews/${r.body.id}`, { key: keyA });
    expect(g.body.verdict).toBe('rejected'); // the machine's, unchanged
    expect(g.body.humanVerdict).toBe('rejected');
    expect(g.body.decisions.map((d: any) => [d.verdict, d.note])).toEqual([
      ['approved', 'Known false positive'],
      ['rejected', 'On second look, no'],
    ]);
    expect(g.body.decisions[0].actor).not.toBe(g.body.decisions[1].actor);
    const bad = await api('POST', `/v1/reviews/${r.body.id}/decision`, { key: keyA, body: { verdict: 'approved' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('/note');
  });
});

describe('bad bodies get 4xx naming the field and leave the service healthy', () => {
  it.each([
    [{ html: 1 }, '/html'],
    [{ subject: 'no template' }, '/'],
    [{ html: '<p>x</p>', mjml: '<mjml></mjml>' }, '/'],
    [{ html: '<p>x</p>', colour: 'red' }, '/colour'],
    [{ html: '<p>x</p>', profile: 'isp/nowhere' }, '/profile'],
    [{ html: '<p>x</p>', data: 'not an object' }, '/data'],
    [{ Template: { HtmlPart: '<p>x</p>' } }, '/Template/TemplateName'],
  ])('%j → 400 naming %s', async (body, field) => {
    const r = await api('POST', '/v1/reviews', { key: keyA, body });
    expect(r.status).toBe(400);
    expect(r.body.error.field).toBe(field === '/' ? r.body.error.field : field);
    expect(r.body.error.message).toMatch(/./);
  });

  it('malformed JSON → 400, a JSON array → 400, not JSON → 415', async () => {
    expect((await api('POST', '/v1/reviews', { key: keyA, raw: '{"html": "<p>' })).status).toBe(400);
    expect((await api('POST', '/v1/reviews', { key: keyA, raw: '[1,2]' })).status).toBe(400);
    expect((await api('POST', '/v1/reviews', { key: keyA, raw: 'html=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(415);
  });

  it('oversize → 413; deeply nested → 400; the service still answers', async () => {
    const big = await api('POST', '/v1/reviews', { key: keyA, body: { html: 'x'.repeat(3 * 1024 * 1024) } });
    expect(big.status).toBe(413);
    const deep = '{"html":"<p>x</p>","data":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}';
    const d = await api('POST', '/v1/reviews', { key: keyA, raw: deep });
    expect(d.status).toBe(400);
    expect(d.body.error.message).toMatch(/nested/);
    const deepObj = '{"html":"<p>x</p>","data":' + '{"a":'.repeat(70) + '1' + '}'.repeat(70) + '}';
    expect((await api('POST', '/v1/reviews', { key: keyA, raw: deepObj })).status).toBe(400);
    expect((await api('GET', '/healthz', {})).status).toBe(200);
    expect((await api('POST', '/v1/reviews?wait=10000', { key: keyA, body: GOOD })).status).toBe(200);
  });

  it('maxLength counts code points, as JSON Schema says: 200 emoji are a valid name, 201 are not', async () => {
    // Each emoji is two UTF-16 units: the fast validators (which compare .length) reject both; the exact
    // ones decide.
    const ok = await api('POST', '/v1/reviews?wait=10000', { key: keyA, body: { ...GOOD, name: '😀'.repeat(200) } });
    expect(ok.status).toBe(200);
    expect(ok.body.name).toBe('😀'.repeat(200));
    const tooLong = await api('POST', '/v1/reviews', { key: keyA, body: { ...GOOD, name: '😀'.repeat(201) } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error).toMatchObject({ field: '/name', message: 'Invalid body: /name must NOT have more than 200 characters.' });
  });

  it('a body with invalid UTF-8 is reviewed as decoded (U+FFFD), stored by its bytes, and idempotent by them', async () => {
    const bytes = Buffer.concat([Buffer.from('{"name":"bad-utf8","html":"<p>caf'), Buffer.from([0xff]), Buffer.from('</p>"}')]);
    const send = () => fetch(`${t.url}/v1/reviews?wait=10000`, { method: 'POST', headers: { authorization: `Bearer ${keyA}`, 'content-type': 'application/json', 'idempotency-key': 'bad-utf8' }, body: bytes });
    const r = await send();
    expect(r.status).toBe(200);
    const body = (await r.json()) as any;
    expect(body.status).toBe('done');
    expect(body.report.files.html).toEqual({ path: 'bad-utf8.html' });
    // What the review read (and the page shows in code frames): the stored body, decoded.
    const stored = await t.svc.backend.store.reviewForWork(body.id);
    expect(bodyFiles(stored!.body!).html).toEqual({ path: 'bad-utf8.html', text: '<p>caf\uFFFD</p>' });
    const again = await send();
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as any).id).toBe(body.id);
  });

  it('?wait out of range → 400', async () => {
    const r = await api('POST', '/v1/reviews?wait=999999', { key: keyA, body: GOOD });
    expect(r.status).toBe(400);
    expect(r.body.error.field).toBe('wait');
  });
});

describe('keys and tenants', () => {
  it('no key, a malformed header, an unknown key, or a valid key with a changed tail → 401', async () => {
    for (const headers of [{} as Record<string, string>, { authorization: 'Basic abc' }, { authorization: 'Bearer ' + 'ilk_' + 'A'.repeat(43) }, { authorization: `Bearer ${keyA.slice(0, -1)}${keyA.endsWith('A') ? 'B' : 'A'}` }, { authorization: `Bearer ${keyA.slice(0, 8)}` }]) {
      const r = await api('GET', '/v1/reviews', { headers });
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toBe('Bearer');
    }
  });

  it('keys are stored hashed', async () => {
    const db = (t.svc.backend.store as any).db;
    const rows = db.prepare('SELECT * FROM api_keys').all();
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(keyA);
    expect(dump).not.toContain(keyA.slice(8));
  });

  it('a tenant cannot read, list, decide, replay or see webhooks of another tenant (every route)', async () => {
    const mine = await api('POST', '/v1/reviews?wait=10000', { key: keyA, body: GOOD, headers: { 'idempotency-key': 'shared-x' } });
    const id = mine.body.id;
    expect((await api('GET', `/v1/reviews/${id}`, { key: keyB })).status).toBe(404);
    expect((await api('GET', `/v1/reviews/${id}`, { key: keyA2 })).status).toBe(200); // same tenant, other key
    const list = await api('GET', '/v1/reviews?limit=200', { key: keyB });
    expect(list.body.items.some((x: any) => x.id === id)).toBe(false);
    const dec = await api('POST', `/v1/reviews/${id}/decision`, { key: keyB, body: { verdict: 'approved', note: 'not mine' } });
    expect(dec.status).toBe(404);
    expect((await api('GET', `/v1/reviews/${id}`, { key: keyA })).body.decisions).toEqual([]);
    const hook = await api('POST', '/v1/webhooks', { key: keyA, body: { url: 'http://127.0.0.1:9/hook' } });
    expect(hook.status).toBe(201);
    expect((await api('GET', '/v1/webhooks', { key: keyB })).body.items).toEqual([]);
    // An idempotency key of A's does not reveal A's review to B.
    const idem = await api('POST', '/v1/reviews', { key: keyB, body: { ...GOOD, subject: 'x' }, headers: { 'idempotency-key': 'shared-x' } });
    expect(idem.status).toBe(202);
    expect(idem.body.id).not.toBe(id);
    await api('POST', `/v1/reviews/${id}/decision`, { key: keyA, body: { verdict: 'approved', note: 'ok' } });
    await new Promise((r) => setTimeout(r, 300));
    const dA = await api('GET', '/v1/webhooks/deliveries', { key: keyA });
    expect(dA.body.items.length).toBeGreaterThan(0);
    const dB = await api('GET', '/v1/webhooks/deliveries', { key: keyB });
    expect(dB.body.items).toEqual([]);
    expect((await api('POST', `/v1/webhooks/deliveries/${dA.body.items[0].id}/replay`, { key: keyB })).status).toBe(404);
  });
});

describe('operations', () => {
  it('/healthz, /readyz, /metrics', async () => {
    expect((await api('GET', '/healthz')).status).toBe(200);
    expect((await api('GET', '/readyz')).body).toEqual({ status: 'ready' });
    const m = await api('GET', '/metrics');
    expect(m.body).toContain('inboxlint_queue_depth');
    expect(m.body).toMatch(/inboxlint_verdicts_total\{profile="core",verdict="(approved|needs_review|rejected)"\} [1-9]/);
    expect(m.body).toMatch(/inboxlint_review_duration_seconds_count\{profile="core"\} [1-9]/);
    expect(m.body).toContain('inboxlint_webhook_failures_total');
  });

  it('per-key rate limit: 429 with Retry-After; other keys are not affected', async () => {
    const s = await startTestService({ threads: 0, rateLimit: { perSecond: 1, burst: 3 } });
    try {
      const k1 = await s.key('a');
      const k2 = await s.key('a');
      const codes = [];
      for (let i = 0; i < 5; i++) codes.push((await call(s.url, 'GET', '/v1/reviews', { key: k1 })).status);
      expect(codes.slice(0, 3)).toEqual([200, 200, 200]);
      const r = await call(s.url, 'GET', '/v1/reviews', { key: k1 });
      expect(r.status).toBe(429);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await call(s.url, 'GET', '/v1/reviews', { key: k2 })).status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it('/openapi.json is OpenAPI 3.1 and documents every route the tests exercised, and only those', async () => {
    const r = await api('GET', '/openapi.json');
    expect(r.body.openapi).toBe('3.1.0');
    const documented = Object.entries<any>(openApiDocument().paths as Record<string, any>).flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`));
    // Every response of this file was validated against the document (helpers.ts); every operation was called.
    for (const op of documented) expect(seen.has(op), `${op} was not exercised`).toBe(true);
    // An undocumented route is a 404.
    expect((await api('GET', '/v1/templates', { key: keyA, unchecked: true })).status).toBe(404);
    // Its webhooks are the events the service sends, each delivery's headers and body described (the
    // webhook and runner tests check real deliveries against them).
    expect(Object.keys(r.body.webhooks).sort()).toEqual([...EVENTS].sort());
  });
});
