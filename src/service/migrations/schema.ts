/**
 * The service's schema, one entry per version, written once for both stores: SQLite and PostgreSQL differ
 * only in column type names and two partial indexes. Append; never edit a released entry (databases record
 * how many entries ran: SQLite in PRAGMA user_version, PostgreSQL in schema_migrations). Times are epoch
 * milliseconds, so both stores share their row mapping (store/rows.ts).
 */
interface Dialect {
  text: string;
  int: string;
  /** Epoch milliseconds. */
  time: string;
  real: string;
  queuedIndex: string;
  dueIndex: string;
}

const SQLITE: Dialect = { text: 'TEXT', int: 'INTEGER', time: 'INTEGER', real: 'REAL', queuedIndex: 'status, id', dueIndex: 'status, next_attempt_at' };
const POSTGRES: Dialect = { text: 'text', int: 'integer', time: 'bigint', real: 'double precision', queuedIndex: 'status', dueIndex: 'next_attempt_at' };

const versions: ((d: Dialect) => string)[] = [
  ({ text: T, int: I, time: N, real: R, queuedIndex, dueIndex }) => `
  CREATE TABLE tenants (id ${T} PRIMARY KEY, name ${T} NOT NULL UNIQUE, created_at ${N} NOT NULL);
  CREATE TABLE api_keys (
    id ${T} PRIMARY KEY, tenant_id ${T} NOT NULL REFERENCES tenants(id), hash ${T} NOT NULL UNIQUE,
    prefix ${T} NOT NULL, created_at ${N} NOT NULL, revoked_at ${N});
  CREATE TABLE reviews (
    id ${T} PRIMARY KEY, tenant_id ${T} NOT NULL REFERENCES tenants(id), status ${T} NOT NULL,
    kind ${T} NOT NULL, profile ${T} NOT NULL, name ${T} NOT NULL, body ${T} NOT NULL, body_hash ${T} NOT NULL,
    idempotency_key ${T}, verdict ${T}, human_verdict ${T}, result ${T}, error ${T}, attempts ${I} NOT NULL DEFAULT 0,
    review_ms ${R}, created_at ${N} NOT NULL, started_at ${N}, finished_at ${N});
  CREATE UNIQUE INDEX reviews_idempotency ON reviews(tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
  CREATE INDEX reviews_tenant ON reviews(tenant_id, id);
  CREATE INDEX reviews_queued ON reviews(${queuedIndex}) WHERE status IN ('queued', 'running');
  CREATE TABLE decisions (
    id ${T} PRIMARY KEY, review_id ${T} NOT NULL REFERENCES reviews(id), tenant_id ${T} NOT NULL,
    verdict ${T} NOT NULL, note ${T} NOT NULL, actor ${T} NOT NULL, created_at ${N} NOT NULL);
  CREATE INDEX decisions_review ON decisions(tenant_id, review_id, created_at);
  CREATE TABLE webhooks (
    id ${T} PRIMARY KEY, tenant_id ${T} NOT NULL REFERENCES tenants(id), url ${T} NOT NULL, secret ${T} NOT NULL,
    events ${T} NOT NULL, created_at ${N} NOT NULL);
  CREATE TABLE deliveries (
    id ${T} PRIMARY KEY, tenant_id ${T} NOT NULL, webhook_id ${T} NOT NULL REFERENCES webhooks(id), event ${T} NOT NULL,
    review_id ${T} NOT NULL, payload ${T} NOT NULL, status ${T} NOT NULL, attempts ${I} NOT NULL DEFAULT 0,
    next_attempt_at ${N} NOT NULL, last_status ${I}, last_error ${T}, created_at ${N} NOT NULL, delivered_at ${N});
  CREATE INDEX deliveries_due ON deliveries(${dueIndex}) WHERE status = 'pending';
  CREATE INDEX deliveries_tenant ON deliveries(tenant_id, id);
  `,
  // 2: a review answered from the result cache shares the stored result of an earlier one.
  ({ text: T }) => `ALTER TABLE reviews ADD COLUMN result_of ${T};`,
  // 3: the machine decision's one-line summary, for listings (the queue page, GET /v1/reviews) and webhooks.
  ({ text: T }) => `ALTER TABLE reviews ADD COLUMN summary ${T};`,
];

export const sqliteMigrations: string[] = versions.map((v) => v(SQLITE));
export const postgresMigrations: string[] = versions.map((v) => v(POSTGRES));
