/**
 * The embedded store: SQLite through better-sqlite3 (synchronous, so each method is one short
 * transaction), WAL so readers never wait for the writer. The queue is the reviews table itself
 * (see SqliteQueue): a review is stored as `queued` before 202 is sent.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { EventEmitter } from 'node:events';
import { sqliteMigrations } from '../migrations/schema.js';
import { startCheckpointer, type Checkpointer } from '../checkpoint.js';
import { RESULT_QUERY, REVIEW_COLUMNS, decisionFromRow, deliveryConditions, deliveryFromRow, listing, newReviewRecord, resultText, reviewConditions, reviewFromRow, webhookFromRow } from './rows.js';
import type { Delivery, DoneSignal, JobQueue, Review, ReviewOutcome, Store } from './types.js';

export function openSqlite(file: string): Database.Database {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  // 16 KB pages (SQLite's default is 4 KB): a review's rows hold a ~33 KB body and a ~37 KB result, which
  // take a quarter as many overflow pages and WAL frames (each a write of its own). Store cycle of one
  // review (insert, claim, read, complete) 0.45-0.49 ms of CPU instead of 0.58-0.59 (/tmp bench, 1,500
  // reviews, interleaved; 8, 32 and 64 KB between). Takes effect only when the file is created: an
  // existing database keeps its page size.
  db.pragma('page_size = 16384');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  return db;
}

export function migrateSqlite(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  for (let v = version; v < sqliteMigrations.length; v++) {
    db.transaction(() => {
      db.exec(sqliteMigrations[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

/**
 * Transactions that write begin IMMEDIATE (`.immediate()`): they take the write lock at the start, waiting
 * for it up to busy_timeout. A deferred one that reads first and then writes fails at once with
 * SQLITE_BUSY ("database is locked", no waiting) when another process (`inboxlint worker` on the same
 * file) wrote in between.
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly db: Database.Database;
  private readonly stmts = new Map<string, Database.Statement>();
  /** Reviews this process claimed (claim() did startReview's work: running, started_at, attempts + 1). */
  private readonly claimed = new Set<string>();

  /** WAL checkpoints on a thread of their own (see checkpoint.ts); none for an in-memory database. */
  private readonly checkpointer: Checkpointer | undefined;
  /** Checkpoints this connection finished when the checkpoint thread asked (after each, the log restarts). */
  checkpointsFinished = 0;

  constructor(file: string, options: { backgroundCheckpoints?: boolean } = {}) {
    this.db = openSqlite(file);
    if (options.backgroundCheckpoints && file !== ':memory:') {
      this.checkpointer = startCheckpointer(file, () => {
        if (!this.db.open) return;
        this.db.pragma('wal_checkpoint(PASSIVE)');
        this.checkpointsFinished++;
      });
      this.db.pragma(`wal_autocheckpoint = ${this.checkpointer.backstopPages}`);
    }
  }

  private st(sql: string): Database.Statement {
    let s = this.stmts.get(sql);
    if (!s) this.stmts.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  async migrate() {
    migrateSqlite(this.db);
  }
  async ping() {
    this.st('SELECT 1').get();
  }
  async close() {
    await this.checkpointer?.stop();
    if (this.db.open) this.db.close();
  }

  async tenantByName(name: string) {
    const r = this.st('SELECT * FROM tenants WHERE name = ?').get(name) as any;
    return r ? { id: r.id, name: r.name, createdAt: r.created_at } : undefined;
  }
  async createTenant(id: string, name: string, now: number) {
    this.st('INSERT INTO tenants (id, name, created_at) VALUES (?, ?, ?)').run(id, name, now);
    return { id, name, createdAt: now };
  }
  async createKey(k: { id: string; tenantId: string; hash: string; prefix: string; createdAt: number }) {
    this.st('INSERT INTO api_keys (id, tenant_id, hash, prefix, created_at) VALUES (?, ?, ?, ?, ?)').run(k.id, k.tenantId, k.hash, k.prefix, k.createdAt);
  }
  async keyByHash(hash: string) {
    const r = this.st('SELECT k.id, k.tenant_id, k.hash, k.prefix, t.name FROM api_keys k JOIN tenants t ON t.id = k.tenant_id WHERE k.hash = ? AND k.revoked_at IS NULL').get(hash) as any;
    return r ? { id: r.id, tenantId: r.tenant_id, tenantName: r.name, hash: r.hash, prefix: r.prefix } : undefined;
  }

  async createReview(r: Parameters<Store['createReview']>[0], outbox: Delivery[] = []) {
    return this.db.transaction(() => {
      if (r.idempotencyKey !== undefined) {
        const existing = this.st(`SELECT ${REVIEW_COLUMNS} FROM reviews WHERE tenant_id = ? AND idempotency_key = ?`).get(r.tenantId, r.idempotencyKey);
        if (existing) return { review: reviewFromRow(existing as any), created: false };
      }
      const u = r.reuse;
      // The body's UTF-8 bytes are stored as text as they are (CAST: a bound Buffer would be a BLOB).
      this.st('INSERT INTO reviews (id, tenant_id, status, kind, profile, name, body, body_hash, idempotency_key, created_at, result_of, verdict, review_ms, started_at, finished_at, summary) VALUES (?, ?, ?, ?, ?, ?, CAST(? AS TEXT), ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
        r.id, r.tenantId, u ? 'done' : 'queued', r.kind, r.profile, r.name, r.body, r.bodyHash, r.idempotencyKey ?? null, r.createdAt,
        u?.resultOf ?? null, u?.verdict ?? null, u?.reviewMs ?? null, u ? r.createdAt : null, u?.finishedAt ?? null, u?.summary ?? null,
      );
      if (u) for (const d of outbox) this.insertDelivery(d);
      return { review: newReviewRecord(r), created: true };
    }).immediate();
  }
  async getReview(tenantId: string, id: string) {
    const r = this.st(`SELECT ${REVIEW_COLUMNS} FROM reviews WHERE tenant_id = ? AND id = ?`).get(tenantId, id);
    return r ? reviewFromRow(r as any) : undefined;
  }
  async getResult(tenantId: string, id: string) {
    const text = await this.getResultText(tenantId, id);
    return text ? JSON.parse(text) : undefined;
  }
  async getResultText(tenantId: string, id: string) {
    return ((this.st(RESULT_QUERY).get(tenantId, id) as any)?.result as string | null) ?? undefined;
  }
  async listReviews(tenantId: string, f: Parameters<Store['listReviews']>[1]) {
    const q = listing('reviews', REVIEW_COLUMNS, tenantId, reviewConditions(f), f.limit, () => '?');
    return this.st(q.sql).all(...q.args).map((r) => reviewFromRow(r as any));
  }
  async addDecision(d: Parameters<Store['addDecision']>[0], outbox: Delivery[] = []) {
    this.db.transaction(() => {
      for (const x of outbox) this.insertDelivery(x);
      this.st('INSERT INTO decisions (id, review_id, tenant_id, verdict, note, actor, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(d.id, d.reviewId, d.tenantId, d.verdict, d.note, d.actor, d.createdAt);
      this.st('UPDATE reviews SET human_verdict = ? WHERE tenant_id = ? AND id = ?').run(d.verdict, d.tenantId, d.reviewId);
    }).immediate();
  }
  async decisions(tenantId: string, reviewId: string) {
    return this.st('SELECT * FROM decisions WHERE tenant_id = ? AND review_id = ? ORDER BY created_at, id').all(tenantId, reviewId).map((r) => decisionFromRow(r as any));
  }

  async reviewForWork(id: string) {
    const r = this.st(`SELECT ${REVIEW_COLUMNS}, body FROM reviews WHERE id = ?`).get(id) as any;
    return r ? { review: reviewFromRow(r), body: r.body as string } : undefined;
  }
  async startReview(id: string, now: number) {
    // Claimed here a moment ago: already marked; one write (of a row with a large body) fewer per review.
    if (this.claimed.delete(id)) return true;
    return this.st("UPDATE reviews SET status = 'running', started_at = ?, attempts = attempts + 1 WHERE id = ? AND status IN ('queued', 'running')").run(now, id).changes > 0;
  }
  async takeForWork(id: string, now: number) {
    return (await this.startReview(id, now)) ? this.reviewForWork(id) : undefined;
  }
  async completeReview(id: string, result: Parameters<Store['completeReview']>[1], outcome: ReviewOutcome, now: number, outbox: Delivery[] = []) {
    return this.db.transaction(() => {
      // UTF-8 bytes (a worker's output) are stored as text as they are: no decoding and encoding again here.
      const value = result instanceof Uint8Array ? result : resultText(result);
      const changed = this.st("UPDATE reviews SET status = 'done', result = CAST(? AS TEXT), verdict = ?, review_ms = ?, summary = ?, finished_at = ?, error = NULL WHERE id = ? AND status <> 'done'").run(value, outcome.verdict, outcome.reviewMs, outcome.summary ?? null, now, id).changes > 0;
      if (changed) for (const d of outbox) this.insertDelivery(d);
      return changed;
    }).immediate();
  }
  async failReview(id: string, error: string, now: number, outbox: Delivery[] = []) {
    this.db.transaction(() => {
      const changed = this.st("UPDATE reviews SET status = 'failed', error = ?, finished_at = ? WHERE id = ? AND status NOT IN ('done', 'failed')").run(error, now, id).changes > 0;
      if (changed) for (const d of outbox) this.insertDelivery(d);
    }).immediate();
  }
  async requeueReview(id: string) {
    this.st("UPDATE reviews SET status = 'queued' WHERE id = ? AND status = 'running'").run(id);
  }
  async depth() {
    return (this.st("SELECT count(*) AS n FROM reviews WHERE status IN ('queued', 'running')").get() as any).n as number;
  }

  async createWebhook(w: Parameters<Store['createWebhook']>[0]) {
    this.st('INSERT INTO webhooks (id, tenant_id, url, secret, events, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(w.id, w.tenantId, w.url, w.secret, JSON.stringify(w.events), w.createdAt);
  }
  async webhooks(tenantId: string) {
    return this.st('SELECT * FROM webhooks WHERE tenant_id = ? ORDER BY id').all(tenantId).map((r) => webhookFromRow(r as any));
  }
  async webhookById(id: string) {
    const r = this.st('SELECT * FROM webhooks WHERE id = ?').get(id);
    return r ? webhookFromRow(r as any) : undefined;
  }
  async createDelivery(d: Delivery) {
    this.insertDelivery(d);
  }
  private insertDelivery(d: Delivery) {
    this.st('INSERT INTO deliveries (id, tenant_id, webhook_id, event, review_id, payload, status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      d.id, d.tenantId, d.webhookId, d.event, d.reviewId, d.payload, d.status, d.attempts, d.nextAttemptAt, d.createdAt,
    );
  }
  async dueDeliveries(now: number, leaseUntil: number, limit: number) {
    // Leasing = pushing next_attempt_at past the lease: another process will not pick them up meanwhile.
    return this.db.transaction(() => {
      const rows = this.st("SELECT * FROM deliveries WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?").all(now, limit) as any[];
      for (const r of rows) this.st('UPDATE deliveries SET next_attempt_at = ? WHERE id = ?').run(leaseUntil, r.id);
      return rows.map(deliveryFromRow);
    }).immediate();
  }
  async updateDelivery(id: string, p: Parameters<Store['updateDelivery']>[1]) {
    this.st('UPDATE deliveries SET status = ?, attempts = ?, next_attempt_at = ?, last_status = ?, last_error = ?, delivered_at = ? WHERE id = ?').run(
      p.status, p.attempts, p.nextAttemptAt, p.lastStatus ?? null, p.lastError ?? null, p.deliveredAt ?? null, id,
    );
  }
  async deliveries(tenantId: string, f: { status?: string; reviewId?: string; before?: string; limit: number }) {
    const q = listing('deliveries', '*', tenantId, deliveryConditions(f), f.limit, () => '?');
    return this.st(q.sql).all(...q.args).map((r) => deliveryFromRow(r as any));
  }
  async getDelivery(tenantId: string, id: string) {
    const r = this.st('SELECT * FROM deliveries WHERE tenant_id = ? AND id = ?').get(tenantId, id);
    return r ? deliveryFromRow(r as any) : undefined;
  }

  /** Claims the oldest queued review (one statement: atomic across processes sharing the file). */
  // `status IN ('queued', 'running')` repeats the partial index's WHERE (reviews_queued): SQLite uses a
  // partial index only when the query names its condition, so without it each claim scanned the table.
  claim(now: number): string | undefined {
    const r = this.st("UPDATE reviews SET status = 'running', started_at = ?, attempts = attempts + 1 WHERE id = (SELECT id FROM reviews WHERE status IN ('queued', 'running') AND status = 'queued' ORDER BY id LIMIT 1) RETURNING id").get(now) as any;
    if (r) this.claimed.add(r.id);
    return r?.id;
  }
  /** The handler of a claimed review is done with it (whether it called startReview or not). */
  released(id: string): void {
    this.claimed.delete(id);
  }
  requeueAllRunning(): number {
    return this.st("UPDATE reviews SET status = 'queued' WHERE status IN ('queued', 'running') AND status = 'running'").run().changes;
  }
  /** Reviews left running longer than `olderThanMs` (their worker died). */
  requeueStale(now: number, olderThanMs: number): number {
    return this.st("UPDATE reviews SET status = 'queued' WHERE status IN ('queued', 'running') AND status = 'running' AND started_at < ?").run(now - olderThanMs).changes;
  }
}

/**
 * The embedded queue: the reviews table. `enqueue` only wakes the loop (the row is already `queued`);
 * a slow poll also picks up reviews queued by other processes sharing the file.
 */
export class SqliteQueue implements JobQueue {
  private running = 0;
  private active = new Map<string, Promise<void>>();
  private stopped = true;
  private timer: NodeJS.Timeout | undefined;
  private handler: ((id: string) => Promise<void>) | undefined;
  private concurrency = 1;

  constructor(
    private readonly store: SqliteStore,
    private readonly options: { pollMs?: number; staleMs?: number; ownsFile?: boolean } = {},
  ) {}

  async enqueue(_id: string) {
    try {
      this.pump();
    } catch {
      // The row is stored as queued; the next tick (or another worker) takes it.
    }
  }

  async work(handler: (id: string) => Promise<void>, concurrency: number) {
    this.handler = handler;
    this.concurrency = Math.max(1, concurrency);
    this.stopped = false;
    const tick = () => {
      if (this.stopped) return;
      try {
        // A worker that died mid-review (SIGKILL) left it running: after staleMs it is claimed again.
        if (this.options.staleMs) this.store.requeueStale(Date.now(), this.options.staleMs);
        this.pump();
      } catch (e) {
        // SQLITE_BUSY past busy_timeout (another process holds the write lock): try again next tick.
        console.error(`inboxlint: queue: ${(e as Error).message}`);
      }
      this.timer = setTimeout(tick, this.options.pollMs ?? 250);
      this.timer.unref();
    };
    tick();
  }

  private pump() {
    if (this.stopped || !this.handler) return;
    while (this.running < this.concurrency) {
      const id = this.store.claim(Date.now());
      if (!id) return;
      this.running++;
      const p = this.handler(id)
        .catch(() => undefined)
        .finally(() => {
          this.running--;
          this.active.delete(id);
          this.store.released(id);
          try {
            this.pump();
          } catch {
            // Picked up by the next tick.
          }
        });
      this.active.set(id, p);
    }
  }

  async stop(graceMs = 10_000) {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const all = Promise.all(this.active.values());
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), graceMs)));
    const outcome = await Promise.race([all.then(() => 'done' as const), timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') for (const id of this.active.keys()) await this.store.requeueReview(id);
  }

  async recover() {
    // The embedded server owns its file: whatever was running when it stopped is queued again.
    return this.options.ownsFile === false ? 0 : this.store.requeueAllRunning();
  }

  async ping() {
    await this.store.ping();
  }
}

/** In-process "review done" signal (the embedded server runs its reviews itself). */
export class LocalDoneSignal implements DoneSignal {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  async notify(id: string, finished?: Review) {
    this.emitter.emit('done', id, finished);
  }
  subscribe(listener: (id: string, finished?: Review) => void) {
    this.emitter.on('done', listener);
    return () => void this.emitter.off('done', listener);
  }
  async close() {
    this.emitter.removeAllListeners();
  }
}
