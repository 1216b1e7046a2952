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
  reviewMs: number;
  /** `"report":…,"internalErrors":…`: the result's part of a review response, serialised once. */
  fragment: string;
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
    if (old) this.bytes -= old.fragment.length * 2;
    this.entries.delete(key);
    if (e.fragment.length * 2 > this.maxBytes / 8) return; // one huge report would push out everything else
    this.entries.set(key, e);
    this.bytes += e.fragment.length * 2;
    for (const [k, v] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.fragment.length * 2;
    }
  }
}

/** The part of a review response that comes from its stored result (see reviewJson in app.ts). */
export function resultFragment(result: Pick<ReviewResult, 'report' | 'internalErrors'>): string {
  return `"report":${JSON.stringify(result.report)},"internalErrors":${JSON.stringify(result.internalErrors)}`;
}

/** The stored result ({report, internalErrors, previews}) as JSON, from its response part and the previews' JSON. */
export const storedResult = (fragment: string, previews: string): string => `{${fragment},"previews":${previews}}`;
