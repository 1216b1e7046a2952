/**
 * The piscina worker: one Reviewer (one Engine) per thread, reviewing request bodies off the event loop.
 * Runs from dist/ (see pool.ts).
 *
 * It answers with the result already serialised: the stored result as UTF-8 JSON (the main thread binds
 * those bytes as they are, with no string flattening or encoding on the event loop) and the response's
 * part of it as a string (resultFragment), which answers ?wait requests from the result cache. Neither a
 * structured clone of a large object graph nor a read-back, parse and re-serialisation on the event loop.
 */
import { bodyKind, createReviewer, sourceFromBody, type Reviewer, type ReviewerOptions, type ReviewOutput } from './review-adapter.js';
import type { Verdict } from '../index.js';
import { resultFragment, storedResult } from './result-cache.js';

let reviewer: Reviewer | undefined;

export interface ReviewTask {
  body: string;
  profile?: string;
  options: ReviewerOptions;
}

/** A finished review as it crosses back to the main thread. */
export interface WorkerOutput {
  /** `"report":…,"internalErrors":…` (resultFragment): the result's part of a review response. */
  fragment: string;
  /** The stored result ({report, internalErrors, previews}) as UTF-8 JSON. */
  result: Uint8Array;
  verdict: Verdict;
  reviewMs: number;
}

function output(out: ReviewOutput): WorkerOutput {
  const fragment = resultFragment(out);
  return { fragment, result: Buffer.from(storedResult(fragment, JSON.stringify(out.previews))), verdict: out.report.decision.verdict, reviewMs: out.reviewMs };
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
