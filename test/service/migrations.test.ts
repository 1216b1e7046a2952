/**
 * A database written by an earlier version of the service is upgraded in place when the new one opens it:
 * the same test against SQLite and PostgreSQL, each starting from the schema one version back.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../src/service/server.js';
import { postgresMigrations, sqliteMigrations } from '../../src/service/migrations/schema.js';
import { PG_URL, dropSchemas, uniqueSchema } from './helpers.js';

const PREVIOUS = sqliteMigrations.length - 1;
const result = JSON.stringify({ report: { path: 'old.html', name: 'old', decision: { verdict: 'approved', summary: 'approved: risk 0.01 < 0.5' }, findings: [], files: {} }, internalErrors: [] });
// A tenant and a finished review, as the previous version stored them (no summary column).
const seed = [
  "INSERT INTO tenants (id, name, created_at) VALUES ('ten_old', 'old', 1)",
  `INSERT INTO reviews (id, tenant_id, status, kind, profile, name, body, body_hash, verdict, result, review_ms, created_at, started_at, finished_at, attempts) VALUES ('rev_old', 'ten_old', 'done', 'bundle', 'core', 'old', '{}', 'h', 'approved', '${result}', 3, 1, 2, 3, 1)`,
];

describe.each(['sqlite', 'postgres'] as const)('%s: a database of the previous schema version', (kind) => {
  let b: Backend | undefined;
  let dir: string | undefined;
  let schema: string | undefined;
  afterAll(async () => {
    await b?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (schema) await dropSchemas(schema);
  });

  it('is upgraded when opened: earlier reviews keep their results, new ones store their summary', async () => {
    if (kind === 'sqlite') {
      dir = mkdtempSync(path.join(tmpdir(), 'inboxlint-migrate-'));
      const db = new Database(path.join(dir, 'inboxlint.db'));
      for (let v = 0; v < PREVIOUS; v++) db.exec(sqliteMigrations[v]!);
      db.pragma(`user_version = ${PREVIOUS}`);
      for (const s of seed) db.exec(s);
      db.close();
    } else {
      schema = uniqueSchema('migrate');
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      try {
        await c.query(`CREATE SCHEMA ${schema}`);
        await c.query(`SET search_path TO ${schema}`);
        await c.query('CREATE TABLE schema_migrations (version integer PRIMARY KEY, applied_at bigint NOT NULL)');
        for (let v = 0; v < PREVIOUS; v++) {
          await c.query(postgresMigrations[v]!);
          await c.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, 1)', [v + 1]);
        }
        for (const s of seed) await c.query(s);
      } finally {
        await c.end();
      }
    }
    b = await openBackend(dir ? { data: dir } : { databaseUrl: PG_URL, schema: schema!, staleSeconds: 2 }, true);

    const old = (await b.store.getReview('ten_old', 'rev_old'))!;
    expect(old).toMatchObject({ status: 'done', verdict: 'approved', reviewMs: 3 });
    expect(old.summary).toBeUndefined();
    expect(await b.store.getResultText('ten_old', 'rev_old')).toBe(result);

    const id = 'rev_new';
    await b.store.createReview({ id, tenantId: 'ten_old', body: '{"html":"<p>x</p>"}', kind: 'bundle', profile: 'core', name: 'new', bodyHash: 'h2', createdAt: Date.now() });
    await b.store.startReview(id, Date.now());
    expect(await b.store.completeReview(id, result, { verdict: 'rejected', reviewMs: 1, summary: 'rejected: 1 defect (html/no-active-content)' }, Date.now())).toBe(true);
    const listed = Object.fromEntries((await b.store.listReviews('ten_old', { limit: 10 })).map((r) => [r.id, r.summary]));
    expect(listed).toEqual({ [id]: 'rejected: 1 defect (html/no-active-content)', rev_old: undefined });
  });
});
