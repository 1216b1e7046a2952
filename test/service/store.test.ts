/** One contract, two implementations: the same tests against the SQLite store and the PostgreSQL + pg-boss one. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openBackend, type Backend } from '../../src/service/server.js';
import { newId } from '../../src/service/ids.js';
import type { NewReview } from '../../src/service/store/types.js';
import type { SqliteStore } from '../../src/service/store/sqlite.js';
import { PG_URL, dropSchemas, uniqueSchema } from './helpers.js';

const result = { report: { path: 'x.html', name: 'x', decision: { verdict: 'approved', score: 0, thresholds: { review: 5, reject: 15 }, profile: 'core', reasons: [], probes: 'skipped' }, findings: [], files: {} }, previews: [{ index: 0, html: '<p>x</p>' }], internalErrors: [] } as any;

describe.each(['sqlite', 'postgres'] as const)('%s store and queue', (kind) => {
  let b: Backend;
  let dir: string | undefined;
  let schema: string | undefined;
  let t1: string;
  let t2: string;
  const review = (tenantId: string, extra: Partial<NewReview> = {}): NewReview => ({ id: newId('rev'), tenantId, body: '{"html":"<p>x</p>"}', kind: 'bundle', profile: 'core', name: 'x', bodyHash: 'h1', createdAt: Date.now(), ...extra });

  beforeAll(async () => {
    if (kind === 'sqlite') dir = mkdtempSync(path.join(tmpdir(), 'inboxlint-store-'));
    else schema = uniqueSchema('store');
    const opts = dir ? { data: dir } : { databaseUrl: PG_URL, schema: schema!, staleSeconds: 2 };
    b = await openBackend(opts, true);
    // Migrating again is a no-op.
    await b.store.migrate();
    t1 = (await b.store.createTenant(newId('ten'), 'one', Date.now())).id;
    t2 = (await b.store.createTenant(newId('ten'), 'two', Date.now())).id;
  });
  afterAll(async () => {
    await b?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (schema) await dropSchemas(schema);
  });

  it('tenants and keys: looked up by hash only', async () => {
    expect((await b.store.tenantByName('one'))!.id).toBe(t1);
    expect(await b.store.tenantByName('nobody')).toBeUndefined();
    await b.store.createKey({ id: newId('key'), tenantId: t1, hash: 'a'.repeat(64), prefix: 'ilk_aaaa', createdAt: Date.now() });
    expect(await b.store.keyByHash('a'.repeat(64))).toMatchObject({ tenantId: t1, tenantName: 'one', prefix: 'ilk_aaaa' });
    expect(await b.store.keyByHash('b'.repeat(64))).toBeUndefined();
  });

  it('reviews are scoped by tenant; an idempotency key returns the stored review', async () => {
    const r = review(t1, { idempotencyKey: 'k1' });
    const a = await b.store.createReview(r);
    expect(a.created).toBe(true);
    expect(a.review).toMatchObject({ id: r.id, status: 'queued', attempts: 0 });
    const again = await b.store.createReview({ ...review(t1, { idempotencyKey: 'k1' }), bodyHash: 'other' });
    expect(again.created).toBe(false);
    expect(again.review.id).toBe(r.id);
    expect(again.review.bodyHash).toBe('h1');
    const other = await b.store.createReview(review(t2, { idempotencyKey: 'k1' }));
    expect(other.created).toBe(true);
    expect(await b.store.getReview(t2, r.id)).toBeUndefined();
    expect((await b.store.getReview(t1, r.id))!.id).toBe(r.id);
  });

  it('takeForWork marks a review running and returns it with its body; nothing once it is finished', async () => {
    const r = review(t1);
    await b.store.createReview(r);
    const w = (await b.store.takeForWork(r.id, Date.now()))!;
    expect(w.review).toMatchObject({ id: r.id, status: 'running', attempts: 1 });
    expect(w.body).toBe(r.body);
    expect((await b.store.getReview(t1, r.id))!).toMatchObject({ status: 'running', attempts: 1 });
    await b.store.completeReview(r.id, result, { verdict: 'approved', reviewMs: 1 }, Date.now());
    expect(await b.store.takeForWork(r.id, Date.now())).toBeUndefined();
    expect(await b.store.takeForWork('rev_nothing', Date.now())).toBeUndefined();
  });

  it('start → complete stores the result once; fail and requeue; depth', async () => {
    const r = review(t1);
    await b.store.createReview(r);
    const depth0 = await b.store.depth();
    expect(depth0).toBeGreaterThan(0);
    expect(await b.store.startReview(r.id, Date.now())).toBe(true);
    expect((await b.store.reviewForWork(r.id))!.review).toMatchObject({ status: 'running', attempts: 1 });
    await b.store.requeueReview(r.id);
    expect((await b.store.getReview(t1, r.id))!.status).toBe('queued');
    await b.store.startReview(r.id, Date.now());
    expect(await b.store.completeReview(r.id, result, { verdict: 'approved', reviewMs: 12.5, summary: 'approved: risk 0.04 < 0.5' }, Date.now())).toBe(true);
    expect(await b.store.completeReview(r.id, result, { verdict: 'rejected', reviewMs: 1, summary: 'rejected: 1 defect (x/y)' }, Date.now())).toBe(false);
    const done = (await b.store.getReview(t1, r.id))!;
    expect(done).toMatchObject({ status: 'done', verdict: 'approved', summary: 'approved: risk 0.04 < 0.5', attempts: 2, reviewMs: 12.5 });
    // Listings carry the summary too (the queue page and GET /v1/reviews show it).
    expect((await b.store.listReviews(t1, { limit: 200 })).find((x) => x.id === r.id)?.summary).toBe('approved: risk 0.04 < 0.5');
    expect(await b.store.getResult(t1, r.id)).toEqual(result);
    expect(await b.store.getResult(t2, r.id)).toBeUndefined();
    expect(await b.store.startReview(r.id, Date.now())).toBe(false);
    const f = review(t1);
    await b.store.createReview(f);
    await b.store.failReview(f.id, 'boom', Date.now());
    expect((await b.store.getReview(t1, f.id))!).toMatchObject({ status: 'failed', error: 'boom' });
  });

  it('a review stored finished shares an earlier result (resultOf), its deliveries in the same transaction', async () => {
    // Tenants of its own: the other tests count t1's webhooks and t2's reviews.
    const t1 = (await b.store.createTenant(newId('ten'), 'reuse-one', Date.now())).id;
    const t2 = (await b.store.createTenant(newId('ten'), 'reuse-two', Date.now())).id;
    const src = review(t1);
    await b.store.createReview(src);
    await b.store.startReview(src.id, Date.now());
    await b.store.completeReview(src.id, JSON.stringify(result), { verdict: 'approved', reviewMs: 7 }, Date.now());
    const w = { id: newId('whk'), tenantId: t1, url: 'http://127.0.0.1:1/reuse', secret: 's', events: ['review.completed'], createdAt: Date.now() };
    await b.store.createWebhook(w);
    const r = review(t1, { body: '', reuse: { resultOf: src.id, verdict: 'approved', reviewMs: 7, finishedAt: Date.now(), summary: 'approved: risk 0.02 < 0.5' } });
    const now = Date.now();
    // Not due (the deliveries test leases every due one).
    const d = { id: newId('dlv'), tenantId: t1, webhookId: w.id, event: 'review.completed', reviewId: r.id, payload: '{}', status: 'pending' as const, attempts: 0, nextAttemptAt: now + 86_400_000, createdAt: now };
    const made = await b.store.createReview(r, [d]);
    expect(made).toMatchObject({ created: true, review: { id: r.id, status: 'done', verdict: 'approved', summary: 'approved: risk 0.02 < 0.5', resultOf: src.id, reviewMs: 7 } });
    expect(await b.store.getReview(t1, r.id)).toEqual(made.review);
    expect(await b.store.getResult(t1, r.id)).toEqual(result);
    expect(await b.store.getResultText(t1, r.id)).toBe(JSON.stringify(result));
    expect(await b.store.getResult(t2, r.id)).toBeUndefined();
    expect((await b.store.deliveries(t1, { limit: 10, reviewId: r.id })).map((x) => x.id)).toEqual([d.id]);
    // Never shared across tenants: a pointer to another tenant's review finds no result.
    const foreign = review(t2, { body: '', reuse: { resultOf: src.id, verdict: 'approved', reviewMs: 7, finishedAt: Date.now() } });
    await b.store.createReview(foreign);
    expect(await b.store.getResultText(t2, foreign.id)).toBeUndefined();
  });

  it('lists with filters and an id cursor, newest first', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = review(t2, { profile: i % 2 ? 'isp/gmail' : 'core' });
      ids.push(r.id);
      await b.store.createReview(r);
      await b.store.startReview(r.id, Date.now());
      await b.store.completeReview(r.id, result, { verdict: i === 0 ? 'rejected' : 'approved', reviewMs: 1 }, Date.now());
    }
    const page1 = await b.store.listReviews(t2, { limit: 2 });
    const page2 = await b.store.listReviews(t2, { limit: 2, before: page1[1]!.id });
    expect(page1.map((r) => r.id)).toEqual([ids[4], ids[3]]);
    expect(page2.map((r) => r.id)).toEqual([ids[2], ids[1]]);
    expect((await b.store.listReviews(t2, { limit: 10, verdict: 'rejected' })).map((r) => r.id)).toEqual([ids[0]]);
    expect((await b.store.listReviews(t2, { limit: 10, profile: 'isp/gmail' })).length).toBe(2);
    expect((await b.store.listReviews(t2, { limit: 10, createdFrom: Date.now() + 1000 })).length).toBe(0);
    expect((await b.store.listReviews(t1, { limit: 100 })).some((r) => ids.includes(r.id))).toBe(false);
    await b.store.addDecision({ id: newId('dec'), reviewId: ids[0]!, tenantId: t2, verdict: 'approved', note: 'fine', actor: 'key:x', createdAt: Date.now() });
    expect((await b.store.listReviews(t2, { limit: 10, humanVerdict: 'approved' })).map((r) => r.id)).toEqual([ids[0]]);
    expect((await b.store.listReviews(t2, { limit: 10, humanVerdict: 'none', status: 'done' })).length).toBe(4);
    expect((await b.store.decisions(t2, ids[0]!)).map((d) => d.note)).toEqual(['fine']);
    expect(await b.store.decisions(t1, ids[0]!)).toEqual([]);
  });

  it('webhooks and deliveries: due deliveries are leased once', async () => {
    const w = { id: newId('whk'), tenantId: t1, url: 'http://127.0.0.1:1/x', secret: 's', events: ['review.completed'], createdAt: Date.now() };
    await b.store.createWebhook(w);
    expect((await b.store.webhooks(t1)).map((x) => x.id)).toEqual([w.id]);
    expect(await b.store.webhooks(t2)).toEqual([]);
    const now = Date.now();
    const d = { id: newId('dlv'), tenantId: t1, webhookId: w.id, event: 'review.completed', reviewId: 'r', payload: '{}', status: 'pending' as const, attempts: 0, nextAttemptAt: now, createdAt: now };
    await b.store.createDelivery(d);
    const [first, second] = await Promise.all([b.store.dueDeliveries(now + 1, now + 60_000, 10), b.store.dueDeliveries(now + 1, now + 60_000, 10)]);
    expect(first!.length + second!.length).toBe(1);
    await b.store.updateDelivery(d.id, { status: 'delivered', attempts: 1, nextAttemptAt: now, lastStatus: 204, deliveredAt: now });
    expect(await b.store.getDelivery(t1, d.id)).toMatchObject({ status: 'delivered', attempts: 1, lastStatus: 204 });
    expect(await b.store.getDelivery(t2, d.id)).toBeUndefined();
    expect((await b.store.deliveries(t1, { limit: 10, status: 'delivered' })).map((x) => x.id)).toEqual([d.id]);
    expect(await b.store.deliveries(t2, { limit: 10 })).toEqual([]);
  });

  it('the queue hands every enqueued review to the handler once; stop() waits for running ones', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const r = review(t1);
      await b.store.createReview(r);
      ids.push(r.id);
    }
    const got: string[] = [];
    const all = new Promise<void>((resolve) => {
      void b.queue.work(async (id) => {
        if (!ids.includes(id)) return;
        await b.store.startReview(id, Date.now());
        await b.store.completeReview(id, result, { verdict: 'approved', reviewMs: 1 }, Date.now());
        got.push(id);
        if (got.length === ids.length) resolve();
      }, 2);
    });
    for (const id of ids) await b.queue.enqueue(id);
    await all;
    expect([...got].sort()).toEqual([...ids].sort());
    await b.queue.ping();
    await b.queue.stop(2000);
  });
});

describe('sqlite queue statements', () => {
  it('claiming and re-queueing use the partial index of queued and running reviews (no scan of every review)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'inboxlint-plan-'));
    const b = await openBackend({ data: dir }, true);
    try {
      const store = b.store as SqliteStore;
      const plan = (sql: string) => (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(sql.match(/\?/g) ?? []).map(() => 0)) as { detail: string }[]).map((r) => r.detail).join('; ');
      // The statements as SqliteStore runs them (through its statement cache).
      const statements = [...(store as unknown as { stmts: Map<string, unknown> }).stmts.keys()];
      store.claim(Date.now());
      store.requeueAllRunning();
      store.requeueStale(Date.now(), 1000);
      const queueSql = [...(store as unknown as { stmts: Map<string, unknown> }).stmts.keys()].filter((s) => !statements.includes(s) && /status/.test(s));
      expect(queueSql.length).toBe(3);
      for (const sql of queueSql) {
        expect(plan(sql)).toMatch(/reviews_queued/);
        expect(plan(sql)).not.toMatch(/SCAN reviews/);
      }
    } finally {
      await b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SQLite WAL checkpoints on their own thread', () => {
  it('keep the log from growing: the serving connection finishes a checkpoint and the next write restarts the log', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'inboxlint-wal-'));
    const { SqliteStore } = await import('../../src/service/store/sqlite.js');
    const store = new SqliteStore(path.join(dir, 'inboxlint.db'), { backgroundCheckpoints: true });
    try {
      await store.migrate();
      const tenant = (await store.createTenant(newId('ten'), 'wal', Date.now())).id;
      // 40 KB bodies and results of 16 KB pages: ~6 log frames a review, past the 1,024 that ask for a finish.
      const big = JSON.stringify({ html: 'x'.repeat(40_000) });
      const stored = Buffer.from(JSON.stringify({ ...result, pad: 'y'.repeat(40_000) }));
      for (let i = 0; i < 250; i++) {
        const id = newId('rev');
        await store.createReview({ id, tenantId: tenant, body: big, kind: 'bundle', profile: 'core', name: 'x', bodyHash: `h${i}`, createdAt: Date.now() });
        expect(await store.completeReview(id, stored, { verdict: 'approved', reviewMs: 1 }, Date.now())).toBe(true);
      }
      // The thread copies the log on its own and then asks this connection to finish (no checkpoint here
      // before: it would restart the log itself).
      await vi.waitFor(() => expect(store.checkpointsFinished).toBeGreaterThan(0), { timeout: 30_000, interval: 20 });
      const id = newId('rev');
      await store.createReview({ id, tenantId: tenant, body: big, kind: 'bundle', profile: 'core', name: 'x', bodyHash: 'last', createdAt: Date.now() });
      // The log holds only what was written since: it started anew.
      expect((store.db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0]!.log).toBeLessThan(20);
      // Everything written is there.
      expect((await store.listReviews(tenant, { limit: 300 })).length).toBe(251);
      expect(JSON.parse((await store.getResultText(tenant, (await store.listReviews(tenant, { limit: 2 }))[1]!.id))!).pad).toHaveLength(40_000);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
