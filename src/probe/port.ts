/**
 * createProbePort: the ProbePort the hosts (CLI, service) hand to the core.
 *
 * Why not linkinator (on the design card): linkinator 7.x is a crawler whose API takes paths/URLs to
 * crawl and calls fetch itself through the global undici dispatcher (or its own shared Agent), with
 * redirect: 'follow'. It has no hook to resolve and validate the target address, to pin the connection
 * to that address, or to re-check each redirect hop, so routing our URLs through it would bypass the
 * SSRF guard (its `linksToSkip` callback only sees the first URL, never the redirect targets or the
 * resolved address). It also reports only status codes: no byte cap and no Content-Type or signature
 * check for images. So the probe keeps linkinator's shape (small flat modules, HEAD then GET, loopback
 * tests) and uses undici directly; the dependency is not added.
 *
 * Behaviour: each unique (kind, URL) is checked at most once per port (concurrent callers share one
 * promise), through a global and a per-host concurrency limit, within a per-request timeout and a
 * total time budget (after which remaining URLs are `unknown` / `budget-exhausted` without a request).
 * Results are cached (see cache.ts); call close() to save the cache file and release connections.
 */
import type { ProbeKind, ProbePort, ProbeRequest, ProbeResult } from '../core/probe-port.js';
import { cacheKey, resultVariant, ProbeCache } from './cache.js';
import { checkUrl, createProbeAgent, DEFAULT_LARGE_IMAGE_BYTES, DEFAULT_MAX_REDIRECTS, DEFAULT_TIMEOUT_MS, USER_AGENT } from './http.js';
import { createLimiter } from './limit.js';
import type { LookupFn } from './ssrf.js';

export const DEFAULT_CONCURRENCY = 8;
export const DEFAULT_PER_HOST_CONCURRENCY = 2;
export const DEFAULT_BUDGET_MS = 60_000;

export interface ProbePortOptions {
  /** Requests in flight at once (default 8). */
  concurrency?: number;
  /** Requests in flight to one host at once (default 2). */
  perHostConcurrency?: number;
  /** Per HTTP request (each redirect hop), in ms (default 10 000). */
  timeoutMs?: number;
  /** Total time for all checks of this port, from the first probe() call, in ms (default 60 000). */
  budgetMs?: number;
  /** Allow loopback/private/link-local targets (tests, intranet image servers). Never lifts the scheme check. */
  allowPrivateHosts?: boolean;
  /** Called after each URL is settled: `done` of `total` unique URLs seen so far. */
  onProgress?: (done: number, total: number) => void;
  /** JSON cache file shared between runs. */
  cacheFile?: string;
  /** TTL for ok/broken results (default 24 h). */
  cacheTtlMs?: number;
  /** TTL for unknown results (default 10 min; 0 caches none). */
  unknownCacheTtlMs?: number;
  /** A cache to share between ports (overrides cacheFile and the TTLs). */
  cache?: ProbeCache;
  /** Images over this many bytes are ok with `large: true` (default 1 MiB). */
  largeImageBytes?: number;
  maxRedirects?: number;
  userAgent?: string;
  /** DNS resolution (default dns.promises.lookup with all: true); tests inject one. */
  lookup?: LookupFn;
  /** Extra CA certificates (PEM) to trust besides Node's bundled roots. */
  extraCa?: string[];
  /** Clock for cache TTLs, for tests. */
  now?: () => number;
  /**
   * Offline: answer only from the cache and send no request (an editor). URLs without a fresh cached result
   * are left out of the results, so the rules say nothing about them.
   */
  cacheOnly?: boolean;
}

export interface ProbeStats {
  /** ProbeRequests received, over all probe() calls. */
  requested: number;
  /** Unique (kind, URL) pairs. */
  unique: number;
  /** Requests answered by a check already running or done in this port. */
  deduped: number;
  /** Unique URLs answered from the cache. */
  cacheHits: number;
  /** Unique URLs checked over the network (each possibly several HTTP requests). */
  fetched: number;
  /** HTTP requests sent (HEAD and GET, every redirect hop). */
  requestsSent: number;
  /** Unique URLs not checked because the time budget ran out. */
  budgetExhausted: number;
}

export interface ProbeRunner extends ProbePort {
  stats(): ProbeStats;
  /** Saves the cache file now (close() does too). False if it could not be written. */
  flush(): Promise<boolean>;
  /** Waits for checks in flight, saves the cache, releases connections. Idempotent. */
  close(): Promise<void>;
}

/** The dedupe key of a URL: its WHATWG form without fragment (the fragment is never sent). */
function normaliseUrl(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    return u.href;
  } catch {
    return url;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

export function createProbePort(options: ProbePortOptions = {}): ProbeRunner {
  const allowPrivate = options.allowPrivateHosts ?? false;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const budgetMs = options.budgetMs ?? DEFAULT_BUDGET_MS;
  const limiter = createLimiter(options.concurrency ?? DEFAULT_CONCURRENCY, options.perHostConcurrency ?? DEFAULT_PER_HOST_CONCURRENCY);
  const agent = createProbeAgent({
    allowPrivate,
    timeoutMs,
    ...(options.lookup ? { lookup: options.lookup } : {}),
    ...(options.extraCa ? { extraCa: options.extraCa } : {}),
  });
  const cache =
    options.cache ??
    new ProbeCache({
      ...(options.cacheFile ? { file: options.cacheFile } : {}),
      ...(options.cacheTtlMs !== undefined ? { ttlMs: options.cacheTtlMs } : {}),
      ...(options.unknownCacheTtlMs !== undefined ? { unknownTtlMs: options.unknownCacheTtlMs } : {}),
      ...(options.now ? { now: options.now } : {}),
    });

  const checks = new Map<string, Promise<ProbeResult>>();
  const variant = resultVariant(
    { allowPrivate, maxRedirects: options.maxRedirects ?? DEFAULT_MAX_REDIRECTS, largeImageBytes: options.largeImageBytes ?? DEFAULT_LARGE_IMAGE_BYTES },
    { maxRedirects: DEFAULT_MAX_REDIRECTS, largeImageBytes: DEFAULT_LARGE_IMAGE_BYTES },
  );
  const stats: ProbeStats = { requested: 0, unique: 0, deduped: 0, cacheHits: 0, fetched: 0, requestsSent: 0, budgetExhausted: 0 };
  let done = 0;
  const budget = new AbortController();
  let budgetTimer: ReturnType<typeof setTimeout> | undefined;
  let closed: Promise<void> | undefined;

  const progress = (): void => {
    done++;
    try {
      options.onProgress?.(done, stats.unique);
    } catch {
      // a progress printer must not break the checks
    }
  };

  const startBudget = (): void => {
    if (budgetTimer || budget.signal.aborted) return;
    budgetTimer = setTimeout(() => budget.abort(), budgetMs);
    budgetTimer.unref?.();
  };

  const budgetResult = (url: string, kind: ProbeKind): ProbeResult => {
    stats.budgetExhausted++;
    return { url, kind, status: 'unknown', code: 'budget-exhausted', reason: 'not checked: the time budget for URL checks ran out', redirects: [] };
  };

  const run = async (key: string, url: string, kind: ProbeKind): Promise<ProbeResult> => {
    try {
      const cached = cache.get(key);
      if (cached) {
        stats.cacheHits++;
        return cached;
      }
      if (budget.signal.aborted) return budgetResult(url, kind);
      return await limiter.run(hostOf(url), async () => {
        if (budget.signal.aborted) return budgetResult(url, kind);
        stats.fetched++;
        const result = await checkUrl(url, {
          kind,
          agent,
          allowPrivate,
          timeoutMs,
          budgetSignal: budget.signal,
          maxRedirects: options.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
          largeImageBytes: options.largeImageBytes ?? DEFAULT_LARGE_IMAGE_BYTES,
          userAgent: options.userAgent ?? USER_AGENT,
          ...(options.lookup ? { lookup: options.lookup } : {}),
          onRequest: () => {
            stats.requestsSent++;
          },
        });
        if (result.code === 'budget-exhausted') stats.budgetExhausted++;
        cache.set(key, result);
        return result;
      });
    } finally {
      progress();
    }
  };

  return {
    async probe(requests: ProbeRequest[]): Promise<Map<string, ProbeResult>> {
      if (closed) throw new Error('probe port is closed');
      await cache.load();
      if (options.cacheOnly) {
        const out = new Map<string, ProbeResult>();
        for (const request of requests) {
          stats.requested++;
          const hit = cache.get(cacheKey(request.kind, normaliseUrl(request.url), variant));
          if (hit) stats.cacheHits++;
          if (hit && !(out.get(request.url)?.kind === 'image')) out.set(request.url, { ...hit, url: request.url });
        }
        return out;
      }
      startBudget();
      const pending: { request: ProbeRequest; promise: Promise<ProbeResult> }[] = [];
      for (const request of requests) {
        stats.requested++;
        const normalised = normaliseUrl(request.url);
        const key = cacheKey(request.kind, normalised, variant);
        let promise = checks.get(key);
        if (promise) {
          stats.deduped++;
        } else {
          stats.unique++;
          promise = run(key, normalised, request.kind);
          checks.set(key, promise);
        }
        pending.push({ request, promise });
      }
      const out = new Map<string, ProbeResult>();
      const settled = await Promise.all(pending.map((p) => p.promise));
      settled.forEach((result, i) => {
        const { request } = pending[i]!;
        // One URL asked as both image and link: the image check says more (it read the bytes).
        const existing = out.get(request.url);
        if (existing && existing.kind === 'image') return;
        out.set(request.url, result.url === request.url ? result : { ...result, url: request.url });
      });
      return out;
    },
    stats: () => ({ ...stats }),
    flush: () => cache.save(),
    close() {
      closed ??= (async () => {
        if (budgetTimer) clearTimeout(budgetTimer);
        await Promise.allSettled(checks.values());
        await agent.close();
        await cache.save();
      })();
      return closed;
    },
  };
}
