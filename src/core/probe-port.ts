/**
 * The port through which the core asks for network facts (image and link reachability).
 * The core never does I/O: a host (CLI, service) passes an implementation from src/probe/.
 */
export type ProbeKind = 'image' | 'link';

export interface ProbeRequest {
  url: string;
  kind: ProbeKind;
}

/**
 * ok       the resource answered as expected
 * broken   definitely wrong: 404/410, HTML or empty body at an image URL, bad signature, DNS failure...
 * unknown  could not tell: 403, 429, 5xx, timeout, time budget exhausted (never a rejection)
 * refused  not fetched on purpose: SSRF guard, unsupported scheme
 */
export type ProbeStatus = 'ok' | 'broken' | 'unknown' | 'refused';

export type ProbeCode =
  | 'ok'
  | 'http-error'
  | 'not-image'
  | 'signature-mismatch'
  | 'empty-body'
  | 'too-large'
  | 'timeout'
  | 'budget-exhausted'
  | 'rate-limited'
  | 'forbidden'
  | 'server-error'
  | 'too-many-redirects'
  | 'dns-error'
  | 'network-error'
  | 'ssrf-refused'
  | 'bad-scheme';

export interface ProbeResult {
  url: string;
  kind: ProbeKind;
  status: ProbeStatus;
  code: ProbeCode;
  /** One sentence a user understands: "HTTP 404 Not Found", "refused: 10.0.0.1 is a private address". */
  reason: string;
  httpStatus?: number;
  contentType?: string;
  /** Content-Length, or bytes read when the body was read. */
  bytes?: number;
  /** Image format recognised from the first bytes ("png", "jpeg", "gif", "webp", "svg", ...). */
  format?: string;
  finalUrl?: string;
  /** Each hop: the URL that answered with a redirect and its status. */
  redirects: { url: string; status: number }[];
  /** The last redirect ended on http: or on another host than the one requested. */
  redirectedToHttp?: boolean;
  redirectedToOtherHost?: boolean;
  /** Large image (over the configured warning size). */
  large?: boolean;
  fromCache?: boolean;
}

export interface ProbePort {
  /** Check each URL once; results keyed by URL. Implementations dedupe and cache across calls. */
  probe(requests: ProbeRequest[]): Promise<Map<string, ProbeResult>>;
}
