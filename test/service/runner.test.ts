/**
 * The runner with a real review pool, against both stores: a review whose run keeps failing is put back in
 * the queue and retried until MAX_REVIEW_ATTEMPTS runs have failed, then marked failed (and signalled).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../src/service/server.js';
import { newId } from '../../src/service/ids.js';
import { createReviewPool, type ReviewPool } from '../../src/service/pool.js';
import { MAX_REVIEW_ATTEMPTS, createRunner } from '../../src/service/runner.js';
import type { SqliteStore } from '../../src/service/store/sqlite.js';
import { PG_URL, checkDeliveryAgainstDocument, dropSchemas, uniqueSchema } from './helpers.js';
import { WebhookDispatcher } from '../../src/service/webhooks.js';

let pool: ReviewPool;
beforeAll(async () => {
  pool = createReviewPool({ threads: 1 });
});
afterAll(async () => {
  await pool?.destroy();
});

describe.each(['sqlite', 'postgres'] as const)('runner (%s)', (kind) => {
  let b: Backend;
  let dir: string | undefined;
  let schema: string | undefined;
  beforeAll(async () => {
    if (kind === 'sqlite') dir = mkdtempSync(path.join(tmpdir(), 'inboxlint-runner-'));
    else schema = uniqueSchema('runner');
    b = await openBackend(dir ? { data: dir } : { databaseUrl: PG_URL, schema: schema!, staleSeconds: 2 }, true);
  });
  afterAll(async () => {
    await b?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (schema) await dropSchemas(schema);
  });

  it(`a review that fails to run is retried, and failed after ${MAX_REVIEW_ATTEMPTS} attempts`, async () => {
    const tenantId = (await b.store.createTenant(newId('ten'), 'runner', Date.now())).id;
    // Stored directly (the API would refuse it): a body that is no template makes the review thread throw.
    const id = newId('rev');
    await b.store.createReview({ id, tenantId, body: '{"nothing":1}', kind: 'bundle', profile: 'core', name: 'x', bodyHash: 'h', createdAt: Date.now() });
    const signalled: string[] = [];
    const off = b.signal.subscribe((done) => signalled.push(done));
    // Its review.failed delivery is stored with the failure (the dispatcher is not started: nothing is sent).
    await b.store.createWebhook({ id: newId('whk'), tenantId, url: 'https://hooks.example.com/inboxlint', secret: 's', events: ['review.failed'], createdAt: Date.now() });
    const runner = createRunner({ store: b.store, pool, signal: b.signal, webhooks: new WebhookDispatcher(b.store, undefined) });
    // As the queues hand it over: SQLite's claims it first (marks it running, attempts + 1), pg-boss does not.
    const run = (reviewId: string) => {
      if (kind === 'sqlite') (b.store as SqliteStore).claim(Date.now());
      return runner(reviewId);
    };
    for (let attempt = 1; attempt < MAX_REVIEW_ATTEMPTS; attempt++) {
      await expect(run(id)).rejects.toThrow(/not a template/);
      expect(await b.store.getReview(tenantId, id)).toMatchObject({ status: 'queued', attempts: attempt });
    }
    await run(id);
    expect(await b.store.getReview(tenantId, id)).toMatchObject({ status: 'failed', attempts: MAX_REVIEW_ATTEMPTS, error: expect.stringMatching(/not a template/) });
    for (let i = 0; i < 50 && !signalled.includes(id); i++) await new Promise((r) => setTimeout(r, 20));
    off();
    expect(signalled).toContain(id);
    const [failed, ...more] = await b.store.deliveries(tenantId, { limit: 10, reviewId: id });
    expect(more).toEqual([]);
    expect(JSON.parse(failed!.payload)).toMatchObject({ event: 'review.failed', data: { reviewId: id, status: 'failed', error: expect.stringMatching(/not a template/) } });
    checkDeliveryAgainstDocument('review.failed', failed!.payload);
    // Finished: running it again does nothing.
    await run(id);
    expect((await b.store.getReview(tenantId, id))!.attempts).toBe(MAX_REVIEW_ATTEMPTS);
  });
});
