/**
 * The piscina worker: one Reviewer (one Engine) per thread, reviewing request bodies off the event loop.
 * Runs from dist/ (see pool.ts).
 *
 * It answers with the result already serialised, in two strings (the response's part and the previews):
 * the main thread stores them joined as is and answers ?wait requests with the first (resultFragment),
 * instead of receiving a structured clone of a large object graph, or reading the stored result back,
 * parsing and re-serialising it on the event loop.
 */
import { bodyKind, createReviewer, sourceFromBody, type Reviewer, type ReviewerOptions, type ReviewOutput } from './review-adapter.js';
import type { Verdict } from '../index.js';
import { resultFragment } from './result-cache.js';

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
  /** The previews (for the review page) as JSON. */
  previews: string;
  verdict: Verdict;
  reviewMs: number;
}

function output(out: ReviewOutput): WorkerOutput {
  return { fragment: resultFragment(out), previews: JSON.stringify(out.previews), verdict: out.report.decision.verdict, reviewMs: out.reviewMs };
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
