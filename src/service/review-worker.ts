/**
 * The piscina worker: one Reviewer (one Engine) per thread, reviewing request bodies off the event loop.
 * Runs from dist/ (see pool.ts).
 *
 * It answers with the result already serialised: the stored result as UTF-8 JSON in an ArrayBuffer that is
 * transferred, not copied, to the main thread (which binds those bytes as they are, with no string
 * flattening or encoding on the event loop); the response's part of it (resultFragment) is a range of the
 * same bytes, which answers ?wait requests from the result cache. Neither a structured clone of a large
 * object graph or string nor a read-back, parse and re-serialisation on the event loop.
 */
import { bodyKind, createReviewer, sourceFromBody, type Reviewer, type ReviewerOptions, type ReviewOutput } from './review-adapter.js';
import type { Verdict } from '../index.js';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { resultFragment, storedResultBytes } from './result-cache.js';

let reviewer: Reviewer | undefined;

export interface ReviewTask {
  body: string;
  profile?: string;
  options: ReviewerOptions;
}

/** A finished review as it crosses back to the main thread. */
export interface WorkerOutput {
  /** The stored result ({report, internalErrors, previews}) as UTF-8 JSON (storedResultBytes). */
  result: Uint8Array;
  /** `result.subarray(1, fragmentEnd)` is `"report":…,"internalErrors":…` (resultFragment): the result's part of a review response. */
  fragmentEnd: number;
  verdict: Verdict;
  reviewMs: number;
}

function output(out: ReviewOutput): WorkerOutput {
  const { bytes, fragmentEnd } = storedResultBytes(resultFragment(out), JSON.stringify(out.previews));
  const value: WorkerOutput = { result: bytes, fragmentEnd, verdict: out.report.decision.verdict, reviewMs: out.reviewMs };
  // piscina posts a "movable" answer with its buffer in the transfer list: the ~100 KB are not copied.
  return move({ [transferableSymbol]: [bytes.buffer], [valueSymbol]: value } as never) as unknown as WorkerOutput;
}

export default async function run(task: ReviewTask): Promise<WorkerOutput> {
  reviewer ??= createReviewer(task.options);
  // Warm-up task (pool start): load the engine and compile the packs before the first real review.
  if (task.body === '') return output(await reviewer.review(sourceFromBody({ html: '<p>{{name}}</p>', text: 'Hi', subject: 'Hi', data: { name: 'x' } }, 'bundle')));
  const body = JSON.parse(task.body) as Record<string, unknown>;
  const kind = bodyKind(body);
  if (!kind) throw new Error('the stored body is not a template');
  return output(await reviewer.review(sourceFromBody(body, kind, task.profile)));
}
