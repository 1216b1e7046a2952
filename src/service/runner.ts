/**
 * Runs one queued review: load it, mark it running, review it on the thread pool, store the result once,
 * signal waiters, emit webhooks. Shared by `serve` (embedded) and `worker` processes.
 */
import type { Metrics } from './metrics.js';
import type { ReviewPool } from './pool.js';
import type { DoneSignal, Store } from './store/types.js';
import { completedData, type WebhookDispatcher } from './webhooks.js';
import { ResultCache } from './result-cache.js';

/** Attempts before a review that keeps failing is marked failed. */
export const MAX_REVIEW_ATTEMPTS = 3;

export interface RunnerDeps {
  store: Store;
  pool: ReviewPool;
  signal: DoneSignal;
  metrics?: Metrics;
  webhooks?: WebhookDispatcher;
  /**
   * The API's result cache, when it runs in this process (embedded server): a finished review's response
   * part goes there, so a ?wait request answers without reading the result back and re-serialising it.
   */
  results?: ResultCache;
}

export function createRunner(deps: RunnerDeps): (reviewId: string) => Promise<void> {
  const { store, pool, signal, metrics, webhooks, results } = deps;
  return async (id) => {
    // Marked running and read in one step (one statement on PostgreSQL); attempts counts this one.
    const work = await store.takeForWork(id, Date.now());
    if (!work) return;
    const { review } = work;
    let out;
    try {
      out = await pool.run(work.body, review.profile);
    } catch (e) {
      const message = (e as Error)?.message ?? String(e);
      if (review.attempts < MAX_REVIEW_ATTEMPTS) {
        await store.requeueReview(id);
        throw e;
      }
      const outbox = (await webhooks?.prepare(review.tenantId, 'review.failed', id, { status: 'failed', error: message })) ?? [];
      await store.failReview(id, message, Date.now(), outbox);
      metrics?.reviewFailures.inc();
      await signal.notify(id);
      if (outbox.length) webhooks?.kick();
      return;
    }
    const { verdict, summary } = out;
    const outbox = (await webhooks?.prepare(review.tenantId, 'review.completed', id, completedData({ verdict, summary, profile: review.profile, name: review.name }))) ?? [];
    // Result and webhook deliveries in one transaction; a review run twice (a worker killed after storing,
    // before acknowledging the job) is stored and announced once.
    const finishedAt = Date.now();
    const stored = await store.completeReview(id, out.result, { verdict, reviewMs: out.reviewMs, summary }, finishedAt, outbox);
    if (!stored) return;
    // The fragment is the stored result without its braces: a view of the same bytes, not a copy.
    results?.set(ResultCache.key(review.tenantId, review.profile, review.bodyHash), { reviewId: id, verdict, summary, reviewMs: out.reviewMs, fragment: Buffer.from(out.result.buffer, out.result.byteOffset + 1, out.result.length - 2) });
    metrics?.reviewSeconds.observe({ profile: review.profile }, out.reviewMs / 1000);
    metrics?.verdicts.inc({ profile: review.profile, verdict });
    // The review as stored now (what reading it back would give), for requests waiting on it here.
    const { error: _cleared, ...running } = review;
    await signal.notify(id, { ...running, status: 'done', verdict, summary, reviewMs: out.reviewMs, finishedAt });
    if (outbox.length) webhooks?.kick();
  };
}
