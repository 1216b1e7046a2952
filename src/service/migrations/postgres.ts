/**
 * PostgreSQL schema, one entry per version (table schema_migrations). Append; never edit a released
 * entry. Times are epoch milliseconds (bigint), as in SQLite, so both stores share their row mapping.
 */
export const postgresMigrations: string[] = [
  `
  CREATE TABLE tenants (id text PRIMARY KEY, name text NOT NULL UNIQUE, created_at bigint NOT NULL);
  CREATE TABLE api_keys (
    id text PRIMARY KEY, tenant_id text NOT NULL REFERENCES tenants(id), hash text NOT NULL UNIQUE,
    prefix text NOT NULL, created_at bigint NOT NULL, revoked_at bigint);
  CREATE TABLE reviews (
    id text PRIMARY KEY, tenant_id text NOT NULL REFERENCES tenants(id), status text NOT NULL,
    kind text NOT NULL, profile text NOT NULL, name text NOT NULL, body text NOT NULL, body_hash text NOT NULL,
    idempotency_key text, verdict text, human_verdict text, result text, error text, attempts integer NOT NULL DEFAULT 0,
    review_ms double precision, created_at bigint NOT NULL, started_at bigint, finished_at bigint);
  CREATE UNIQUE INDEX reviews_idempotency ON reviews(tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
  CREATE INDEX reviews_tenant ON reviews(tenant_id, id);
  CREATE INDEX reviews_queued ON reviews(status) WHERE status IN ('queued', 'running');
  CREATE TABLE decisions (
    id text PRIMARY KEY, review_id text NOT NULL REFERENCES reviews(id), tenant_id text NOT NULL,
    verdict text NOT NULL, note text NOT NULL, actor text NOT NULL, created_at bigint NOT NULL);
  CREATE INDEX decisions_review ON decisions(tenant_id, review_id, created_at);
  CREATE TABLE webhooks (
    id text PRIMARY KEY, tenant_id text NOT NULL REFERENCES tenants(id), url text NOT NULL, secret text NOT NULL,
    events text NOT NULL, created_at bigint NOT NULL);
  CREATE TABLE deliveries (
    id text PRIMARY KEY, tenant_id text NOT NULL, webhook_id text NOT NULL REFERENCES webhooks(id), event text NOT NULL,
    review_id text NOT NULL, payload text NOT NULL, status text NOT NULL, attempts integer NOT NULL DEFAULT 0,
    next_attempt_at bigint NOT NULL, last_status integer, last_error text, created_at bigint NOT NULL, delivered_at bigint);
  CREATE INDEX deliveries_due ON deliveries(next_attempt_at) WHERE status = 'pending';
  CREATE INDEX deliveries_tenant ON deliveries(tenant_id, id);
  `,
];
