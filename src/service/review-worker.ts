/**
 * The piscina worker: one Reviewer (one Engine) per thread, reviewing request bodies off the event loop.
 * Runs from dist/ (see pool.ts).
 */
import { bodyKind, createReviewer, sourceFromBody, type Reviewer, type ReviewerOptions } from './review-adapter.js';
import type { ReviewOutput } from './review-adapter.js';

let reviewer: Reviewer | undefined;

export interface ReviewTask {
  body: string;
  profile?: string;
  options: ReviewerOptions;
}

export default async function run(task: ReviewTask): Promise<ReviewOutput> {
  reviewer ??= createReviewer(task.options);
  // Warm-up task (pool start): load the engine and compile the packs before the first real review.
  if (task.body === '') return reviewer.review(sourceFromBody({ html: '<p>{{name}}</p>', text: 'Hi', subject: 'Hi', data: { name: 'x' } }, 'bundle'));
  const body = JSON.parse(task.body) as Record<string, unknown>;
  const kind = bodyKind(body);
  if (!kind) throw new Error('the stored body is not a template');
  return reviewer.review(sourceFromBody(body, kind, task.profile));
}
