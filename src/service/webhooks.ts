/**
 * Webhook deliveries: signed (HMAC-SHA256 over `<timestamp>.<body>`), retried with exponential backoff and
 * full jitter, logged per attempt in the store (so any process can resume them), and sent only to
 * addresses the SSRF guard accepts — private and loopback ones only when the operator allows them.
 */
import { createHmac } from 'node:crypto';
import { request } from 'undici';
import { checkUrlTarget, type LookupFn } from '../probe/ssrf.js';
import { createProbeAgent, type ProbeAgent } from '../probe/http.js';
import { newId } from './ids.js';
import type { Metrics } from './metrics.js';
import type { Delivery, Store } from './store/types.js';
import type { Verdict } from '../index.js';

export const SIGNATURE_HEADER = 'inboxlint-signature';
export const EVENTS = ['review.completed', 'review.failed', 'review.decided'] as const;
export type WebhookEvent = (typeof EVENTS)[number];

/**
 * The data of `review.completed` (openapi.ts, ReviewCompletedEvent), for a review run here and for one
 * answered from the result cache alike.
 */
export function completedData(r: { verdict: Verdict; summary?: string | undefined; profile: string; name: string }): Record<string, unknown> {
  return { status: 'done', verdict: r.verdict, ...(r.summary !== undefined ? { summary: r.summary } : {}), profile: r.profile, name: r.name };
}

/** `t=<unix seconds>,v1=<hex>`; the receiver recomputes HMAC-SHA256(secret, `${t}.${body}`) and checks t is recent. */
export function sign(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface WebhookOptions {
  /** Let deliveries reach private and loopback addresses (never cloud metadata). */
  allowPrivateHosts?: boolean;
  /** Attempts before a delivery is marked failed (default 8). */
  maxAttempts?: number;
  /** First retry delay; doubles each attempt, with full jitter (default 2 s). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  timeoutMs?: number;
  pollMs?: number;
  lookup?: LookupFn;
}

/** Delay before retry number `attempt` (1-based): full jitter over an exponentially growing window. */
export function backoff(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const window = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  return Math.round(window / 2 + random() * (window / 2));
}

export class WebhookDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private busy: Promise<void> | undefined;
  private readonly agent: ProbeAgent;
  private readonly opts: Required<Omit<WebhookOptions, 'lookup'>> & { lookup?: LookupFn };

  constructor(
    private readonly store: Store,
    private readonly metrics: Metrics | undefined,
    options: WebhookOptions = {},
  ) {
    this.opts = {
      allowPrivateHosts: options.allowPrivateHosts ?? false,
      maxAttempts: options.maxAttempts ?? 8,
      baseDelayMs: options.baseDelayMs ?? 2_000,
      maxDelayMs: options.maxDelayMs ?? 10 * 60_000,
      timeoutMs: options.timeoutMs ?? 10_000,
      pollMs: options.pollMs ?? 500,
      ...(options.lookup ? { lookup: options.lookup } : {}),
    };
    this.agent = createProbeAgent({ allowPrivate: this.opts.allowPrivateHosts, timeoutMs: this.opts.timeoutMs, ...(options.lookup ? { lookup: options.lookup } : {}) });
  }

  /**
   * The deliveries of one event: one per subscribed endpoint of the tenant. The caller stores them in the
   * same transaction as the change they announce (the outbox), then calls kick().
   */
  async prepare(tenantId: string, event: WebhookEvent, reviewId: string, data: Record<string, unknown>): Promise<Delivery[]> {
    const hooks = (await this.store.webhooks(tenantId)).filter((w) => w.events.includes(event));
    const now = Date.now();
    return hooks.map((w) => {
      const id = newId('dlv', now);
      const payload = JSON.stringify({ id, event, createdAt: new Date(now).toISOString(), data: { reviewId, ...data } });
      return { id, tenantId, webhookId: w.id, event, reviewId, payload, status: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now };
    });
  }

  /** Prepares and stores the deliveries of an event on their own (no change to announce atomically). */
  async emit(tenantId: string, event: WebhookEvent, reviewId: string, data: Record<string, unknown>): Promise<number> {
    const list = await this.prepare(tenantId, event, reviewId, data);
    for (const d of list) await this.store.createDelivery(d);
    if (list.length) this.kick();
    return list.length;
  }

  /** A new delivery of the same payload (the log keeps the old one). */
  async replay(d: Delivery): Promise<Delivery> {
    const now = Date.now();
    const copy: Delivery = { ...d, id: newId('dlv', now), status: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now };
    delete copy.lastStatus;
    delete copy.lastError;
    delete copy.deliveredAt;
    await this.store.createDelivery(copy);
    this.kick();
    return copy;
  }

  start(): void {
    this.running = true;
    this.kick();
  }

  /** Sends what is due now (after deliveries were stored). */
  kick(): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), 0);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (!this.running) return;
    if (!this.busy) {
      this.busy = this.sendDue().finally(() => (this.busy = undefined));
    }
    await this.busy;
    if (!this.running) return;
    this.timer = setTimeout(() => void this.tick(), this.opts.pollMs);
    this.timer.unref();
  }

  private async sendDue(): Promise<void> {
    for (;;) {
      const now = Date.now();
      const due = await this.store.dueDeliveries(now, now + this.opts.timeoutMs * 2, 16).catch(() => []);
      if (!due.length) return;
      await Promise.all(due.map((d) => this.attempt(d)));
      if (!this.running) return;
    }
  }

  private async attempt(d: Delivery): Promise<void> {
    const hook = await this.store.webhookById(d.webhookId);
    const attempts = d.attempts + 1;
    if (!hook) {
      await this.store.updateDelivery(d.id, { status: 'failed', attempts, nextAttemptAt: Date.now(), lastError: 'the webhook was removed' });
      return;
    }
    let status: number | undefined;
    let error: string | undefined;
    let permanent = false;
    const target = await checkUrlTarget(hook.url, { allowPrivate: this.opts.allowPrivateHosts, ...(this.opts.lookup ? { lookup: this.opts.lookup } : {}) });
    if (!target.ok) {
      error = target.reason;
      permanent = target.code !== 'dns-error';
    } else {
      this.agent.pin(target.hostname, target.addresses);
      const ts = Math.floor(Date.now() / 1000);
      try {
        const res = await request(target.url, {
          method: 'POST',
          dispatcher: this.agent.dispatcher,
          body: d.payload,
          headers: { 'content-type': 'application/json', 'user-agent': 'inboxlint-webhooks', [SIGNATURE_HEADER]: sign(hook.secret, ts, d.payload), 'inboxlint-delivery': d.id, 'inboxlint-event': d.event },
        });
        status = res.statusCode;
        await res.body.dump();
        if (status < 200 || status >= 300) error = `HTTP ${status}`;
      } catch (e) {
        error = (e as Error).message;
      }
    }
    const now = Date.now();
    if (!error) {
      await this.store.updateDelivery(d.id, { status: 'delivered', attempts, nextAttemptAt: now, lastStatus: status!, deliveredAt: now });
      this.metrics?.webhookDeliveries.inc({ outcome: 'delivered' });
      return;
    }
    this.metrics?.webhookFailures.inc();
    const giveUp = permanent || attempts >= this.opts.maxAttempts;
    if (giveUp) this.metrics?.webhookDeliveries.inc({ outcome: 'failed' });
    await this.store.updateDelivery(d.id, {
      status: giveUp ? 'failed' : 'pending',
      attempts,
      nextAttemptAt: giveUp ? now : now + backoff(attempts, this.opts.baseDelayMs, this.opts.maxDelayMs),
      ...(status !== undefined ? { lastStatus: status } : {}),
      lastError: error,
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.busy;
    await this.agent.close();
  }
}
