/**
 * SQLite schema, one entry per version (PRAGMA user_version holds how many ran). Append; never edit a
 * released entry. Times are epoch milliseconds.
 */
export const sqliteMigrations: string[] = [
  `
  CREATE TABLE tenants (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL);
  CREATE TABLE api_keys (
    id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL REFERENCES tenants(id), hash TEXT NOT NULL UNIQUE,
    prefix TEXT NOT NULL, created_at INTEGER NOT NULL, revoked_at INTEGER);
  CREATE TABLE reviews (
    id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL REFERENCES tenants(id), status TEXT NOT NULL,
    kind TEXT NOT NULL, profile TEXT NOT NULL, name TEXT NOT NULL, body TEXT NOT NULL, body_hash TEXT NOT NULL,
    idempotency_key TEXT, verdict TEXT, human_verdict TEXT, result TEXT, error TEXT, attempts INTEGER NOT NULL DEFAULT 0,
    review_ms REAL, created_at INTEGER NOT NULL, started_at INTEGER, finished_at INTEGER);
  CREATE UNIQUE INDEX reviews_idempotency ON reviews(tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
  CREATE INDEX reviews_tenant ON reviews(tenant_id, id);
  CREATE INDEX reviews_queued ON reviews(status, id) WHERE status IN ('queued', 'running');
  CREATE TABLE decisions (
    id TEXT PRIMARY KEY, review_id TEXT NOT NULL REFERENCES reviews(id), tenant_id TEXT NOT NULL,
    verdict TEXT NOT NULL, note TEXT NOT NULL, actor TEXT NOT NULL, created_at INTEGER NOT NULL);
  CREATE INDEX decisions_review ON decisions(tenant_id, review_id, created_at);
  CREATE TABLE webhooks (
    id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL REFERENCES tenants(id), url TEXT NOT NULL, secret TEXT NOT NULL,
    events TEXT NOT NULL, created_at INTEGER NOT NULL);
  CREATE TABLE deliveries (
    id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, webhook_id TEXT NOT NULL REFERENCES webhooks(id), event TEXT NOT NULL,
    review_id TEXT NOT NULL, payload TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL, last_status INTEGER, last_error TEXT, created_at INTEGER NOT NULL, delivered_at INTEGER);
  CREATE INDEX deliveries_due ON deliveries(status, next_attempt_at) WHERE status = 'pending';
  CREATE INDEX deliveries_tenant ON deliveries(tenant_id, id);
  `,
];
