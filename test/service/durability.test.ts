/**
 * Durability: submissions while `inboxlint worker` processes are killed with SIGKILL twice. Every review
 * reaches done, none is stored or announced twice (idempotency), every webhook is delivered at least once.
 * The suite runs a light version (30 submissions) against both backends: PostgreSQL, the scale-out setup
 * where workers are processes of their own, and SQLite with `inboxlint worker` processes beside the server
 * (it found a 'database is locked' 500 and workers that exited on an empty queue, which PostgreSQL alone did
 * not); `npm run durability:service` runs 1,000 (INBOXLINT_DURABILITY_N, INBOXLINT_DURABILITY_BACKENDS).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey, startServer, type RunningService } from '../../src/service/server.js';
import { PG_URL, call, dropSchemas, uniqueSchema } from './helpers.js';

const N = Number(process.env.INBOXLINT_DURABILITY_N ?? 30);
const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/inboxlint.js');
const BACKENDS = (process.env.INBOXLINT_DURABILITY_BACKENDS ?? 'postgres,sqlite').split(',') as ('postgres' | 'sqlite')[];

let receiver: Server;
let hookUrl: string;
const deliveries = new Map<string, number>();

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const id = JSON.parse(body).data.reviewId as string;
      deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

describe.each(BACKENDS)('durability with worker processes (%s)', (backend) => {
  let svc: RunningService;
  let dir: string | undefined;
  let schema: string | undefined;
  const workers: ChildProcess[] = [];
  let where: string[];

  const stderr: string[] = [];
  const spawnWorker = () => {
    const w = spawn(process.execPath, [BIN, 'worker', ...where, '--threads', '1', '--allow-private-hosts', '--stale-seconds', '3', '--webhook-timeout', '2'], { stdio: ['ignore', 'ignore', 'pipe'] });
    w.stderr!.setEncoding('utf8').on('data', (t: string) => stderr.push(t));
    workers.push(w);
    return w;
  };

  beforeAll(async () => {
    if (backend === 'sqlite') dir = mkdtempSync(path.join(tmpdir(), 'inboxlint-dur-'));
    else schema = uniqueSchema('dur');
    where = dir ? ['--data', dir] : ['--database-url', PG_URL, '--schema', schema!];
    // The API process takes no reviews (threads 0): only the worker processes do.
    svc = await startServer({ port: 0, threads: 0, allowPrivateHosts: true, rateLimit: { perSecond: 10_000, burst: 10_000 }, staleSeconds: 3, webhooks: { pollMs: 100, baseDelayMs: 100, maxDelayMs: 1000, timeoutMs: 2000 }, ...(dir ? { data: dir } : { databaseUrl: PG_URL, schema: schema! }) });
  });
  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
    await svc?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (schema) await dropSchemas(schema);
  });

  it(`${N} submissions, a worker SIGKILLed twice: all done, none twice, webhooks delivered`, { timeout: 300_000 }, async () => {
    const key = (await createKey(svc.backend.store, 'durable')).key;
    await call(svc.url, 'POST', '/v1/webhooks', { key, body: { url: hookUrl, events: ['review.completed'] } });
    // Three workers; two are killed during the run, the third finishes (replacements would only add start-up time).
    spawnWorker();
    spawnWorker();
    spawnWorker();
    const ids = new Set<string>();
    const submit = async (i: number) => {
      const body = { name: `t${i}`, html: `<p>Hello {{name}}, order ${i} is on its way.</p>`, text: `Hello {{name}}, order ${i}.`, subject: `Order ${i}`, data: { name: 'Ada' } };
      const r = await call(svc.url, 'POST', '/v1/reviews', { key, body, headers: { 'idempotency-key': `order-${i}` } });
      // A replay of a finished review answers 200 with it; a new or unfinished one 202.
      expect([200, 202]).toContain(r.status);
      ids.add(r.body.id);
    };
    const doneCount = async () => {
      let n = 0;
      let cursor: string | undefined;
      do {
        const page = await call(svc.url, 'GET', `/v1/reviews?status=done&limit=200${cursor ? `&cursor=${cursor}` : ''}`, { key });
        n += page.body.items.length;
        cursor = page.body.next;
      } while (cursor);
      return n;
    };
    // Three phases of submissions; after each of the first two, once the workers are reviewing, one live
    // worker is killed with SIGKILL (whatever it was running is left `running`, its job unacknowledged).
    let killed = 0;
    for (let phase = 0; phase < 3; phase++) {
      const from = Math.floor((phase * N) / 3);
      const to = Math.floor(((phase + 1) * N) / 3);
      for (let i = from; i < to; i += 10) await Promise.all(Array.from({ length: Math.min(10, to - i) }, (_, j) => submit(i + j)));
      if (phase === 2) break;
      const before = await doneCount();
      while ((await doneCount()) === before && before < to) await new Promise((r) => setTimeout(r, 20));
      const victim = workers.find((w) => w.exitCode === null && w.signalCode === null)!;
      victim.kill('SIGKILL');
      killed++;
    }
    // Submitting again with the same keys creates nothing new.
    for (let i = 0; i < N; i += Math.max(1, Math.floor(N / 10))) await submit(i);
    expect(ids.size).toBe(N);
    expect(killed).toBe(2);

    const deadline = Date.now() + 120_000;
    let pending = N;
    while (Date.now() < deadline) {
      pending = 0;
      let cursor: string | undefined;
      do {
        const page = await call(svc.url, 'GET', `/v1/reviews?limit=200${cursor ? `&cursor=${cursor}` : ''}`, { key });
        pending += page.body.items.filter((x: any) => x.status !== 'done').length;
        cursor = page.body.next;
      } while (cursor);
      if (pending === 0 && [...ids].every((id) => deliveries.has(id))) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(pending, `workers said: ${stderr.join('').slice(-2000)}`).toBe(0);
    // Every review was announced (stored as done) exactly once, and delivered at least once.
    const logged = new Map<string, number>();
    let cursor: string | undefined;
    do {
      const page = await call(svc.url, 'GET', `/v1/webhooks/deliveries?limit=200${cursor ? `&cursor=${cursor}` : ''}`, { key });
      for (const d of page.body.items) logged.set(d.reviewId, (logged.get(d.reviewId) ?? 0) + 1);
      cursor = page.body.next;
    } while (cursor);
    expect(logged.size).toBe(N);
    expect([...logged.values()].every((n) => n === 1)).toBe(true);
    expect([...ids].filter((id) => !deliveries.has(id))).toEqual([]);
  });
});
