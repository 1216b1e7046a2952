/** A real service on 127.0.0.1 for the tests: SQLite in a temporary folder, or PostgreSQL in a fresh schema. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { createKey, startServer, type RunningService, type ServiceOptions } from '../../src/service/server.js';
import { openApiDocument } from '../../src/service/openapi.js';

export const PG_URL = process.env.INBOXLINT_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A schema name no other run uses (tests of several files and runs share the database). */
export const uniqueSchema = (tag: string) => `t_${tag}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;

export interface TestService {
  svc: RunningService;
  url: string;
  key(tenant: string): Promise<string>;
  close(): Promise<void>;
}

export async function startTestService(opts: ServiceOptions & { backend?: 'sqlite' | 'postgres' } = {}): Promise<TestService> {
  const { backend = 'sqlite', ...rest } = opts;
  const dir = backend === 'sqlite' ? mkdtempSync(path.join(tmpdir(), 'inboxlint-svc-')) : undefined;
  const schema = backend === 'postgres' ? uniqueSchema('svc') : undefined;
  const svc = await startServer({
    port: 0,
    threads: 1,
    ...(dir ? { data: dir } : { databaseUrl: PG_URL, schema: schema!, staleSeconds: 5 }),
    ...rest,
  });
  return {
    svc,
    url: svc.url,
    key: async (tenant) => (await createKey(svc.backend.store, tenant)).key,
    close: async () => {
      await svc.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
      if (schema) await dropSchemas(schema);
    },
  };
}

export async function dropSchemas(schema: string): Promise<void> {
  const pg = (await import('pg')).default;
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.query(`DROP SCHEMA IF EXISTS ${schema}_boss CASCADE`);
  } finally {
    await c.end();
  }
}

// ---- OpenAPI conformance: every response the tests get is checked against the document ----
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
const doc = openApiDocument() as any;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: 'doc', components: doc.components });

function operationFor(method: string, pathname: string): { template: string; op: any } | undefined {
  for (const [template, item] of Object.entries<any>(doc.paths)) {
    const re = new RegExp('^' + template.replace(/\{[^}]+\}/g, '[^/]+') + '$');
    if (re.test(pathname) && item[method.toLowerCase()]) return { template, op: item[method.toLowerCase()] };
  }
  return undefined;
}

/** Statuses seen per documented operation (the conformance test checks every operation was exercised). */
export const seen = new Map<string, Set<number>>();

export function checkAgainstDocument(method: string, pathname: string, status: number, contentType: string | null, body: unknown): void {
  const found = operationFor(method, pathname);
  if (!found) throw new Error(`${method} ${pathname} is not in /openapi.json`);
  const key = `${method.toUpperCase()} ${found.template}`;
  if (!seen.has(key)) seen.set(key, new Set());
  seen.get(key)!.add(status);
  const response = found.op.responses[String(status)];
  if (!response) throw new Error(`${key} answered ${status}, which /openapi.json does not document`);
  const schema = response.content?.['application/json']?.schema;
  if (!schema || !contentType?.includes('application/json')) return;
  const validate = ajv.compile({ $ref: `doc${schema.$ref ?? ''}`, ...(schema.$ref ? {} : schema) });
  if (!validate(body)) throw new Error(`${key} ${status}: the body does not match /openapi.json: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 500)}`);
}

/**
 * A webhook delivery as its endpoint received it (headers, raw body), or a stored payload alone (headers
 * undefined), checked against the document's `webhooks`: the event is documented, the headers are there and
 * well-formed, the body matches the event's schema.
 */
export function checkDeliveryAgainstDocument(event: string, body: string, headers?: Record<string, string | string[] | undefined>): void {
  const op = doc.webhooks?.[event]?.post;
  if (!op) throw new Error(`webhook event ${event} is not in /openapi.json`);
  for (const p of headers ? op.parameters : []) {
    const v = headers![p.name];
    if (v === undefined) {
      if (p.required) throw new Error(`webhook ${event}: header ${p.name} missing`);
      continue;
    }
    if (p.schema.pattern && !new RegExp(p.schema.pattern).test(String(v))) throw new Error(`webhook ${event}: header ${p.name} '${String(v)}' does not match ${p.schema.pattern}`);
  }
  const validate = ajv.compile({ $ref: `doc${op.requestBody.content['application/json'].schema.$ref}` });
  if (!validate(JSON.parse(body))) throw new Error(`webhook ${event}: the body does not match /openapi.json: ${ajv.errorsText(validate.errors)}\n${body.slice(0, 500)}`);
}

export interface CallResult {
  status: number;
  headers: Headers;
  body: any;
}

/** A request to the service; JSON responses are checked against /openapi.json unless `unchecked`. */
export async function call(base: string, method: string, pathname: string, o: { key?: string; body?: unknown; raw?: string; headers?: Record<string, string>; unchecked?: boolean } = {}): Promise<CallResult> {
  const headers: Record<string, string> = { ...(o.key ? { authorization: `Bearer ${o.key}` } : {}), ...o.headers };
  let payload: string | undefined;
  if (o.raw !== undefined) payload = o.raw;
  else if (o.body !== undefined) payload = JSON.stringify(o.body);
  if (payload !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  const res = await fetch(base + pathname, { method, headers, ...(payload !== undefined ? { body: payload } : {}) });
  const text = await res.text();
  const ct = res.headers.get('content-type');
  const body = ct?.includes('json') && text ? JSON.parse(text) : text;
  if (!o.unchecked) checkAgainstDocument(method, new URL(base + pathname).pathname, res.status, ct, body);
  return { status: res.status, headers: res.headers, body };
}
