/** Prometheus metrics (prom-client), one registry per app so tests and processes do not share counters. */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  reviewSeconds: Histogram<'profile'>;
  verdicts: Counter<'profile' | 'verdict'>;
  reviewFailures: Counter;
  resultCacheHits: Counter;
  webhookFailures: Counter;
  webhookDeliveries: Counter<'outcome'>;
  httpRequests: Counter<'route' | 'status'>;
}

export function createMetrics(depth: () => Promise<number>, options: { defaults?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaults) collectDefaultMetrics({ register: registry, prefix: 'inboxlint_' });
  new Gauge({
    name: 'inboxlint_queue_depth',
    help: 'Reviews queued or running',
    registers: [registry],
    async collect() {
      this.set(await depth().catch(() => -1));
    },
  });
  return {
    registry,
    reviewSeconds: new Histogram({ name: 'inboxlint_review_duration_seconds', help: 'Time to review one template (in the worker thread)', labelNames: ['profile'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [registry] }),
    verdicts: new Counter({ name: 'inboxlint_verdicts_total', help: 'Machine verdicts by profile', labelNames: ['profile', 'verdict'], registers: [registry] }),
    reviewFailures: new Counter({ name: 'inboxlint_review_failures_total', help: 'Reviews that failed (internal error)', registers: [registry] }),
    resultCacheHits: new Counter({ name: 'inboxlint_result_cache_hits_total', help: 'Reviews answered with the stored result of the same body (result cache)', registers: [registry] }),
    webhookFailures: new Counter({ name: 'inboxlint_webhook_failures_total', help: 'Webhook delivery attempts that failed', registers: [registry] }),
    webhookDeliveries: new Counter({ name: 'inboxlint_webhook_deliveries_total', help: 'Webhook deliveries by final outcome', labelNames: ['outcome'], registers: [registry] }),
    httpRequests: new Counter({ name: 'inboxlint_http_requests_total', help: 'HTTP requests by route and status', labelNames: ['route', 'status'], registers: [registry] }),
  };
}
