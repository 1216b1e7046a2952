/**
 * The service's store and queue: one interface, two implementations (SQLite embedded, PostgreSQL +
 * pg-boss for scale-out), exercised by the same test suite (test/service/store.test.ts).
 *
 * Every read or write a request makes is scoped by tenant id; the unscoped methods (`reviewForWork`,
 * `completeReview`, ...) are for the worker, which receives review ids from the queue only.
 */
import type { Report, Verdict } from '../../index.js';
import type { Preview } from '../review-adapter.js';

export type ReviewStatus = 'queued' | 'running' | 'done' | 'failed';
export type HumanVerdict = 'approved' | 'rejected';

export interface Tenant {
  id: string;
  name: string;
  createdAt: number;
}

export interface KeyRecord {
  id: string;
  tenantId: string;
  tenantName: string;
  /** sha256 of the whole key, hex. The key itself is never stored. */
  hash: string;
  /** The key's first characters, for listing ("ilk_ab12…"); not secret. */
  prefix: string;
}

export interface NewReview {
  id: string;
  tenantId: string;
  /**
   * The request body as received (JSON text, or its UTF-8 bytes, stored as they are) and what kind of body
   * it is. Empty for a review stored with `reuse`: the body is the shared review's (same tenant and
   * sha256), stored once.
   */
  body: string | Uint8Array;
  kind: string;
  profile: string;
  name: string;
  idempotencyKey?: string;
  /** sha256 of the body, to tell a replay from a different request under the same Idempotency-Key. */
  bodyHash: string;
  createdAt: number;
  /**
   * Store it finished, sharing the result of an earlier review of the same body (same tenant, profile and
   * engine: see the result cache in app.ts) instead of queueing it.
   */
  reuse?: { resultOf: string; verdict: Verdict; reviewMs: number; finishedAt: number; summary?: string };
}

export interface Review {
  id: string;
  tenantId: string;
  status: ReviewStatus;
  kind: string;
  profile: string;
  name: string;
  verdict?: Verdict;
  /** The machine decision's one line: `rejected: 1 defect (html/no-active-content)`, `approved: risk 0.04 < 0.5`. */
  summary?: string;
  /** The latest human decision, beside (never over) the machine's verdict. */
  humanVerdict?: HumanVerdict;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  attempts: number;
  reviewMs?: number;
  error?: string;
  idempotencyKey?: string;
  bodyHash: string;
  /** The review whose stored result this one shares (a repeated body answered from the result cache). */
  resultOf?: string;
}

/** What a finished review stores beside its result, for listings. */
export interface ReviewOutcome {
  verdict: Verdict;
  reviewMs: number;
  /** The decision's one-line summary (Review.summary). */
  summary?: string;
}

export interface ReviewResult {
  report: Report;
  /**
   * The samples rendered for the review page: stored with results of earlier versions; now rendered when
   * the page is opened (ReviewPool.previews), not with every review.
   */
  previews?: Preview[];
  internalErrors: { ruleId: string; message: string }[];
}

export interface Decision {
  id: string;
  reviewId: string;
  tenantId: string;
  verdict: HumanVerdict;
  note: string;
  /** Who decided: the API key's id and prefix. */
  actor: string;
  createdAt: number;
}

export interface ReviewFilter {
  verdict?: Verdict;
  humanVerdict?: HumanVerdict | 'none';
  status?: ReviewStatus;
  profile?: string;
  createdFrom?: number;
  createdTo?: number;
  /** Reviews older than this id (ids sort by creation time). */
  before?: string;
  limit: number;
}

export interface Webhook {
  id: string;
  tenantId: string;
  url: string;
  secret: string;
  events: string[];
  createdAt: number;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface Delivery {
  id: string;
  tenantId: string;
  webhookId: string;
  event: string;
  reviewId: string;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: number;
  lastStatus?: number;
  lastError?: string;
  createdAt: number;
  deliveredAt?: number;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;

  tenantByName(name: string): Promise<Tenant | undefined>;
  createTenant(id: string, name: string, now: number): Promise<Tenant>;
  createKey(key: { id: string; tenantId: string; hash: string; prefix: string; createdAt: number }): Promise<void>;
  keyByHash(hash: string): Promise<KeyRecord | undefined>;

  /**
   * Inserts the review, or returns the one already stored under (tenant, idempotencyKey). A review stored
   * finished (`r.reuse`) has its webhook deliveries (`outbox`) written in the same transaction.
   */
  createReview(r: NewReview, outbox?: Delivery[]): Promise<{ review: Review; created: boolean }>;
  getReview(tenantId: string, id: string): Promise<Review | undefined>;
  getResult(tenantId: string, id: string): Promise<ReviewResult | undefined>;
  /** The stored result as JSON text (what getResult parses); the result shared through resultOf if so. */
  getResultText(tenantId: string, id: string): Promise<string | undefined>;
  listReviews(tenantId: string, filter: ReviewFilter): Promise<Review[]>;
  /** Stores the decision and, in the same transaction, its webhook deliveries (the outbox). */
  addDecision(d: Decision, outbox?: Delivery[]): Promise<void>;
  decisions(tenantId: string, reviewId: string): Promise<Decision[]>;

  /** Worker side (unscoped: ids come from the queue). */
  reviewForWork(id: string): Promise<{ review: Review; body: string } | undefined>;
  /** Marks a queued review running (attempts + 1); false when it is done already or gone. */
  startReview(id: string, now: number): Promise<boolean>;
  /**
   * startReview, then the review as it is now (attempts counting this one) with its body: what a worker
   * runs. Undefined when it is finished or gone. One statement on PostgreSQL.
   */
  takeForWork(id: string, now: number): Promise<{ review: Review; body: string } | undefined>;
  /**
   * Stores the result once, with its webhook deliveries in the same transaction (so a worker killed
   * between the two cannot lose the announcement): false when the review was done already.
   */
  /** `result`: the object, its JSON text, or that text UTF-8 encoded (a worker's output: the store need not encode it). */
  completeReview(id: string, result: ReviewResult | string | Uint8Array, outcome: ReviewOutcome, now: number, outbox?: Delivery[]): Promise<boolean>;
  failReview(id: string, error: string, now: number, outbox?: Delivery[]): Promise<void>;
  /** Puts a running review back to queued (shutdown without finishing it). */
  requeueReview(id: string): Promise<void>;
  /** Reviews queued or running, for the queue-depth gauge. */
  depth(): Promise<number>;

  createWebhook(w: Webhook): Promise<void>;
  webhooks(tenantId: string): Promise<Webhook[]>;
  webhookById(id: string): Promise<Webhook | undefined>;
  createDelivery(d: Delivery): Promise<void>;
  /** Claims up to `limit` due deliveries (pending, nextAttemptAt <= now), leasing them until `leaseUntil`. */
  dueDeliveries(now: number, leaseUntil: number, limit: number): Promise<Delivery[]>;
  updateDelivery(id: string, patch: Pick<Delivery, 'status' | 'attempts' | 'nextAttemptAt'> & Partial<Pick<Delivery, 'lastStatus' | 'lastError' | 'deliveredAt'>>): Promise<void>;
  deliveries(tenantId: string, filter: { status?: DeliveryStatus; reviewId?: string; before?: string; limit: number }): Promise<Delivery[]>;
  getDelivery(tenantId: string, id: string): Promise<Delivery | undefined>;
}

/** Review jobs. SQLite: the reviews table itself, leased; PostgreSQL: pg-boss. */
export interface JobQueue {
  /** Called after the review row is stored. */
  enqueue(reviewId: string): Promise<void>;
  /** Starts taking jobs; `handler` runs each (at most `concurrency` at once). */
  work(handler: (reviewId: string) => Promise<void>, concurrency: number): Promise<void>;
  /** Stops taking jobs and waits for the running ones (up to `graceMs`, then hands them back). */
  stop(graceMs?: number): Promise<void>;
  /** Re-queues reviews left running by a previous process (on start). Returns how many. */
  recover(): Promise<number>;
  ping(): Promise<void>;
}

/**
 * "review <id> finished" across processes: in-process for SQLite, LISTEN/NOTIFY for PostgreSQL. `finished`:
 * the review as stored, passed to listeners in the notifying process (a waiting request answers with it
 * instead of reading it back); listeners elsewhere get the id alone.
 */
export interface DoneSignal {
  notify(reviewId: string, finished?: Review): Promise<void>;
  subscribe(listener: (reviewId: string, finished?: Review) => void): () => void;
  close(): Promise<void>;
}
