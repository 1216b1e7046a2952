/**
 * The result cache: a review is a pure function of the body, the profile and the engine, so a body the
 * tenant submitted before (byte for byte, same profile) is answered with the earlier review's result,
 * without queueing or reviewing it again. The new review is stored finished, sharing the stored result
 * (`result_of`); its webhooks are sent as for any review. Kept in this process's memory (it starts empty,
 * so an upgraded engine never serves a result of the previous one), per tenant, bounded in entries and
 * bytes. Off with --check-urls: probe results change with time, so such reviews are always run.
 */
import type { Verdict } from '../index.js';
import type { ReviewResult } from './store/types.js';

export interface CachedResult {
  /** The review whose stored result is shared (its own resultOf, if it shared one). */
  reviewId: string;
  verdict: Verdict;
  /** The decision's one-line summary (undefined for results stored before it was kept). */
  summary?: string;
  reviewMs: number;
  /**
   * `"report":…,"internalErrors":…`: the result's part of a review response, serialised once, as UTF-8
   * bytes (off the V8 heap: no copying by the garbage collector, no encoding when a response is written).
   */
  fragment: Buffer;
}

export class ResultCache {
  private readonly entries = new Map<string, CachedResult>();
  private bytes = 0;
  hits = 0;

  constructor(
    private readonly maxEntries = 2000,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  static key(tenantId: string, profile: string, bodyHash: string): string {
    return `${tenantId}\u0000${profile}\u0000${bodyHash}`;
  }

  get(key: string): CachedResult | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    // Most recently used last (Map keeps insertion order).
    this.entries.delete(key);
    this.entries.set(key, e);
    this.hits++;
    return e;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  set(key: string, e: CachedResult): void {
    const old = this.entries.get(key);
    if (old) this.bytes -= old.fragment.length;
    this.entries.delete(key);
    if (e.fragment.length > this.maxBytes / 8) return; // one huge report would push out everything else
    this.entries.set(key, e);
    this.bytes += e.fragment.length;
    for (const [k, v] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.fragment.length;
    }
  }
}

/** The part of a review response that comes from its stored result (see reviewJson in app.ts). */
export function resultFragment(result: Pick<ReviewResult, 'report' | 'internalErrors'>): string {
  return `"report":${JSON.stringify(result.report)},"internalErrors":${JSON.stringify(result.internalErrors)}`;
}


const utf8 = new TextEncoder();

/**
 * The stored result ({report, internalErrors}) as JSON, `{<fragment>}`, in UTF-8 bytes in an ArrayBuffer
 * of their own (so a review thread can transfer it rather than copy it): the fragment is
 * `bytes.subarray(1, bytes.length - 1)`. TextEncoder.encodeInto into the exact size, since Buffer.from of
 * the concatenated text flattens it first and encodes non-ASCII text (a '£' in a finding) about three
 * times slower.
 */
export function storedResultBytes(fragment: string): Uint8Array {
  const bytes = new Uint8Array(Buffer.byteLength(fragment) + 2);
  bytes[0] = 0x7b; // {
  utf8.encodeInto(fragment, bytes.subarray(1, bytes.length - 1));
  bytes[bytes.length - 1] = 0x7d; // }
  return bytes;
}
