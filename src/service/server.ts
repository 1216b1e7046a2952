/**
 * Assembling the service: the store and queue (SQLite by default, PostgreSQL + pg-boss with a database URL),
 * the review pool, webhooks and the HTTP app. `startServer` is `inboxlint serve`; `startWorker` is
 * `inboxlint worker` (reviews and webhooks, no HTTP).
 */
import { setMaxListeners } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createApp } from './app.js';
import { newApiKey, newId } from './ids.js';
import { createMetrics, type Metrics } from './metrics.js';
import { createReviewPool, type ReviewPool } from './pool.js';
import { createProfileCheck } from './review-adapter.js';
import { ResultCache } from './result-cache.js';
import { createRunner } from './runner.js';
import { LocalDoneSignal, SqliteQueue, SqliteStore } from './store/sqlite.js';
import type { DoneSignal, JobQueue, Store } from './store/types.js';
import { WebhookDispatcher, type WebhookOptions } from './webhooks.js';

export interface ServiceOptions {
  /** Folder of the SQLite database (default ./data). */
  data?: string;
  /** postgres://… : PostgreSQL store and pg-boss queue instead of SQLite. */
  databaseUrl?: string;
  /** PostgreSQL schema for the tables and pg-boss (default inboxlint). */
  schema?: string;
  /** Review threads (default: the machine's cores). 0 = this process takes no reviews (API only). */
  threads?: number;
  checkUrls?: boolean;
  /** Let --check-urls and webhooks reach private and loopback addresses. */
  allowPrivateHosts?: boolean;
  webhooks?: WebhookOptions;
  rateLimit?: { perSecond: number; burst: number };
  bodyLimit?: string | number;
  /** Seconds a review may stay running before another worker takes it (worker killed). Default 60. */
  staleSeconds?: number;
}

export interface Backend {
  store: Store;
  queue: JobQueue;
  signal: DoneSignal;
  close(): Promise<void>;
}

/** Opens (and migrates) the store and queue. `owner`: this process owns an SQLite file and re-queues what was running. */
export async function openBackend(o: ServiceOptions, owner: boolean): Promise<Backend> {
  if (o.databaseUrl) {
    const { openPostgres } = await import('./store/postgres.js');
    return openPostgres(o.databaseUrl, { schema: o.schema ?? 'inboxlint', staleSeconds: o.staleSeconds ?? 60 });
  }
  const store = new SqliteStore(path.join(path.resolve(o.data ?? 'data'), 'inboxlint.db'), { backgroundCheckpoints: true });
  await store.migrate();
  const queue = new SqliteQueue(store, { ownsFile: owner, staleMs: owner ? undefined : (o.staleSeconds ?? 60) * 1000 });
  const signal = new LocalDoneSignal();
  return { store, queue, signal, close: async () => (await signal.close(), await store.close()) };
}

interface Workers {
  pool?: ReviewPool;
  webhooks: WebhookDispatcher;
}

async function startWorkers(b: Backend, o: ServiceOptions, metrics: Metrics, takeReviews: boolean, results?: ResultCache): Promise<Workers> {
  const webhooks = new WebhookDispatcher(b.store, metrics, { ...(o.allowPrivateHosts ? { allowPrivateHosts: true } : {}), ...o.webhooks });
  webhooks.start();
  if (!takeReviews) return { webhooks };
  const pool = createReviewPool({ ...(o.threads ? { threads: o.threads } : {}), ...(o.checkUrls ? { checkUrls: true } : {}), ...(o.allowPrivateHosts ? { allowPrivateHosts: true } : {}) });
  await pool.warm();
  await b.queue.recover();
  // Two reviews in flight per thread: one running, one handed over, so threads never wait on the store.
  await b.queue.work(createRunner({ store: b.store, pool, signal: b.signal, metrics, webhooks, ...(results ? { results } : {}) }), pool.threads * 2);
  return { pool, webhooks };
}

export interface RunningService {
  url: string;
  port: number;
  server: Server;
  backend: Backend;
  metrics: Metrics;
  /** Graceful stop: no new connections, running reviews finished or re-queued, store closed. */
  close(): Promise<void>;
}

export async function startServer(o: ServiceOptions & { port?: number; host?: string }): Promise<RunningService> {
  const backend = await openBackend(o, true);
  const metrics = createMetrics(() => backend.store.depth(), { defaults: true });
  // Probe results change with time: with --check-urls every body is reviewed again (no result cache).
  const resultCache = o.checkUrls ? undefined : new ResultCache();
  const workers = await startWorkers(backend, o, metrics, o.threads !== 0, resultCache);
  // The review page's previews: on this process's review threads, or (API only, --threads 0) on one thread
  // started when a reviewer first opens a review.
  let previewPool: ReviewPool | undefined;
  const previews = (body: string, profile: string) => (workers.pool ?? (previewPool ??= createReviewPool({ threads: 1 }))).previews(body, profile);
  const shutdown = new AbortController();
  setMaxListeners(0, shutdown.signal); // one listener per waiting request
  const app = createApp({
    closing: shutdown.signal,
    store: backend.store,
    queue: backend.queue,
    signal: backend.signal,
    metrics,
    webhooks: workers.webhooks,
    profileExists: createProfileCheck(),
    reuseResults: !o.checkUrls,
    previews,
    ...(resultCache ? { resultCache } : {}),
    ...(o.rateLimit ? { rateLimit: o.rateLimit } : {}),
    ...(o.bodyLimit !== undefined ? { bodyLimit: o.bodyLimit } : {}),
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(o.port ?? 8080, o.host ?? '127.0.0.1', (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  server.keepAliveTimeout = 65_000;
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${o.host ?? '127.0.0.1'}:${port}`,
    port,
    server,
    backend,
    metrics,
    close: () =>
      (closing ??= (async () => {
        // No new connections; requests in flight finish (?wait ones answer at once with what they have).
        const stopped = new Promise<void>((r) => server.close(() => r()));
        shutdown.abort();
        server.closeIdleConnections();
        const idle = setInterval(() => server.closeIdleConnections(), 100);
        const grace = setTimeout(() => server.closeAllConnections(), 10_000);
        await stopped;
        clearInterval(idle);
        clearTimeout(grace);
        // Then the reviews running here finish (or go back to the queue), and the store closes.
        await backend.queue.stop();
        await workers.pool?.destroy();
        await previewPool?.destroy();
        await workers.webhooks.stop();
        await backend.close();
      })()),
  };
}

export interface RunningWorker {
  backend: Backend;
  close(): Promise<void>;
}

export async function startWorker(o: ServiceOptions): Promise<RunningWorker> {
  const backend = await openBackend(o, false);
  const metrics = createMetrics(() => backend.store.depth());
  const workers = await startWorkers(backend, o, metrics, true);
  let closing: Promise<void> | undefined;
  return {
    backend,
    close: () =>
      (closing ??= (async () => {
        await backend.queue.stop();
        await workers.pool?.destroy();
        await workers.webhooks.stop();
        await backend.close();
      })()),
  };
}

/** Creates the tenant if needed and a new key for it; the key is returned once and stored only hashed. */
export async function createKey(store: Store, tenant: string): Promise<{ key: string; tenantId: string; keyId: string }> {
  const now = Date.now();
  const t = (await store.tenantByName(tenant)) ?? (await store.createTenant(newId('ten', now), tenant, now));
  const k = newApiKey();
  const keyId = newId('key', now);
  await store.createKey({ id: keyId, tenantId: t.id, hash: k.hash, prefix: k.prefix, createdAt: now });
  return { key: k.key, tenantId: t.id, keyId };
}
