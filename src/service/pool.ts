/** The review thread pool (piscina): reviews are CPU-bound and must not block the HTTP event loop. */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { ReviewerOptions } from './review-adapter.js';
import type { ReviewTask, WorkerOutput } from './review-worker.js';

/**
 * The compiled worker. Worker threads cannot load TypeScript, so when this module runs from src/ (tests
 * under vitest) the threads use dist/ — `npm run build` first, as the CLI tests do.
 */
export function workerFile(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const sibling = path.join(here, 'review-worker.js');
  if (existsSync(sibling)) return sibling;
  const built = path.resolve(here, '../../dist/service/review-worker.js');
  if (existsSync(built)) return built;
  throw new Error(`the review worker is not built (${built}): run npm run build`);
}

export interface ReviewPool {
  /** Loads the engine on every thread (a first review costs ~1 s of pack and rule loading). */
  warm(): Promise<void>;
  run(body: string, profile: string | undefined): Promise<WorkerOutput>;
  destroy(): Promise<void>;
  readonly threads: number;
}

export function createReviewPool(options: ReviewerOptions & { threads?: number } = {}): ReviewPool {
  const threads = options.threads ?? Math.max(1, availableParallelism());
  const { threads: _t, ...reviewerOptions } = options;
  const pool = new Piscina({ filename: workerFile(), minThreads: threads, maxThreads: threads, idleTimeout: 60_000 });
  return {
    threads,
    warm: async () => {
      await Promise.all(Array.from({ length: threads }, () => pool.run({ body: '', options: reviewerOptions } satisfies ReviewTask)));
    },
    run: (body, profile) => pool.run({ body, ...(profile ? { profile } : {}), options: reviewerOptions } satisfies ReviewTask),
    destroy: () => pool.destroy(),
  };
}
