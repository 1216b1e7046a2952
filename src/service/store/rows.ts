/** Row ↔ record mapping shared by the SQLite and PostgreSQL stores (same column names in both). */
import type { Decision, Delivery, NewReview, Review, ReviewFilter, ReviewResult, Webhook } from './types.js';

type Row = Record<string, any>;
const num = (v: unknown): number | undefined => (v === null || v === undefined ? undefined : Number(v));
const opt = <K extends string, V>(k: K, v: V | null | undefined): { [P in K]?: V } => (v === null || v === undefined ? {} : ({ [k]: v } as { [P in K]?: V }));

export function reviewFromRow(r: Row): Review {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    status: r.status,
    kind: r.kind,
    profile: r.profile,
    name: r.name,
    ...opt('verdict', r.verdict),
    ...opt('summary', r.summary),
    ...opt('humanVerdict', r.human_verdict),
    createdAt: Number(r.created_at),
    ...opt('startedAt', num(r.started_at)),
    ...opt('finishedAt', num(r.finished_at)),
    attempts: Number(r.attempts),
    ...opt('reviewMs', num(r.review_ms)),
    ...opt('error', r.error),
    ...opt('idempotencyKey', r.idempotency_key),
    bodyHash: r.body_hash,
    ...opt('resultOf', r.result_of),
  };
}

export function decisionFromRow(r: Row): Decision {
  return { id: r.id, reviewId: r.review_id, tenantId: r.tenant_id, verdict: r.verdict, note: r.note, actor: r.actor, createdAt: Number(r.created_at) };
}

export function webhookFromRow(r: Row): Webhook {
  return { id: r.id, tenantId: r.tenant_id, url: r.url, secret: r.secret, events: JSON.parse(r.events), createdAt: Number(r.created_at) };
}

export function deliveryFromRow(r: Row): Delivery {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    webhookId: r.webhook_id,
    event: r.event,
    reviewId: r.review_id,
    payload: r.payload,
    status: r.status,
    attempts: Number(r.attempts),
    nextAttemptAt: Number(r.next_attempt_at),
    ...opt('lastStatus', num(r.last_status)),
    ...opt('lastError', r.last_error),
    createdAt: Number(r.created_at),
    ...opt('deliveredAt', num(r.delivered_at)),
  };
}

/** Columns of a review listing (everything but the body and the result). */
export const REVIEW_COLUMNS = 'id, tenant_id, status, kind, profile, name, verdict, human_verdict, created_at, started_at, finished_at, attempts, review_ms, error, idempotency_key, body_hash, result_of, summary';

/** Text as is, UTF-8 bytes decoded. */
export const utf8Text = (v: string | Uint8Array): string => (typeof v === 'string' ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('utf8'));

/** A stored result: JSON text as is, UTF-8 JSON decoded, a result object serialised. */
export const resultText = (result: ReviewResult | string | Uint8Array): string => (typeof result === 'string' || result instanceof Uint8Array ? utf8Text(result) : JSON.stringify(result));

type Condition = readonly [sql: string, value: unknown] | string | false | undefined;

/**
 * A tenant's listing, newest first: `SELECT columns FROM table WHERE tenant_id = ? AND <conditions> ORDER BY
 * id DESC LIMIT ?`. A condition is `[sql with one ?, value]` or plain SQL; `mark(n)` writes the n-th
 * placeholder (SQLite `?`, PostgreSQL `$n`).
 */
export function listing(table: string, columns: string, tenantId: string, conditions: Condition[], limit: number, mark: (n: number) => string): { sql: string; args: unknown[] } {
  const args: unknown[] = [tenantId];
  const where = [`tenant_id = ${mark(1)}`];
  for (const c of conditions) {
    if (!c) continue;
    if (typeof c === 'string') where.push(c);
    else {
      args.push(c[1]);
      where.push(c[0].replace('?', mark(args.length)));
    }
  }
  args.push(limit);
  return { sql: `SELECT ${columns} FROM ${table} WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ${mark(args.length)}`, args };
}

export function reviewConditions(f: ReviewFilter): Condition[] {
  return [
    f.verdict && ['verdict = ?', f.verdict],
    f.humanVerdict === 'none' ? 'human_verdict IS NULL' : f.humanVerdict && ['human_verdict = ?', f.humanVerdict],
    f.status && ['status = ?', f.status],
    f.profile && ['profile = ?', f.profile],
    f.createdFrom !== undefined && ['created_at >= ?', f.createdFrom],
    f.createdTo !== undefined && ['created_at < ?', f.createdTo],
    f.before && ['id < ?', f.before],
  ];
}

export function deliveryConditions(f: { status?: string; reviewId?: string; before?: string }): Condition[] {
  return [f.status && ['status = ?', f.status], f.reviewId && ['review_id = ?', f.reviewId], f.before && ['id < ?', f.before]];
}

/** The stored result of a review, or of the review it shares its result with (resultOf), in one query. */
export const RESULT_QUERY = 'SELECT COALESCE(r.result, s.result) AS result FROM reviews r LEFT JOIN reviews s ON s.id = r.result_of AND s.tenant_id = r.tenant_id WHERE r.tenant_id = ? AND r.id = ?';

/** The record of a review just inserted (what reading it back would give). */
export function newReviewRecord(r: NewReview): Review {
  const u = r.reuse;
  return {
    id: r.id,
    tenantId: r.tenantId,
    status: u ? 'done' : 'queued',
    kind: r.kind,
    profile: r.profile,
    name: r.name,
    ...(u ? { verdict: u.verdict, ...(u.summary !== undefined ? { summary: u.summary } : {}), startedAt: r.createdAt, finishedAt: u.finishedAt, reviewMs: u.reviewMs, resultOf: u.resultOf } : {}),
    createdAt: r.createdAt,
    attempts: 0,
    ...(r.idempotencyKey !== undefined ? { idempotencyKey: r.idempotencyKey } : {}),
    bodyHash: r.bodyHash,
  };
}
