/**
 * One URL check over HTTP(S) with undici, behind the SSRF guard.
 *
 * - Every hop (the URL and each redirect target) goes through checkUrlTarget first.
 * - The connection goes to the address the guard validated: the agent's connect.lookup answers from
 *   the pins the guard just set (and re-validates when it has no pin), so DNS cannot change the
 *   answer between check and connect. The URL is not rewritten, so Host and TLS SNI stay the name.
 * - Links: HEAD, then GET when HEAD gets an odd answer. Images: one GET, reading only the first
 *   bytes (or, without Content-Length, at most largeImageBytes + 1 to measure), then abort.
 * - Redirects are followed by hand, at most maxRedirects.
 */
import { STATUS_CODES } from 'node:http';
import { createRequire } from 'node:module';
import { rootCertificates } from 'node:tls';
import { Agent, request, type Dispatcher } from 'undici';
import type { ProbeCode, ProbeKind, ProbeResult, ProbeStatus } from '../core/probe-port.js';
import { checkUrlTarget, classifyAddress, defaultLookup, type LookupAddress, type LookupFn } from './ssrf.js';
import { looksLikeHtml, sniffImage, SNIFF_BYTES } from './sniff.js';

function packageVersion(): string {
  try {
    // src/probe/http.ts and dist/probe/http.js are both two levels below package.json.
    return (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

export const USER_AGENT = `inboxlint/${packageVersion()} (+link-check)`;
export const DEFAULT_LARGE_IMAGE_BYTES = 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;
export const DEFAULT_TIMEOUT_MS = 10_000;

export interface ProbeAgent {
  dispatcher: Dispatcher;
  /** Makes the next connections to `hostname` go to these (already validated) addresses. */
  pin(hostname: string, addresses: LookupAddress[]): void;
  close(): Promise<void>;
}

export interface ProbeAgentOptions {
  allowPrivate?: boolean;
  lookup?: LookupFn;
  timeoutMs?: number;
  /** Extra CA certificates (PEM) trusted besides Node's bundled roots: an intranet CA, or tests. */
  extraCa?: string[];
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address?: string | LookupAddress[], family?: number) => void;

/** An undici Agent whose connections only go to addresses the SSRF guard accepted. */
export function createProbeAgent(options: ProbeAgentOptions = {}): ProbeAgent {
  const pins = new Map<string, LookupAddress[]>();
  const resolve = options.lookup ?? defaultLookup;
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  const guardedLookup = (hostname: string, opts: { family?: number | string; all?: boolean }, callback: LookupCallback): void => {
    const answer = (addresses: LookupAddress[]): void => {
      const family = opts.family === 'IPv6' ? 6 : opts.family === 'IPv4' ? 4 : Number(opts.family ?? 0);
      const wanted = family ? addresses.filter((a) => a.family === family) : addresses;
      const list = wanted.length > 0 ? wanted : addresses;
      if (opts.all) callback(null, list);
      else callback(null, list[0]!.address, list[0]!.family);
    };
    const pinned = pins.get(hostname.toLowerCase());
    if (pinned && pinned.length > 0) {
      answer(pinned);
      return;
    }
    // No pin (should not happen: checkUrl pins before every request): resolve and validate here.
    resolve(hostname).then(
      (addresses) => {
        const bad = options.allowPrivate ? undefined : addresses.map((a) => classifyAddress(a.address)).find((c) => !c.public);
        if (addresses.length === 0) callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }));
        else if (bad) callback(Object.assign(new Error(`refused: ${hostname} resolves to ${bad.address}, ${bad.label}`), { code: 'ESSRF' }));
        else answer(addresses);
      },
      (error: NodeJS.ErrnoException) => callback(error),
    );
  };

  const agent = new Agent({
    connect: {
      lookup: guardedLookup as any,
      timeout,
      ...(options.extraCa?.length ? { ca: [...rootCertificates, ...options.extraCa] } : {}),
    },
    headersTimeout: timeout,
    bodyTimeout: timeout,
    keepAliveTimeout: 4_000,
  });
  return {
    dispatcher: agent,
    pin(hostname, addresses) {
      pins.set(hostname.toLowerCase(), addresses);
    },
    close: () => agent.close(),
  };
}

export interface CheckUrlOptions {
  kind: ProbeKind;
  agent: ProbeAgent;
  allowPrivate?: boolean;
  lookup?: LookupFn;
  timeoutMs?: number;
  /** Aborts everything when the port's time budget is spent. */
  budgetSignal?: AbortSignal;
  maxRedirects?: number;
  largeImageBytes?: number;
  userAgent?: string;
  /** Called for every HTTP request sent (counting, tests). */
  onRequest?: (method: 'HEAD' | 'GET', url: string) => void;
}

/** HEAD answers after which a link is retried with GET (servers that mishandle HEAD). */
function headIsOdd(status: number): boolean {
  if (status >= 200 && status < 400) return false;
  return status !== 404 && status !== 410 && status !== 429;
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

function header(headers: Dispatcher.ResponseData['headers'], name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function statusText(status: number): string {
  return `HTTP ${status}${STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : ''}`;
}

function withoutHash(url: URL): URL {
  const copy = new URL(url.href);
  copy.hash = '';
  return copy;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT']);

function errorCode(error: unknown): string | undefined {
  let e: any = error;
  for (let depth = 0; e && depth < 4; depth++, e = e.cause) {
    if (typeof e.code === 'string') return e.code;
  }
  return undefined;
}

interface Outcome {
  status: ProbeStatus;
  code: ProbeCode;
  reason: string;
}

/** Maps a thrown error to a result, knowing which of our signals (if any) fired. */
function classifyError(error: unknown, timedOut: boolean, budgetSpent: boolean, timeoutMs: number): Outcome {
  if (budgetSpent) return { status: 'unknown', code: 'budget-exhausted', reason: 'not checked: the time budget for URL checks ran out' };
  const code = errorCode(error);
  if (timedOut || (code && TIMEOUT_CODES.has(code))) {
    return { status: 'unknown', code: 'timeout', reason: `not checked: no answer within ${timeoutMs / 1000} s` };
  }
  if (code === 'ESSRF') return { status: 'refused', code: 'ssrf-refused', reason: (error as Error).message };
  // A failure of the checker (no DNS, no route, nothing listening: typical of a machine without network)
  // says nothing about the URL: "not checked", never "broken" (and never cached, see cache.ts).
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { status: 'unknown', code: 'dns-error', reason: `not checked: DNS lookup failed (${code})` };
  if (code && NETWORK_CODES.has(code)) {
    const what = code === 'ECONNREFUSED' ? 'connection refused' : code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' ? 'connection reset' : 'network error';
    return { status: 'unknown', code: 'network-error', reason: `not checked: ${what} (${code})` };
  }
  if (code && /CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) {
    return { status: 'broken', code: 'network-error', reason: `TLS error (${code})` };
  }
  return { status: 'unknown', code: 'network-error', reason: `request failed (${code ?? (error as Error)?.message ?? String(error)})` };
}

/** Reads the first bytes of a body; without Content-Length, measures up to `measureLimit` bytes. */
async function readPrefix(
  body: Dispatcher.ResponseData['body'],
  measure: boolean,
  measureLimit: number,
): Promise<{ head: Uint8Array; read: number; ended: boolean }> {
  const chunks: Buffer[] = [];
  let kept = 0;
  let read = 0;
  let ended = true;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    read += chunk.length;
    if (kept < SNIFF_BYTES) {
      chunks.push(chunk);
      kept += chunk.length;
    }
    if ((!measure && kept >= SNIFF_BYTES) || (measure && read > measureLimit)) {
      ended = false;
      break; // leaving the loop destroys the stream: nothing more is downloaded
    }
  }
  const head = Buffer.concat(chunks).subarray(0, SNIFF_BYTES);
  return { head, read, ended };
}

/** Decides an image response (2xx GET): Content-Type, signature, size. */
async function judgeImage(
  res: Dispatcher.ResponseData,
  base: Omit<ProbeResult, 'status' | 'code' | 'reason'>,
  largeImageBytes: number,
): Promise<ProbeResult> {
  const contentType = header(res.headers, 'content-type');
  const mime = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  const lengthHeader = header(res.headers, 'content-length');
  const declared = lengthHeader !== undefined && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : undefined;

  let head: Uint8Array = new Uint8Array();
  let bytes = declared;
  let large = declared !== undefined && declared > largeImageBytes;
  if (declared === 0) {
    await res.body.dump();
  } else {
    const prefix = await readPrefix(res.body, declared === undefined, largeImageBytes);
    head = prefix.head;
    if (declared === undefined) {
      bytes = prefix.read;
      large = !prefix.ended;
    }
  }
  if (head.length === 0) {
    return { ...base, bytes: 0, status: 'broken', code: 'empty-body', reason: 'the image URL answers with an empty body' };
  }
  const format = sniffImage(head);
  const html = looksLikeHtml(head);
  const withSize = { ...base, ...(bytes !== undefined ? { bytes } : {}) };
  if (!mime.startsWith('image/')) {
    const what = mime === 'text/html' || (html && !format) ? 'an HTML page' : `${contentType ? `Content-Type ${mime}` : 'no Content-Type'}`;
    return { ...withSize, ...(format ? { format } : {}), status: 'broken', code: 'not-image', reason: `not an image: the URL returns ${what}` };
  }
  if (!format) {
    const what = html ? 'the bytes are an HTML page' : 'the bytes match no known image format';
    return { ...withSize, status: 'broken', code: 'signature-mismatch', reason: `Content-Type says ${mime} but ${what}` };
  }
  if (large) {
    const size = bytes !== undefined ? `${Math.round(bytes / 1024)} KB` : 'size unknown';
    return {
      ...withSize,
      format,
      large: true,
      status: 'ok',
      code: 'ok',
      reason: `${format} image, ${declared === undefined ? 'over ' : ''}${size} (over ${Math.round(largeImageBytes / 1024)} KB)`,
    };
  }
  return { ...withSize, format, status: 'ok', code: 'ok', reason: `${format} image${bytes !== undefined ? `, ${bytes} bytes` : ''}` };
}

function mapStatus(status: number): Outcome {
  const reason = statusText(status);
  if (status >= 200 && status < 300) return { status: 'ok', code: 'ok', reason };
  if (status === 401 || status === 403) return { status: 'unknown', code: 'forbidden', reason: `${reason}: the server would not let us check` };
  if (status === 429) return { status: 'unknown', code: 'rate-limited', reason: `${reason}: rate-limited, try later` };
  if (status >= 500) return { status: 'unknown', code: 'server-error', reason };
  if (status >= 400) return { status: 'broken', code: 'http-error', reason };
  return { status: 'unknown', code: 'http-error', reason: `${reason}: unexpected answer` };
}

/** Resolves like `promise`, or rejects with the signal's reason once it aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Checks one URL (following redirects) and returns its result. Never throws. */
export async function checkUrl(url: string, options: CheckUrlOptions): Promise<ProbeResult> {
  const { kind, agent } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const largeImageBytes = options.largeImageBytes ?? DEFAULT_LARGE_IMAGE_BYTES;
  const redirects: { url: string; status: number }[] = [];

  let start: URL;
  try {
    start = withoutHash(new URL(url));
  } catch {
    return { url, kind, redirects, status: 'refused', code: 'bad-scheme', reason: 'refused: not an absolute URL' };
  }
  const hopFlags = (current: URL) =>
    redirects.length > 0
      ? { redirectedToHttp: current.protocol === 'http:', redirectedToOtherHost: current.hostname !== start.hostname }
      : {};

  let current = start;
  for (;;) {
    const budget = options.budgetSignal;
    if (budget?.aborted) {
      return { url, kind, redirects, finalUrl: current.href, ...hopFlags(current), ...classifyError(undefined, false, true, timeoutMs) };
    }
    // One controller per hop, covering DNS and the request: aborted by our own timer or by the port's
    // budget. (Not AbortSignal.any, which leaks listeners on a long-lived signal on some Node 20s.)
    const controller = new AbortController();
    const signal = controller.signal;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error(`timeout after ${timeoutMs} ms`));
    }, timeoutMs);
    const onBudget = () => controller.abort(new Error('time budget exhausted'));
    budget?.addEventListener('abort', onBudget, { once: true });
    const hop = current;
    const send = (method: 'HEAD' | 'GET') => {
      options.onRequest?.(method, hop.href);
      return request(hop, {
        method,
        dispatcher: agent.dispatcher,
        signal,
        headers: {
          'user-agent': options.userAgent ?? USER_AGENT,
          accept: kind === 'image' ? 'image/avif,image/webp,image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5' : 'text/html,application/xhtml+xml,*/*;q=0.8',
          'accept-encoding': 'identity',
        },
      });
    };

    try {
      // getaddrinfo has no timeout of its own: the hop's signal bounds it.
      const target = await untilAborted(
        checkUrlTarget(current, { allowPrivate: options.allowPrivate ?? false, ...(options.lookup ? { lookup: options.lookup } : {}) }),
        signal,
      );
      if (!target.ok) {
        const via = redirects.length > 0 ? ` (after a redirect to ${current.href})` : '';
        const base = { url, kind, redirects, finalUrl: current.href, ...hopFlags(current) };
        // No DNS answer is a failure of the checker, not a fact about the URL (see classifyError).
        if (target.code === 'dns-error') return { ...base, status: 'unknown', code: 'dns-error', reason: `not checked: ${target.reason}${via}` };
        return { ...base, status: 'refused', code: target.code, reason: `${target.reason}${via}` };
      }
      agent.pin(target.hostname, target.addresses);

      let res = await send(kind === 'image' ? 'GET' : 'HEAD');
      if (kind === 'link' && headIsOdd(res.statusCode)) {
        await res.body.dump();
        res = await send('GET');
      }
      const status = res.statusCode;
      const location = header(res.headers, 'location');
      if (isRedirect(status) && location) {
        await res.body.dump();
        redirects.push({ url: current.href, status });
        let next: URL;
        try {
          next = withoutHash(new URL(location, current));
        } catch {
          return { url, kind, redirects, ...hopFlags(current), status: 'broken', code: 'http-error', reason: `redirect to an invalid URL (${location})` };
        }
        if (redirects.length > maxRedirects) {
          return {
            url,
            kind,
            redirects,
            finalUrl: next.href,
            ...hopFlags(next),
            status: 'broken',
            code: 'too-many-redirects',
            reason: `more than ${maxRedirects} redirects`,
          };
        }
        current = next;
        continue;
      }

      const contentType = header(res.headers, 'content-type');
      const lengthHeader = header(res.headers, 'content-length');
      const base = {
        url,
        kind,
        redirects,
        finalUrl: current.href,
        httpStatus: status,
        ...(contentType ? { contentType } : {}),
        ...hopFlags(current),
      };
      const outcome = mapStatus(status);
      if (outcome.status === 'ok' && kind === 'image') {
        return await judgeImage(res, base, largeImageBytes);
      }
      await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
      const bytes = lengthHeader !== undefined && /^\d+$/.test(lengthHeader) ? { bytes: Number(lengthHeader) } : {};
      return { ...base, ...bytes, ...outcome };
    } catch (error) {
      const outcome = classifyError(error, timedOut, budget?.aborted ?? false, timeoutMs);
      return { url, kind, redirects, finalUrl: current.href, ...hopFlags(current), ...outcome };
    } finally {
      clearTimeout(timer);
      budget?.removeEventListener('abort', onBudget);
    }
  }
}
