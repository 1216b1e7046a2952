/**
 * The review page's previews are rendered when a reviewer opens a review (on a review thread, from the
 * stored body), not stored with every review: what is stored, what the page shows for a new review, one
 * answered from the result cache, one stored by an earlier version with its previews, and an API-only
 * server (no review threads of its own).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/service/ids.js';
import type { SqliteStore } from '../../src/service/store/sqlite.js';
import { call, startTestService, type TestService } from './helpers.js';

const body = {
  name: 'order-shipped',
  html: '<html><body><h1>Hi {{name}}</h1><p>Your order {{order}} has shipped.</p></body></html>',
  text: 'Hi {{name}}, your order {{order}} has shipped.',
  subject: 'Order {{order}} shipped',
  data: [{ name: 'Ada', order: 'A-1' }, { name: 'Lin', order: 'B-2' }],
};

/** Logs in on the page with an API key; the session cookie. */
async function login(url: string, key: string): Promise<string> {
  const res = await fetch(`${url}/ui/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ key }) });
  expect(res.status).toBe(303);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

async function page(url: string, cookie: string, id: string): Promise<string> {
  const res = await fetch(`${url}/ui/reviews/${id}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return res.text();
}

const frames = (html: string) => html.match(/<iframe /g)?.length ?? 0;

describe('previews on the review page', () => {
  let t: TestService;
  let key: string;
  let cookie: string;
  beforeAll(async () => {
    t = await startTestService({});
    key = await t.key('acme');
    cookie = await login(t.url, key);
  });
  afterAll(() => t?.close());

  it('are not stored with the review, and are rendered from its body when the page is opened', async () => {
    const r = await call(t.url, 'POST', '/v1/reviews?wait=15000', { key, body });
    expect(r.body.status).toBe('done');
    const tenantId = (await t.svc.backend.store.tenantByName('acme'))!.id;
    const stored = JSON.parse((await t.svc.backend.store.getResultText(tenantId, r.body.id))!);
    expect(Object.keys(stored).sort()).toEqual(['internalErrors', 'report']);
    const html = await page(t.url, cookie, r.body.id);
    expect(frames(html)).toBe(2);
    expect(html).toContain('Hi Ada');
    expect(html).toContain('Hi Lin');
    expect(html).toContain('subject: “Order A-1 shipped”');
    // The same body again is answered from the result cache (it stores no body of its own): same previews.
    const again = await call(t.url, 'POST', '/v1/reviews?wait=15000', { key, body });
    expect(again.body.resultOf).toBe(r.body.id);
    const shared = await page(t.url, cookie, again.body.id);
    expect(frames(shared)).toBe(2);
    expect(shared).toContain('Hi Lin');
  });

  it('of a result stored by an earlier version are the stored ones', async () => {
    const store = t.svc.backend.store;
    const tenantId = (await store.tenantByName('acme'))!.id;
    const id = newId('rev');
    await store.createReview({ id, tenantId, body: JSON.stringify(body), kind: 'bundle', profile: 'core', name: 'old', bodyHash: 'old', createdAt: Date.now() });
    const r = await call(t.url, 'POST', '/v1/reviews?wait=15000', { key, body: { ...body, name: 'fresh' } });
    const report = JSON.parse((await store.getResultText(tenantId, r.body.id))!).report;
    // Written as the row is (this server's queue may have taken the review meanwhile: the row wins).
    const old = JSON.stringify({ report, internalErrors: [], previews: [{ index: 0, html: '<h1>Stored long ago</h1>' }] });
    (store as SqliteStore).db.prepare("UPDATE reviews SET status = 'done', result = ?, verdict = 'approved', finished_at = ? WHERE id = ?").run(old, Date.now(), id);
    const html = await page(t.url, cookie, id);
    expect(frames(html)).toBe(1);
    expect(html).toContain('Stored long ago');
    expect(html).not.toContain('Hi Ada');
  });
});

describe('previews on an API-only server (--threads 0)', () => {
  let t: TestService;
  afterAll(() => t?.close());

  it('are rendered on a thread started for them', async () => {
    t = await startTestService({ threads: 0 });
    const key = await t.key('acme');
    const cookie = await login(t.url, key);
    const store = t.svc.backend.store;
    const tenantId = (await store.tenantByName('acme'))!.id;
    // Reviewed elsewhere (an `inboxlint worker`): stored here as done, without previews.
    const id = newId('rev');
    await store.createReview({ id, tenantId, body: JSON.stringify(body), kind: 'bundle', profile: 'core', name: 'elsewhere', bodyHash: 'e', createdAt: Date.now() });
    const report = { path: 'x.html', name: 'x', decision: { verdict: 'approved', score: 0, thresholds: { review: 5, reject: 15 }, profile: 'core', reasons: [], probes: 'skipped' }, findings: [], files: {} };
    expect(await store.completeReview(id, { report: report as never, internalErrors: [] }, { verdict: 'approved', reviewMs: 1 }, Date.now())).toBe(true);
    const html = await page(t.url, cookie, id);
    expect(frames(html)).toBe(2);
    expect(html).toContain('Hi Ada');
  }, 60_000);
});
