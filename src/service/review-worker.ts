/**
 * The piscina worker: one Reviewer (one Engine) per thread, reviewing request bodies off the event loop.
 * Runs from dist/ (see pool.ts).
 *
 * It answers with the result already serialised: the main thread stores that text as is, instead of
 * receiving a structured clone of a large object graph and serialising it again on the event loop.
 */
import { bodyKind, createReviewer, sourceFromBody, type Reviewer, type ReviewerOptions, type ReviewOutput } from './review-adapter.js';
import type { Verdict } from '../index.js';

let reviewer: Reviewer | undefined;

export interface ReviewTask {
  body: string;
  profile?: string;
  options: ReviewerOptions;
}

/** A finished review as it crosses back to the main thread. */
export interface WorkerOutput {
  /** The stored result ({report, previews, internalErrors}) as JSON. */
  result: string;
  verdict: Verdict;
  reviewMs: number;
}

function output(out: ReviewOutput): WorkerOutput {
  return { result: JSON.stringify({ report: out.report, previews: out.previews, internalErrors: out.internalErrors }), verdict: out.report.decision.verdict, reviewMs: out.reviewMs };
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
