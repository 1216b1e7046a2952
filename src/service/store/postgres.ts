/**
 * The scale-out store: PostgreSQL (node-postgres) for the data, pg-boss 10 for the review queue, and
 * LISTEN/NOTIFY to tell API processes that a review finished (for ?wait) and workers that a job is queued
 * (pg-boss polls at most every 0.5 s; the notification wakes a worker at once).
 */
import pg from 'pg';
import PgBoss from 'pg-boss';
import { postgresMigrations } from '../migrations/schema.js';
import { RESULT_QUERY, REVIEW_COLUMNS, decisionFromRow, deliveryConditions, deliveryFromRow, listing, newReviewRecord, resultText, reviewConditions, reviewFromRow, utf8Text, webhookFromRow } from './rows.js';
import type { Backend } from '../server.js';
import type { Delivery, DoneSignal, JobQueue, Review, ReviewOutcome, Store } from './types.js';

const QUEUE = 'inboxlint-review';
const JOB_CHANNEL = 'inboxlint_jobs';
const DONE_CHANNEL = 'inboxlint_done';

const types = {
  getTypeParser: (oid: number, format?: any) => (oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)),
};

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  readonly pool: pg.Pool;

  constructor(
    readonly url: string,
    readonly schema: string,
  ) {
    if (!/^[a-z_][a-z0-9_]{0,40}$/.test(schema)) throw new Error(`invalid schema name '${schema}'`);
    this.pool = new pg.Pool({ connectionString: url, max: 10, options: `-c search_path=${schema}`, types } as pg.PoolConfig);
    this.pool.on('error', () => undefined);
  }

  private async q(sql: string, args: unknown[] = []): Promise<any[]> {
    return (await this.pool.query(sql, args)).rows;
  }

  async migrate() {
    const c = await this.pool.connect();
    try {
      // One process migrates at a time (any number of serve/worker processes may start together).
      await c.query('SELECT pg_advisory_lock(hashtext($1))', [`inboxlint-migrate-${this.schema}`]);
      await c.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
      await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at bigint NOT NULL)');
      const done = new Set((await c.query('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
      for (let v = 0; v < postgresMigrations.length; v++) {
        if (done.has(v + 1)) continue;
        await c.query('BEGIN');
        await c.query(postgresMigrations[v]!);
        await c.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [v + 1, Date.now()]);
        await c.query('COMMIT');
      }
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      await c.query('SELECT pg_advisory_unlock(hashtext($1))', [`inboxlint-migrate-${this.schema}`]).catch(() => undefined);
      c.release();
    }
  }
  async ping() {
    await this.q('SELECT 1');
  }
  async close() {
    await this.pool.end();
  }

  async tenantByName(name: string) {
    const [r] = await this.q('SELECT * FROM tenants WHERE name = $1', [name]);
    return r ? { id: r.id, name: r.name, createdAt: r.created_at } : undefined;
  }
  async createTenant(id: string, name: string, now: number) {
    await this.q('INSERT INTO tenants (id, name, created_at) VALUES ($1, $2, $3)', [id, name, now]);
    return { id, name, createdAt: now };
  }
  async createKey(k: { id: string; tenantId: string; hash: string; prefix: string; createdAt: number }) {
    await this.q('INSERT INTO api_keys (id, tenant_id, hash, prefix, created_at) VALUES ($1, $2, $3, $4, $5)', [k.id, k.tenantId, k.hash, k.prefix, k.createdAt]);
  }
  async keyByHash(hash: string) {
    const [r] = await this.q('SELECT k.id, k.tenant_id, k.hash, k.prefix, t.name FROM api_keys k JOIN tenants t ON t.id = k.tenant_id WHERE k.hash = $1 AND k.revoked_at IS NULL', [hash]);
    return r ? { id: r.id, tenantId: r.tenant_id, tenantName: r.name, hash: r.hash, prefix: r.prefix } : undefined;
  }

  async createReview(r: Parameters<Store['createReview']>[0], outbox: Delivery[] = []) {
    const u = r.reuse;
    const insert = async (c: pg.Pool | pg.PoolClient) =>
      (
        await c.query(
          `INSERT INTO reviews (id, tenant_id, status, kind, profile, name, body, body_hash, idempotency_key, created_at, result_of, verdict, review_ms, started_at, finished_at, summary)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
           ON CONFLICT (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING RETURNING id`,
          [r.id, r.tenantId, u ? 'done' : 'queued', r.kind, r.profile, r.name, utf8Text(r.body), r.bodyHash, r.idempotencyKey ?? null, r.createdAt, u?.resultOf ?? null, u?.verdict ?? null, u?.reviewMs ?? null, u ? r.createdAt : null, u?.finishedAt ?? null, u?.summary ?? null],
        )
      ).rowCount === 1;
    // Stored finished: its deliveries in the same transaction.
    const created = u && outbox.length ? await this.tx(async (c) => (await insert(c)) && (await Promise.all(outbox.map((d) => insertDelivery(c, d))), true)) : await insert(this.pool);
    if (created) return { review: newReviewRecord(r), created: true };
    const [existing] = await this.q(`SELECT ${REVIEW_COLUMNS} FROM reviews WHERE tenant_id = $1 AND idempotency_key = $2`, [r.tenantId, r.idempotencyKey]);
    return { review: reviewFromRow(existing), created: false };
  }
  async getReview(tenantId: string, id: string) {
    const [r] = await this.q(`SELECT ${REVIEW_COLUMNS} FROM reviews WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
    return r ? reviewFromRow(r) : undefined;
  }
  async getResult(tenantId: string, id: string) {
    const text = await this.getResultText(tenantId, id);
    return text ? JSON.parse(text) : undefined;
  }
  async getResultText(tenantId: string, id: string) {
    const [r] = await this.q(RESULT_QUERY.replace('?', '$1').replace('?', '$2'), [tenantId, id]);
    return (r?.result as string | null) ?? undefined;
  }
  async listReviews(tenantId: string, f: Parameters<Store['listReviews']>[1]) {
    const q = listing('reviews', REVIEW_COLUMNS, tenantId, reviewConditions(f), f.limit, (n) => `$${n}`);
    return (await this.q(q.sql, q.args)).map(reviewFromRow);
  }
  async addDecision(d: Parameters<Store['addDecision']>[0], outbox: Delivery[] = []) {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      for (const x of outbox) await insertDelivery(c, x);
      await c.query('INSERT INTO decisions (id, review_id, tenant_id, verdict, note, actor, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [d.id, d.reviewId, d.tenantId, d.verdict, d.note, d.actor, d.createdAt]);
      await c.query('UPDATE reviews SET human_verdict = $1 WHERE tenant_id = $2 AND id = $3', [d.verdict, d.tenantId, d.reviewId]);
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  }
  async decisions(tenantId: string, reviewId: string) {
    return (await this.q('SELECT * FROM decisions WHERE tenant_id = $1 AND review_id = $2 ORDER BY created_at, id', [tenantId, reviewId])).map(decisionFromRow);
  }

  async reviewForWork(id: string) {
    const [r] = await this.q(`SELECT ${REVIEW_COLUMNS}, body FROM reviews WHERE id = $1`, [id]);
    return r ? { review: reviewFromRow(r), body: r.body as string } : undefined;
  }
  async startReview(id: string, now: number) {
    return ((await this.pool.query("UPDATE reviews SET status = 'running', started_at = $1, attempts = attempts + 1 WHERE id = $2 AND status IN ('queued', 'running')", [now, id])).rowCount ?? 0) > 0;
  }
  async takeForWork(id: string, now: number) {
    const [r] = await this.q(`UPDATE reviews SET status = 'running', started_at = $1, attempts = attempts + 1 WHERE id = $2 AND status IN ('queued', 'running') RETURNING ${REVIEW_COLUMNS}, body`, [now, id]);
    return r ? { review: reviewFromRow(r), body: r.body as string } : undefined;
  }
  /** Runs `fn` in one transaction. */
  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const out = await fn(c);
      await c.query('COMMIT');
      return out;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  }
  /**
   * One UPDATE and, when it changed the row, the outbox's deliveries, in one transaction. Without
   * deliveries (no webhook wants the event) the UPDATE alone is the transaction: one round trip instead of
   * a pooled client's BEGIN, UPDATE, COMMIT.
   */
  private async updateWithOutbox(sql: string, args: unknown[], outbox: Delivery[]): Promise<boolean> {
    if (!outbox.length) return ((await this.pool.query(sql, args)).rowCount ?? 0) > 0;
    return this.tx(async (c) => {
      const changed = ((await c.query(sql, args)).rowCount ?? 0) > 0;
      if (changed) for (const d of outbox) await insertDelivery(c, d);
      return changed;
    });
  }
  async completeReview(id: string, result: Parameters<Store['completeReview']>[1], outcome: ReviewOutcome, now: number, outbox: Delivery[] = []) {
    return this.updateWithOutbox("UPDATE reviews SET status = 'done', result = $1, verdict = $2, review_ms = $3, summary = $4, finished_at = $5, error = NULL WHERE id = $6 AND status <> 'done'", [resultText(result), outcome.verdict, outcome.reviewMs, outcome.summary ?? null, now, id], outbox);
  }
  async failReview(id: string, error: string, now: number, outbox: Delivery[] = []) {
    await this.updateWithOutbox("UPDATE reviews SET status = 'failed', error = $1, finished_at = $2 WHERE id = $3 AND status NOT IN ('done', 'failed')", [error, now, id], outbox);
  }
  async requeueReview(id: string) {
    await this.q("UPDATE reviews SET status = 'queued' WHERE id = $1 AND status = 'running'", [id]);
  }
  async depth() {
    return Number((await this.q("SELECT count(*) AS n FROM reviews WHERE status IN ('queued', 'running')"))[0].n);
  }

  async createWebhook(w: Parameters<Store['createWebhook']>[0]) {
    await this.q('INSERT INTO webhooks (id, tenant_id, url, secret, events, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [w.id, w.tenantId, w.url, w.secret, JSON.stringify(w.events), w.createdAt]);
  }
  async webhooks(tenantId: string) {
    return (await this.q('SELECT * FROM webhooks WHERE tenant_id = $1 ORDER BY id', [tenantId])).map(webhookFromRow);
  }
  async webhookById(id: string) {
    const [r] = await this.q('SELECT * FROM webhooks WHERE id = $1', [id]);
    return r ? webhookFromRow(r) : undefined;
  }
  async createDelivery(d: Delivery) {
    await insertDelivery(this.pool, d);
  }
  async dueDeliveries(now: number, leaseUntil: number, limit: number) {
    // SKIP LOCKED: several workers share the log without sending one delivery twice at once.
    const rows = await this.q(
      `UPDATE deliveries SET next_attempt_at = $2 WHERE id IN (
         SELECT id FROM deliveries WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [now, leaseUntil, limit],
    );
    return rows.map(deliveryFromRow);
  }
  async updateDelivery(id: string, p: Parameters<Store['updateDelivery']>[1]) {
    await this.q('UPDATE deliveries SET status = $1, attempts = $2, next_attempt_at = $3, last_status = $4, last_error = $5, delivered_at = $6 WHERE id = $7', [
      p.status, p.attempts, p.nextAttemptAt, p.lastStatus ?? null, p.lastError ?? null, p.deliveredAt ?? null, id,
    ]);
  }
  async deliveries(tenantId: string, f: { status?: string; reviewId?: string; before?: string; limit: number }) {
    const q = listing('deliveries', '*', tenantId, deliveryConditions(f), f.limit, (n) => `$${n}`);
    return (await this.q(q.sql, q.args)).map(deliveryFromRow);
  }
  async getDelivery(tenantId: string, id: string) {
    const [r] = await this.q('SELECT * FROM deliveries WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    return r ? deliveryFromRow(r) : undefined;
  }
}

function insertDelivery(c: pg.Pool | pg.PoolClient, d: Delivery) {
  return c.query('INSERT INTO deliveries (id, tenant_id, webhook_id, event, review_id, payload, status, attempts, next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)', [
    d.id, d.tenantId, d.webhookId, d.event, d.reviewId, d.payload, d.status, d.attempts, d.nextAttemptAt, d.createdAt,
  ]);
}

/** One LISTEN connection per process, fanning notifications out to local subscribers. */
class Listener {
  private client: pg.Client | undefined;
  private readonly subs = new Map<string, Set<(payload: string) => void>>();
  constructor(private readonly url: string) {}
  async start(channels: string[]) {
    this.client = new pg.Client({ connectionString: this.url });
    this.client.on('error', () => undefined);
    await this.client.connect();
    for (const ch of channels) await this.client.query(`LISTEN ${ch}`);
    this.client.on('notification', (n) => {
      for (const fn of this.subs.get(n.channel) ?? []) fn(n.payload ?? '');
    });
  }
  on(channel: string, fn: (payload: string) => void): () => void {
    let set = this.subs.get(channel);
    if (!set) this.subs.set(channel, (set = new Set()));
    set.add(fn);
    return () => void set.delete(fn);
  }
  async close() {
    await this.client?.end().catch(() => undefined);
  }
}

export class PgBossQueue implements JobQueue {
  private workerIds: string[] = [];
  private active = new Set<Promise<void>>();
  private offJobs: (() => void) | undefined;

  constructor(
    private readonly boss: PgBoss,
    private readonly store: PostgresStore,
    private readonly listener: Listener,
    private readonly staleSeconds: number,
  ) {}

  async enqueue(id: string) {
    // singletonKey: one job per review however often it is enqueued.
    await this.boss.send(QUEUE, { id }, { singletonKey: id, retryLimit: 5, retryDelay: 1, expireInSeconds: this.staleSeconds });
    await this.store.pool.query('SELECT pg_notify($1, $2)', [JOB_CHANNEL, id]);
  }

  async work(handler: (id: string) => Promise<void>, concurrency: number) {
    for (let i = 0; i < concurrency; i++) {
      let wid = '';
      wid = await this.boss.work<{ id: string }>(QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]: PgBoss.Job<{ id: string }>[]) => {
        if (!job) return;
        const p = handler(job.data.id);
        this.active.add(p);
        try {
          await p;
        } finally {
          this.active.delete(p);
          // A worker that found a job looks for the next one at once: pg-boss otherwise waits out the
          // polling interval after every job, so a backlog drained at one job per worker per 0.5 s.
          if (wid) this.boss.notifyWorker(wid);
        }
      });
      this.workerIds.push(wid);
    }
    let next = 0;
    this.offJobs = this.listener.on(JOB_CHANNEL, () => {
      // Wake one local worker; pg-boss's fetch decides which job it gets.
      const wid = this.workerIds[next++ % this.workerIds.length];
      if (wid) this.boss.notifyWorker(wid);
    });
  }

  async stop(graceMs = 10_000) {
    this.offJobs?.();
    for (const wid of this.workerIds) await this.boss.offWork({ id: wid });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.active]), new Promise((r) => (timer = setTimeout(r, graceMs)))]);
    clearTimeout(timer);
    // Jobs still running are failed back by pg-boss's stop and retried by another worker.
    await this.boss.stop({ graceful: true, timeout: Math.max(1000, graceMs), close: true, wait: true });
  }

  async recover() {
    // pg-boss owns job state: a job whose worker died expires after expireInSeconds and is retried.
    return 0;
  }

  async ping() {
    await this.boss.getQueueSize(QUEUE);
  }
}

class PgDoneSignal implements DoneSignal {
  constructor(
    private readonly store: PostgresStore,
    private readonly listener: Listener,
  ) {}
  /** Listeners in this process, told at once and with the review; the NOTIFY reaches every process (this one too). */
  private readonly local = new Set<(id: string, finished?: Review) => void>();
  async notify(id: string, finished?: Review) {
    for (const fn of this.local) fn(id, finished);
    await this.store.pool.query('SELECT pg_notify($1, $2)', [DONE_CHANNEL, id]);
  }
  subscribe(fn: (id: string, finished?: Review) => void) {
    this.local.add(fn);
    const off = this.listener.on(DONE_CHANNEL, (id) => fn(id));
    return () => (this.local.delete(fn), off());
  }
  async close() {}
}

export async function openPostgres(url: string, o: { schema: string; staleSeconds: number }): Promise<Backend> {
  const store = new PostgresStore(url, o.schema);
  await store.migrate();
  const boss = new PgBoss({ connectionString: url, schema: `${o.schema}_boss`, max: 4, maintenanceIntervalSeconds: Math.max(1, Math.min(30, o.staleSeconds)) } as any);
  boss.on('error', () => undefined);
  await boss.start();
  await boss.createQueue(QUEUE, { name: QUEUE, retryLimit: 5, retryDelay: 1, expireInSeconds: o.staleSeconds } as any).catch(() => undefined);
  const listener = new Listener(url);
  await listener.start([JOB_CHANNEL, DONE_CHANNEL]);
  const queue = new PgBossQueue(boss, store, listener, o.staleSeconds);
  const signal = new PgDoneSignal(store, listener);
  let closed = false;
  return {
    store,
    queue,
    signal,
    close: async () => {
      if (closed) return;
      closed = true;
      await boss.stop({ graceful: false, close: true, wait: true, timeout: 1000 }).catch(() => undefined);
      await listener.close();
      await store.close();
    },
  };
}
