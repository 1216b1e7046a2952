/** The review thread pool (piscina): reviews are CPU-bound and must not block the HTTP event loop. */
import { availableParallelism } from 'node:os';
import { workerFile } from '../node/worker-file.js';
import { Piscina } from 'piscina';
import type { Preview, ReviewerOptions } from './review-adapter.js';
import type { ReviewTask, WorkerOutput } from './review-worker.js';

export interface ReviewPool {
  /** Loads the engine on every thread (a first review costs ~1 s of pack and rule loading). */
  warm(): Promise<void>;
  run(body: string, profile: string | undefined): Promise<WorkerOutput>;
  /** The samples of a stored body rendered for the review page (a review of its own on a thread). */
  previews(body: string, profile: string | undefined): Promise<Preview[]>;
  destroy(): Promise<void>;
  readonly threads: number;
}

export function createReviewPool(options: ReviewerOptions & { threads?: number } = {}): ReviewPool {
  const threads = options.threads ?? Math.max(1, availableParallelism());
  const { threads: _t, ...reviewerOptions } = options;
  const pool = new Piscina({ filename: workerFile(import.meta.url, 'service/review-worker.js'), minThreads: threads, maxThreads: threads, idleTimeout: 60_000 });
  return {
    threads,
    warm: async () => {
      await Promise.all(Array.from({ length: threads }, () => pool.run({ body: '', options: reviewerOptions } satisfies ReviewTask)));
    },
    run: (body, profile) => pool.run({ body, ...(profile ? { profile } : {}), options: reviewerOptions } satisfies ReviewTask),
    previews: (body, profile) => pool.run({ body, ...(profile ? { profile } : {}), options: reviewerOptions, previews: true } satisfies ReviewTask),
    destroy: () => pool.destroy(),
  };
}
