/**
 * Webhooks end to end: a receiver on 127.0.0.1 (allowed with the operator's allow flag), signature check,
 * retries with backoff after failures, the delivery log, replay; without the flag, loopback is refused by
 * the SSRF guard.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, checkDeliveryAgainstDocument, startTestService, type TestService } from './helpers.js';
import { WebhookDispatcher, backoff, sign } from '../../src/service/webhooks.js';
import { SqliteStore } from '../../src/service/store/sqlite.js';
import { newId } from '../../src/service/ids.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let t: TestService;
let receiver: Server;
let hookUrl: string;
const received: Received[] = [];
let failNext = 0;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (failNext > 0) {
        failNext--;
        res.writeHead(503).end();
        return;
      }
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  t = await startTestService({ allowPrivateHosts: true, webhooks: { baseDelayMs: 50, maxDelayMs: 200, pollMs: 50, maxAttempts: 4 } });
});
afterAll(async () => {
  await t?.close();
  await new Promise((r) => receiver?.close(r));
});

async function until<T>(fn: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('webhooks', () => {
  it('signs deliveries (HMAC-SHA256 over timestamp.body), retries failures with backoff, logs and replays them', async () => {
    const key = await t.key('hooks');
    const created = await call(t.url, 'POST', '/v1/webhooks', { key, body: { url: hookUrl, events: ['review.completed', 'review.decided'] } });
    expect(created.status).toBe(201);
    const secret: string = created.body.secret;
    expect(secret).toMatch(/^whsec_/);
    // The secret is returned once: the listing does not show it.
    expect(JSON.stringify((await call(t.url, 'GET', '/v1/webhooks', { key })).body)).not.toContain(secret);

    failNext = 2;
    const r = await call(t.url, 'POST', '/v1/reviews?wait=10000', { key, body: { html: '<p>Hi {{name}}</p>', text: 'Hi', subject: 'Hi', data: { name: 'A' } } });
    const got = await until(async () => received.find((x) => x.body.includes(r.body.id)));
    const sig = String(got.headers['inboxlint-signature']);
    const [, ts, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(sig)!;
    expect(v1).toBe(createHmac('sha256', secret).update(`${ts}.${got.body}`).digest('hex'));
    expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(60);
    const payload = JSON.parse(got.body);
    expect(payload).toMatchObject({ event: 'review.completed', data: { reviewId: r.body.id, status: 'done', verdict: r.body.verdict, summary: r.body.report.decision.summary } });
    // As /openapi.json's `webhooks` describe it: headers and body.
    checkDeliveryAgainstDocument('review.completed', got.body, got.headers);

    const log = await until(async () => {
      const l = await call(t.url, 'GET', `/v1/webhooks/deliveries?reviewId=${r.body.id}`, { key });
      return l.body.items[0]?.status === 'delivered' ? l : undefined;
    });
    expect(log.body.items[0]).toMatchObject({ event: 'review.completed', attempts: 3, lastStatus: 204 });

    const replay = await call(t.url, 'POST', `/v1/webhooks/deliveries/${log.body.items[0].id}/replay`, { key });
    expect(replay.status).toBe(202);
    await until(async () => (received.filter((x) => x.body.includes(r.body.id)).length === 2 ? true : undefined));

    // A human decision is an event too.
    await call(t.url, 'POST', `/v1/reviews/${r.body.id}/decision`, { key, body: { verdict: 'approved', note: 'ok' } });
    const decided = await until(async () => received.find((x) => x.body.includes('review.decided')));
    expect(JSON.parse(decided.body).data).toMatchObject({ reviewId: r.body.id, humanVerdict: 'approved', note: 'ok' });
    checkDeliveryAgainstDocument('review.decided', decided.body, decided.headers);
    // A replay is the same payload (its id too: receivers deduplicate by it) under a delivery id of its own.
    const replayed = received.filter((x) => x.body.includes(r.body.id) && x.body.includes('review.completed'));
    expect(replayed[1]!.body).toBe(replayed[0]!.body);
    expect(replayed[1]!.headers['inboxlint-delivery']).not.toBe(replayed[0]!.headers['inboxlint-delivery']);
    checkDeliveryAgainstDocument('review.completed', replayed[1]!.body, replayed[1]!.headers);
  });

  it('gives up after maxAttempts and counts the failures', async () => {
    const key = await t.key('flaky');
    await call(t.url, 'POST', '/v1/webhooks', { key, body: { url: hookUrl, events: ['review.completed'] } });
    failNext = 100;
    const r = await call(t.url, 'POST', '/v1/reviews?wait=10000', { key, body: { html: '<p>x</p>' } });
    const failed = await until(async () => {
      const l = await call(t.url, 'GET', `/v1/webhooks/deliveries?status=failed&reviewId=${r.body.id}`, { key });
      return l.body.items[0];
    });
    failNext = 0;
    expect(failed).toMatchObject({ attempts: 4, lastStatus: 503, lastError: 'HTTP 503' });
    expect((await call(t.url, 'GET', '/metrics')).body).toMatch(/inboxlint_webhook_failures_total [1-9]/);
  });

  it('without the operator allowing private addresses, loopback targets are refused by the SSRF guard', async () => {
    // A dispatcher of its own (no allow flag) over a store of its own: the server's dispatcher allows loopback.
    const dir = mkdtempSync(path.join(tmpdir(), 'inboxlint-ssrf-'));
    const store = new SqliteStore(path.join(dir, 'db.sqlite'));
    await store.migrate();
    const dispatcher = new WebhookDispatcher(store, undefined, { pollMs: 20 });
    try {
      const tenant = await store.createTenant(newId('ten'), 'ssrf', Date.now());
      await store.createWebhook({ id: newId('whk'), tenantId: tenant.id, url: hookUrl, secret: 's', events: ['review.completed'], createdAt: Date.now() });
      await store.createWebhook({ id: newId('whk'), tenantId: tenant.id, url: 'http://169.254.169.254/latest/meta-data/', secret: 's', events: ['review.completed'], createdAt: Date.now() });
      dispatcher.start();
      const before = received.length;
      expect(await dispatcher.emit(tenant.id, 'review.completed', 'rev_x', { status: 'done' })).toBe(2);
      const failed = await until(async () => {
        const l = await store.deliveries(tenant.id, { limit: 10, status: 'failed' });
        return l.length === 2 ? l : undefined;
      });
      const errors = failed.map((d) => d.lastError).sort();
      expect(errors[0]).toMatch(/refused: 127\.0\.0\.1 is a loopback address/);
      expect(errors[1]).toMatch(/refused: 169\.254\.169\.254 is a cloud metadata address/);
      expect(failed.every((d) => d.attempts === 1)).toBe(true);
      expect(received.length).toBe(before);
    } finally {
      await dispatcher.stop();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('backoff grows exponentially with full jitter, capped', () => {
    expect(backoff(1, 1000, 60_000, () => 0)).toBe(500);
    expect(backoff(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoff(4, 1000, 60_000, () => 1)).toBe(8000);
    expect(backoff(20, 1000, 60_000, () => 1)).toBe(60_000);
    expect(sign('s', 1, 'b')).toBe(`t=1,v1=${createHmac('sha256', 's').update('1.b').digest('hex')}`);
  });
});
