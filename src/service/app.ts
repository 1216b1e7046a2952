/**
 * createApp(deps): the express 5 application (no listen). Routes under /v1 need `Authorization: Bearer
 * <key>`; every query is scoped to the key's tenant. Bodies are validated against the OpenAPI schemas.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { randomBytes } from 'node:crypto';
import { newId, sameDigest, sha256 } from './ids.js';
import { openApiDocument, schemas } from './openapi.js';
import { bodyKind, type BodyKind, type Preview } from './review-adapter.js';
import type { Metrics } from './metrics.js';
import type { Decision, Delivery, DoneSignal, JobQueue, KeyRecord, Review, ReviewFilter, ReviewResult, Store, Webhook } from './store/types.js';
import { completedData, type WebhookDispatcher } from './webhooks.js';
import { createPage } from './page.js';
import { ResultCache, resultFragment, type CachedResult } from './result-cache.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

export interface AppDeps {
  store: Store;
  queue: JobQueue;
  signal: DoneSignal;
  metrics: Metrics;
  webhooks?: WebhookDispatcher;
  /** Whether a profile name is a bundled profile. */
  profileExists: (name: string) => boolean;
  /** Body size limit (default 2 MB). */
  bodyLimit?: string | number;
  /** Per-key rate limit: sustained requests per second and burst (default 50/s, 100). */
  rateLimit?: { perSecond: number; burst: number };
  /** Longest ?wait in ms (default 30 000). */
  maxWaitMs?: number;
  /** Secure cookies (behind HTTPS). */
  secureCookies?: boolean;
  /** Aborted when the server shuts down: ?wait requests answer at once with what they have. */
  closing?: AbortSignal;
  /**
   * Answer a body the tenant submitted before (same bytes, same profile) with the earlier result (see
   * result-cache.ts). Default on; the server turns it off with --check-urls.
   */
  reuseResults?: boolean;
  /** The result cache, shared with the runner when reviews run in this process (see runner.ts). */
  resultCache?: ResultCache;
  /** Renders a stored body's samples for the review page (see page.ts); without it the page shows none. */
  previews?: (body: string, profile: string) => Promise<Preview[]>;
}

export const MAX_BODY_DEPTH = 64;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

declare module 'express-serve-static-core' {
  interface Request {
    key?: KeyRecord;
    /** The JSON body as received (UTF-8), when it was. */
    rawBody?: Buffer;
  }
}

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

export function reviewSummary(r: Review): Record<string, unknown> {
  const out: Record<string, unknown> = { id: r.id, status: r.status, kind: r.kind, profile: r.profile, name: r.name };
  if (r.verdict) out.verdict = r.verdict;
  if (r.summary) out.summary = r.summary;
  if (r.humanVerdict) out.humanVerdict = r.humanVerdict;
  out.createdAt = iso(r.createdAt);
  if (r.startedAt !== undefined) out.startedAt = iso(r.startedAt);
  if (r.finishedAt !== undefined) out.finishedAt = iso(r.finishedAt);
  out.attempts = r.attempts;
  const timings: Record<string, number> = {};
  if (r.startedAt !== undefined) timings.queueMs = r.startedAt - r.createdAt;
  if (r.reviewMs !== undefined) timings.reviewMs = Math.round(r.reviewMs * 100) / 100;
  if (r.finishedAt !== undefined) timings.totalMs = r.finishedAt - r.createdAt;
  if (Object.keys(timings).length) out.timings = timings;
  if (r.error) out.error = r.error;
  if (r.resultOf) out.resultOf = r.resultOf;
  return out;
}

const decisionJson = (d: Decision) => ({ id: d.id, verdict: d.verdict, note: d.note, actor: d.actor, createdAt: iso(d.createdAt) });
const webhookJson = (w: Webhook) => ({ id: w.id, url: w.url, events: w.events, createdAt: iso(w.createdAt) });
function deliveryJson(d: Delivery): Record<string, unknown> {
  return {
    id: d.id,
    webhookId: d.webhookId,
    event: d.event,
    reviewId: d.reviewId,
    status: d.status,
    attempts: d.attempts,
    ...(d.status === 'pending' ? { nextAttemptAt: iso(d.nextAttemptAt) } : {}),
    ...(d.lastStatus !== undefined ? { lastStatus: d.lastStatus } : {}),
    ...(d.lastError !== undefined ? { lastError: d.lastError } : {}),
    createdAt: iso(d.createdAt),
    ...(d.deliveredAt !== undefined ? { deliveredAt: iso(d.deliveredAt) } : {}),
  };
}

export function reviewJson(r: Review, result: ReviewResult | undefined, decisions: Decision[]): Record<string, unknown> {
  return { ...reviewSummary(r), ...(result ? { report: result.report, internalErrors: result.internalErrors } : {}), decisions: decisions.map(decisionJson) };
}

/** reviewJson as UTF-8 JSON, with the result's part already serialised (resultFragment's bytes): no parse and re-serialise of a large report, no encoding of it. */
function reviewJsonBytes(r: Review, fragment: Buffer | undefined, decisions: Decision[]): Buffer {
  const summary = JSON.stringify(reviewSummary(r));
  const rest = Buffer.from(`"decisions":${JSON.stringify(decisions.map(decisionJson))}}`);
  if (!fragment) return Buffer.concat([Buffer.from(`${summary.slice(0, -1)},`), rest]);
  return Buffer.concat([Buffer.from(`${summary.slice(0, -1)},`), fragment, COMMA, rest]);
}
const COMMA = Buffer.from(',');

/** Depth of a parsed JSON value, without recursion (a deeply nested body must not overflow the stack). */
export function jsonDepth(value: unknown, limit: number): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (d > max) max = d;
    if (max > limit) return max;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (typeof child === 'object' && child !== null) stack.push([child, d + 1]);
  }
  return max;
}

function fieldOf(e: ErrorObject): string {
  const base = e.instancePath || '';
  if (e.keyword === 'required') return `${base}/${(e.params as { missingProperty: string }).missingProperty}`;
  if (e.keyword === 'additionalProperties') return `${base}/${(e.params as { additionalProperty: string }).additionalProperty}`;
  return base || '/';
}

/** The most useful ajv error: a concrete field error rather than the anyOf/not summary. */
function validationError(errors: ErrorObject[] | null | undefined, what: string): HttpError {
  const list = errors ?? [];
  const pick = list.find((e) => !['anyOf', 'oneOf', 'not', 'if'].includes(e.keyword) && !(e.keyword === 'required' && list.some((x) => x.keyword === 'anyOf' && x.instancePath === e.instancePath))) ?? list[0];
  if (!pick) return new HttpError(400, 'invalid_body', `Invalid ${what}.`);
  let message: string;
  const field = fieldOf(pick);
  if (pick.keyword === 'anyOf' && pick.instancePath === '') message = 'the body needs one of html, mjml or text';
  else if (pick.keyword === 'required' && list.some((x) => x.keyword === 'anyOf')) message = 'the body needs one of html, mjml or text';
  else if (pick.keyword === 'not') message = 'html and mjml cannot both be given';
  else if (pick.keyword === 'additionalProperties') message = `unknown field ${field}`;
  else if (pick.keyword === 'required') message = `${field} is required`;
  else message = `${field} ${pick.message ?? 'is invalid'}`;
  return new HttpError(400, 'invalid_body', `Invalid ${what}: ${message}.`, pick.keyword === 'anyOf' || (pick.keyword === 'required' && list.some((x) => x.keyword === 'anyOf')) ? '/html' : field);
}

/** Token buckets per API key (in this process). */
class RateLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>();
  constructor(private readonly perSecond: number, private readonly burst: number) {}
  /** 0 when allowed, else seconds to wait. */
  take(key: string, now = Date.now()): number {
    let b = this.buckets.get(key);
    if (!b) this.buckets.set(key, (b = { tokens: this.burst, at: now }));
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSecond);
    b.at = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.perSecond));
  }
}

function parseTime(v: unknown, name: string): number | undefined {
  if (v === undefined) return undefined;
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  if (Number.isNaN(t)) throw new HttpError(400, 'invalid_query', `${name} must be an ISO 8601 date-time.`, name);
  return t;
}

function pick<T extends string>(v: unknown, name: string, allowed: readonly T[]): T | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !allowed.includes(v as T)) throw new HttpError(400, 'invalid_query', `${name} must be one of ${allowed.join(', ')}.`, name);
  return v as T;
}

function intParam(v: unknown, name: string, min: number, max: number, dflt: number): number {
  if (v === undefined) return dflt;
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw new HttpError(400, 'invalid_query', `${name} must be an integer from ${min} to ${max}.`, name);
  return n;
}

function strParam(v: unknown, name: string, max = 100): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.length > max) throw new HttpError(400, 'invalid_query', `${name} must be a string of at most ${max} characters.`, name);
  return v;
}

/**
 * Listening for "review `id` finished" from now on: `woke` resolves at its signal (with the finished review
 * when it finished in this process), or when the server closes.
 */
export interface ReviewWatch {
  woke: Promise<Review | undefined>;
  stop(): void;
}

function watchReview(signal: DoneSignal, id: string, closing?: AbortSignal): ReviewWatch {
  let wake!: (finished?: Review) => void;
  const woke = new Promise<Review | undefined>((r) => (wake = r));
  const off = signal.subscribe((done, finished) => done === id && wake(finished));
  const onClose = () => wake();
  closing?.addEventListener('abort', onClose);
  return { woke, stop: () => (off(), closing?.removeEventListener('abort', onClose)) };
}

/**
 * Waits until the review is finished (done or failed) or `ms` pass. `since`: a watch the caller began
 * when the review was in state `known` (a review it has just stored, watched before it was queued), so
 * no read is needed to learn that; the watch is stopped here.
 */
export async function waitForReview(store: Store, signal: DoneSignal, tenantId: string, id: string, ms: number, closing?: AbortSignal, since?: { watch: ReviewWatch; known: Review }): Promise<Review | undefined> {
  const watch = since?.watch ?? watchReview(signal, id, closing);
  let known = since?.known;
  try {
    const deadline = Date.now() + ms;
    for (;;) {
      const r = known ?? (await store.getReview(tenantId, id));
      known = undefined;
      if (!r || r.status === 'done' || r.status === 'failed') return r;
      const left = deadline - Date.now();
      if (left <= 0 || closing?.aborted) return r;
      // The signal is the fast path; the poll covers a signal lost between processes.
      let t: NodeJS.Timeout | undefined;
      const finished = await Promise.race([watch.woke, new Promise<undefined>((res) => (t = setTimeout(() => res(undefined), Math.min(left, 1000))))]);
      clearTimeout(t);
      // Finished in this process: the review as it was stored, no need to read it back.
      if (finished?.tenantId === tenantId) known = finished;
    }
  } finally {
    watch.stop();
  }
}

/** A body's validation: undefined when valid, else ajv's errors. */
type BodyCheck = (data: unknown) => ErrorObject[] | undefined;

/**
 * The API's schemas compiled twice. JSON Schema's maxLength counts code points, which ajv does with a loop
 * over every character (ucs2length: the whole of a 30 KB template, on the event loop, per request); with
 * `unicode: false` it compares `.length`, the UTF-16 units, which are never fewer than the code points. So
 * a body the fast validators accept is valid, and only one they reject (rare) is checked again, with the
 * exact validators, for the verdict and the errors.
 */
function bodyValidators(): (name: keyof typeof schemas) => BodyCheck {
  const compiled = (unicode: boolean) => {
    // logger: ajv warns that `unicode` is deprecated; the exact validators do not depend on it.
    const ajv = new Ajv2020({ allErrors: false, strict: false, unicode, logger: false });
    addFormats(ajv);
    ajv.addSchema({ $id: 'api', components: { schemas } });
    return (name: keyof typeof schemas): ValidateFunction => ajv.getSchema(`api#/components/schemas/${name}`)!;
  };
  const fast = compiled(false);
  let exact: ReturnType<typeof compiled> | undefined;
  return (name) => {
    const quick = fast(name);
    let full: ValidateFunction | undefined;
    return (data) => {
      if (quick(data)) return undefined;
      full ??= (exact ??= compiled(true))(name);
      return full(data) ? undefined : (full.errors ?? []);
    };
  };
}

export function createApp(deps: AppDeps): express.Express {
  const { store, queue, signal, metrics } = deps;
  const validator = bodyValidators();
  const byKind: Record<BodyKind | 'awsV2', BodyCheck> = { bundle: validator('Bundle'), aws: validator('AwsV1Template'), awsV2: validator('AwsV2Template'), tencent: validator('TencentTemplate') };
  const validDecision = validator('Decision');
  const validWebhook = validator('WebhookCreate');
  const limiter = new RateLimiter(deps.rateLimit?.perSecond ?? 50, deps.rateLimit?.burst ?? 100);
  const maxWait = deps.maxWaitMs ?? 30_000;
  const keyCache = new Map<string, { key: KeyRecord; until: number }>();
  const openapi = openApiDocument();

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');

  app.use((req, res, next) => {
    res.on('finish', () => metrics.httpRequests.inc({ route: (req.route?.path as string | undefined) ?? 'unmatched', status: String(res.statusCode) }));
    next();
  });

  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/readyz', async (_req, res) => {
    try {
      await store.ping();
      await queue.ping();
      res.json({ status: 'ready' });
    } catch (e) {
      res.status(503).json({ status: 'unavailable', error: (e as Error).message });
    }
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.get('/openapi.json', (_req, res) => void res.json(openapi));

  /** Bearer key → its record. Looked up by sha256, so the time taken does not depend on how much of a key matches. */
  const authenticate = async (header: string | undefined): Promise<KeyRecord | undefined> => {
    const m = header ? /^Bearer\s+(\S{1,200})$/i.exec(header) : null;
    if (!m) return undefined;
    const hash = sha256(m[1]!);
    const cached = keyCache.get(hash);
    if (cached && cached.until > Date.now()) return cached.key;
    const key = await store.keyByHash(hash);
    if (!key || !sameDigest(key.hash, hash)) return undefined;
    keyCache.set(hash, { key, until: Date.now() + 30_000 });
    return key;
  };

  const limit = (req: Request) => {
    const wait = limiter.take(req.key!.id);
    if (wait) throw new HttpError(429, 'rate_limited', `Too many requests for this API key; retry in ${wait} s.`, undefined, { 'Retry-After': String(wait) });
  };

  // The raw body is kept: it is what is stored and hashed (no second serialisation of a large template).
  const json = express.json({ limit: deps.bodyLimit ?? '2mb', strict: true, verify: (req, _res, buf, encoding) => void (/^utf-?8$/i.test(encoding) && ((req as Request).rawBody = buf)) });
  const cache = deps.reuseResults === false ? undefined : (deps.resultCache ?? new ResultCache());

  /** A review's result as cached: from the cache, or read, serialised and remembered once (when done). */
  const cachedResult = async (r: Review): Promise<CachedResult | undefined> => {
    const key = ResultCache.key(r.tenantId, r.profile, r.bodyHash);
    const cached = r.status === 'done' ? cache?.get(key) : undefined;
    if (cached) return cached;
    const text = await store.getResultText(r.tenantId, r.id);
    if (text === undefined) return undefined;
    const result = JSON.parse(text) as ReviewResult;
    const summary = r.summary ?? result.report?.decision?.summary;
    const entry: CachedResult = { reviewId: r.resultOf ?? r.id, verdict: r.verdict ?? 'needs_review', ...(summary !== undefined ? { summary } : {}), reviewMs: r.reviewMs ?? 0, fragment: Buffer.from(resultFragment(result)) };
    if (cache && r.status === 'done' && r.verdict) cache.set(key, entry);
    return entry;
  };
  /** Sends a review with its result (when it has one). */
  const sendReview = async (res: Response, r: Review, decisions?: Decision[]) => {
    const [result, ds] = await Promise.all([cachedResult(r), decisions ?? store.decisions(r.tenantId, r.id)]);
    res.status(200).type('json').send(reviewJsonBytes(r, result?.fragment, ds));
  };
  /**
   * The first review of each body still in flight (this process): an identical body that comes meanwhile
   * with ?wait waits for it and shares its result instead of being reviewed again.
   */
  const inflight = new Map<string, string>();
  const v1 = express.Router();
  v1.use(async (req, _res, next) => {
    const key = await authenticate(req.get('authorization'));
    if (!key) return next(new HttpError(401, 'unauthorized', 'A valid API key is required: Authorization: Bearer <key>.', undefined, { 'WWW-Authenticate': 'Bearer' }));
    req.key = key;
    limit(req);
    next();
  });
  v1.use((req, _res, next) => {
    const hasBody = req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] ?? '0') !== '0';
    if (req.method !== 'POST' || !hasBody) return next();
    if (!req.is('application/json')) return next(new HttpError(415, 'unsupported_media_type', 'The body must be JSON (Content-Type: application/json).'));
    json(req, _res, (err?: unknown) => {
      if (err) return next(err);
      if (jsonDepth(req.body, MAX_BODY_DEPTH) > MAX_BODY_DEPTH) return next(new HttpError(400, 'invalid_body', `The body is nested deeper than ${MAX_BODY_DEPTH} levels.`, '/'));
      next();
    });
  });

  v1.post('/reviews', async (req, res) => {
    const body = req.body as unknown;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'invalid_body', 'The body must be a JSON object.', '/');
    const kind = bodyKind(body);
    if (!kind) throw new HttpError(400, 'invalid_body', 'The body must be a bundle (html, mjml or text) or an AWS SES / Tencent Cloud SES template (Template, TemplateContent).', '/html');
    const b = body as Record<string, any>;
    const v = kind === 'aws' && !b.Template && b.TemplateContent ? byKind.awsV2 : byKind[kind];
    const invalid = v(body);
    if (invalid) throw validationError(invalid, 'body');
    const profile: string = b.profile ?? (kind === 'bundle' ? b.meta?.profile : undefined) ?? 'core';
    if (!deps.profileExists(profile)) throw new HttpError(400, 'invalid_body', `Invalid body: /profile: no profile named '${profile}'.`, '/profile');
    const idem = req.get('idempotency-key');
    if (idem !== undefined && (idem.length === 0 || idem.length > 200)) throw new HttpError(400, 'invalid_header', 'Idempotency-Key must be 1 to 200 characters.', 'Idempotency-Key');
    let waitMs = intParam(req.query.wait, 'wait', 0, maxWait, 0);
    // The body's UTF-8 bytes as received are hashed and stored as they are: no decoding and encoding again.
    const raw = req.rawBody ?? JSON.stringify(body);
    const bodyHash = sha256(raw);
    // At most 200 characters (code points, as the schema counts them): slicing UTF-16 units halved a name of emoji.
    const name = Array.from(String((kind === 'bundle' ? b.name : (b.Template?.TemplateName ?? b.TemplateName)) ?? 'template').slice(0, 400)).slice(0, 200).join('');
    const tenantId = req.key!.tenantId;
    // A body this tenant had reviewed before: stored finished with the earlier result, announced as usual.
    const cacheKey = ResultCache.key(tenantId, profile, bodyHash);
    let hit = cache?.get(cacheKey);
    const first = hit || !cache ? undefined : inflight.get(cacheKey);
    if (first && waitMs > 0) {
      // Not stored yet: if the first review does not finish within ?wait, this one is stored and queued after it.
      const started = Date.now();
      const r = await waitForReview(store, signal, tenantId, first, waitMs, deps.closing);
      waitMs = Math.max(0, waitMs - (Date.now() - started));
      if (r?.status === 'done') hit = await cachedResult(r);
      if (!r || r.status === 'done' || r.status === 'failed') inflight.delete(cacheKey);
    }
    const now = Date.now();
    const id = newId('rev', now);
    const outbox = hit ? ((await deps.webhooks?.prepare(tenantId, 'review.completed', id, completedData({ verdict: hit.verdict, summary: hit.summary, profile, name }))) ?? []) : [];
    const reuse = hit && { resultOf: hit.reviewId, verdict: hit.verdict, reviewMs: hit.reviewMs, finishedAt: now, ...(hit.summary !== undefined ? { summary: hit.summary } : {}) };
    // Its body is the shared review's (same tenant and bytes): not stored twice.
    const { review, created } = await store.createReview({ id, tenantId, body: hit ? '' : raw, kind, profile, name, bodyHash, createdAt: now, ...(idem !== undefined ? { idempotencyKey: idem } : {}), ...(reuse ? { reuse } : {}) }, outbox);
    if (!created) {
      if (review.bodyHash !== bodyHash) throw new HttpError(409, 'idempotency_conflict', 'This Idempotency-Key was used with a different body.', 'Idempotency-Key');
      res.set('Idempotent-Replayed', 'true');
    } else if (hit) {
      metrics.verdicts.inc({ profile, verdict: hit.verdict });
      metrics.resultCacheHits.inc();
      if (outbox.length) deps.webhooks?.kick();
    }
    let watch: ReviewWatch | undefined;
    if (created && !hit) {
      // Watched before it is queued, so its end cannot come unseen: the wait below needs no first read.
      if (waitMs > 0) watch = watchReview(signal, review.id, deps.closing);
      try {
        await queue.enqueue(review.id);
      } catch (e) {
        watch?.stop();
        throw e;
      }
      if (cache && !inflight.has(cacheKey)) {
        if (inflight.size >= 10_000) inflight.clear();
        inflight.set(cacheKey, review.id);
      }
    }
    const location = `/v1/reviews/${review.id}`;
    res.set('Location', location);
    if (created && hit) return sendReview(res, review, []);
    const finished = waitMs > 0 ? await waitForReview(store, signal, review.tenantId, review.id, waitMs, deps.closing, watch && { watch, known: review }) : review;
    // A review this request stored and saw finish a moment ago has no human decision yet (one can only be
    // made once it is finished): its answer is the state as it finished, without reading decisions back.
    if (finished && (finished.status === 'done' || finished.status === 'failed')) return sendReview(res, finished, created ? [] : undefined);
    res.status(202).json(reviewSummary(finished ?? review));
  });

  v1.get('/reviews', async (req, res) => {
    const f: ReviewFilter = { limit: intParam(req.query.limit, 'limit', 1, 200, 50) };
    const verdict = pick(req.query.verdict, 'verdict', ['approved', 'needs_review', 'rejected'] as const);
    const humanVerdict = pick(req.query.humanVerdict, 'humanVerdict', ['approved', 'rejected', 'none'] as const);
    const status = pick(req.query.status, 'status', ['queued', 'running', 'done', 'failed'] as const);
    const profile = strParam(req.query.profile, 'profile');
    const createdFrom = parseTime(req.query.createdFrom, 'createdFrom');
    const createdTo = parseTime(req.query.createdTo, 'createdTo');
    const cursor = strParam(req.query.cursor, 'cursor');
    Object.assign(f, verdict && { verdict }, humanVerdict && { humanVerdict }, status && { status }, profile && { profile }, createdFrom !== undefined && { createdFrom }, createdTo !== undefined && { createdTo }, cursor && { before: cursor });
    const rows = await store.listReviews(req.key!.tenantId, { ...f, limit: f.limit + 1 });
    const items = rows.slice(0, f.limit);
    res.json({ items: items.map(reviewSummary), ...(rows.length > f.limit ? { next: items[items.length - 1]!.id } : {}) });
  });

  const reviewOr404 = async (tenantId: string, id: string) => {
    const r = id.length <= 100 ? await store.getReview(tenantId, id) : undefined;
    if (!r) throw new HttpError(404, 'not_found', `No review ${id.slice(0, 100)}.`);
    return r;
  };

  v1.get('/reviews/:id', async (req, res) => {
    const r = await reviewOr404(req.key!.tenantId, req.params.id!);
    await sendReview(res, r);
  });

  const decide = async (key: KeyRecord, id: string, body: unknown): Promise<Decision> => {
    const invalid = validDecision(body);
    if (invalid) throw validationError(invalid, 'decision');
    const r = await reviewOr404(key.tenantId, id);
    if (r.status !== 'done' && r.status !== 'failed') throw new HttpError(409, 'not_finished', `Review ${r.id} is ${r.status}: decide once the machine review has finished.`);
    const b = body as { verdict: 'approved' | 'rejected'; note: string };
    const d: Decision = { id: newId('dec'), reviewId: r.id, tenantId: key.tenantId, verdict: b.verdict, note: b.note, actor: `key:${key.prefix}…(${key.id})`, createdAt: Date.now() };
    const outbox = (await deps.webhooks?.prepare(key.tenantId, 'review.decided', r.id, { verdict: r.verdict, humanVerdict: d.verdict, note: d.note, actor: d.actor })) ?? [];
    await store.addDecision(d, outbox);
    if (outbox.length) deps.webhooks?.kick();
    return d;
  };

  v1.post('/reviews/:id/decision', async (req, res) => {
    const d = await decide(req.key!, req.params.id!, req.body);
    res.status(201).json(decisionJson(d));
  });

  v1.post('/webhooks', async (req, res) => {
    const invalid = validWebhook(req.body);
    if (invalid) throw validationError(invalid, 'webhook');
    const b = req.body as { url: string; events?: string[] };
    const w: Webhook = { id: newId('whk'), tenantId: req.key!.tenantId, url: b.url, secret: `whsec_${randomBytes(24).toString('base64url')}`, events: b.events ?? ['review.completed', 'review.failed', 'review.decided'], createdAt: Date.now() };
    await store.createWebhook(w);
    res.status(201).json({ ...webhookJson(w), secret: w.secret });
  });
  v1.get('/webhooks', async (req, res) => {
    res.json({ items: (await store.webhooks(req.key!.tenantId)).map(webhookJson) });
  });
  v1.get('/webhooks/deliveries', async (req, res) => {
    const lim = intParam(req.query.limit, 'limit', 1, 200, 50);
    const status = pick(req.query.status, 'status', ['pending', 'delivered', 'failed'] as const);
    const reviewId = strParam(req.query.reviewId, 'reviewId');
    const cursor = strParam(req.query.cursor, 'cursor');
    const rows = await store.deliveries(req.key!.tenantId, { limit: lim + 1, ...(status ? { status } : {}), ...(reviewId ? { reviewId } : {}), ...(cursor ? { before: cursor } : {}) });
    const items = rows.slice(0, lim);
    res.json({ items: items.map(deliveryJson), ...(rows.length > lim ? { next: items[items.length - 1]!.id } : {}) });
  });
  v1.post('/webhooks/deliveries/:id/replay', async (req, res) => {
    const d = req.params.id!.length <= 100 ? await store.getDelivery(req.key!.tenantId, req.params.id!) : undefined;
    if (!d) throw new HttpError(404, 'not_found', `No delivery ${req.params.id!.slice(0, 100)}.`);
    if (!deps.webhooks) throw new HttpError(503, 'unavailable', 'Webhooks are not running in this process.');
    res.status(202).json(deliveryJson(await deps.webhooks.replay(d)));
  });

  app.use('/v1', v1);
  app.use(createPage({ store, authenticate, decide, secureCookies: deps.secureCookies ?? false, ...(deps.previews ? { previews: deps.previews } : {}) }));

  app.use((_req, _res, next) => next(new HttpError(404, 'not_found', 'No such route.')));
  app.use((err: any, _req: Request, res: Response, _next: NextFunction) => {
    let e: HttpError;
    if (err instanceof HttpError) e = err;
    else if (err?.type === 'entity.too.large') e = new HttpError(413, 'payload_too_large', `The body is over the ${deps.bodyLimit ?? '2mb'} limit.`);
    else if (err?.type === 'entity.parse.failed') e = new HttpError(400, 'invalid_json', `The body is not valid JSON: ${String(err.message).slice(0, 200)}`, '/');
    else if (err?.type === 'encoding.unsupported' || err?.type === 'charset.unsupported') e = new HttpError(415, 'unsupported_media_type', String(err.message));
    else if (typeof err?.status === 'number' && err.status >= 400 && err.status < 500) e = new HttpError(err.status, 'bad_request', String(err.message ?? 'Bad request'));
    else {
      console.error('inboxlint serve: internal error:', err);
      e = new HttpError(500, 'internal', 'Internal error.');
    }
    res.status(e.status).set(e.headers).json({ error: { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) } });
  });
  return app;
}

export { HttpError };
