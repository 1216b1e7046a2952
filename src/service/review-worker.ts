/**
 * The piscina worker: one Reviewer (one Engine) per thread, reviewing request bodies off the event loop.
 * Runs from dist/ (see pool.ts).
 *
 * It answers with the result already serialised: the stored result as UTF-8 JSON in an ArrayBuffer that is
 * transferred, not copied, to the main thread (which binds those bytes as they are, with no string
 * flattening or encoding on the event loop); the response's part of it (resultFragment) is the same bytes
 * without the enclosing braces, which answers ?wait requests from the result cache. Neither a structured
 * clone of a large object graph or string nor a read-back, parse and re-serialisation on the event loop.
 *
 * The samples rendered for the review page (previews) are a task of their own, asked for when a reviewer
 * opens a review: not serialised, transferred and stored with every review (see docs/service.md).
 */
import { bodyKind, createReviewer, sourceFromBody, withoutFileTexts, type Preview, type Reviewer, type ReviewerOptions, type ReviewOutput, type ReviewTarget } from './review-adapter.js';
import type { Verdict } from '../index.js';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { resultFragment, storedResultBytes } from './result-cache.js';

let reviewer: Reviewer | undefined;
/** Renders previews when reviews probe URLs (--check-urls): rendering needs no probes. */
let renderer: Reviewer | undefined;

export interface ReviewTask {
  body: string;
  profile?: string;
  options: ReviewerOptions;
  /** Render the samples for the review page (answers Preview[]) instead of reviewing. */
  previews?: true;
}

/** A finished review as it crosses back to the main thread. */
export interface WorkerOutput {
  /** The stored result ({report, internalErrors}) as UTF-8 JSON (storedResultBytes): `{` + resultFragment + `}`. */
  result: Uint8Array;
  verdict: Verdict;
  /** The decision's one-line summary (stored beside the verdict for listings and webhooks). */
  summary: string;
  reviewMs: number;
}

function output(out: ReviewOutput): WorkerOutput {
  const bytes = storedResultBytes(resultFragment({ ...out, report: withoutFileTexts(out.report) }));
  const value: WorkerOutput = { result: bytes, verdict: out.report.decision.verdict, summary: out.report.decision.summary, reviewMs: out.reviewMs };
  // piscina posts a "movable" answer with its buffer in the transfer list: the bytes are moved, not copied.
  return move({ [transferableSymbol]: [bytes.buffer], [valueSymbol]: value } as never) as unknown as WorkerOutput;
}

function target(task: ReviewTask): ReviewTarget {
  const body = JSON.parse(task.body) as Record<string, unknown>;
  const kind = bodyKind(body);
  if (!kind) throw new Error('the stored body is not a template');
  return sourceFromBody(body, kind, task.profile);
}

export default async function run(task: ReviewTask): Promise<WorkerOutput | Preview[]> {
  reviewer ??= createReviewer(task.options);
  // Warm-up task (pool start): load the engine and compile the packs before the first real review.
  if (task.body === '') return output(await reviewer.review(sourceFromBody({ html: '<p>{{name}}</p>', text: 'Hi', subject: 'Hi', data: { name: 'x' } }, 'bundle')));
  if (task.previews) return (task.options.checkUrls ? (renderer ??= createReviewer()) : reviewer).previews(target(task));
  return output(await reviewer.review(target(task)));
}
