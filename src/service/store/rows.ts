/** Row ↔ record mapping shared by the SQLite and PostgreSQL stores (same column names in both). */
import type { Decision, Delivery, Review, Webhook } from './types.js';

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
    ...opt('humanVerdict', r.human_verdict),
    createdAt: Number(r.created_at),
    ...opt('startedAt', num(r.started_at)),
    ...opt('finishedAt', num(r.finished_at)),
    attempts: Number(r.attempts),
    ...opt('reviewMs', num(r.review_ms)),
    ...opt('error', r.error),
    ...opt('idempotencyKey', r.idempotency_key),
    bodyHash: r.body_hash,
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
export const REVIEW_COLUMNS = 'id, tenant_id, status, kind, profile, name, verdict, human_verdict, created_at, started_at, finished_at, attempts, review_ms, error, idempotency_key, body_hash';
