/**
 * Reviewing many templates in one run: on worker threads (one Engine per thread) when the batch is large
 * enough to pay for starting them, in this thread otherwise, and with --check-urls (one probe port must
 * see every URL of the run so each is fetched once). Results come back in the order of the files, as they
 * finish, with at most a window of reviews in flight: a run's memory does not grow with its size as long
 * as the caller does not keep the reports (the streaming formats do not, see src/format/stream.ts).
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Piscina } from 'piscina';
import type { Report } from '../core/types.js';
import type { TemplateSource } from '../core/source.js';
import { loadBundle } from './bundle.js';
import type { Engine, EngineOptions } from './engine.js';
import { workerFile } from './worker-file.js';
import type { BatchTask } from './batch-worker.js';

/** One file's outcome. */
export interface BatchItem {
  file: string;
  /** The report (without the parse tree); absent when the file holds no template or could not be read. */
  report?: Report;
  /** Rule failures and load errors, as lines for stderr (`path: what`). */
  internal: string[];
}

export interface BatchOptions {
  cwd: string;
  /** The run's engine (reviews in this thread use it; threads build their own from `engineOptions`). */
  engine: Engine;
  /** Options to build the same engine on a thread; undefined keeps every review in this thread (probes). */
  engineOptions?: EngineOptions;
  /** Review threads (default: $INBOXLINT_THREADS, else one less than the machine's cores; 0 or 1: this thread only). */
  threads?: number;
  /** Fewer files than this are reviewed in this thread: starting threads costs ~0.3 s each. */
  minFilesForThreads?: number;
  /** Texts that stand in for files (a template read from stdin); see LoadOptions.overlay. */
  overlay?: ReadonlyMap<string, string>;
  /** Reports of unchanged templates (--cache): looked up before a review, stored after a clean one. */
  cache?: ReportCache;
  /** Replaces the review of one file, in this thread only (--fix: passes that write files). */
  reviewOne?: (file: string, load: (file: string) => Promise<TemplateSource | undefined>) => Promise<BatchItem>;
}

export interface ReportCache {
  get(file: string, source: TemplateSource): Report | undefined;
  set(file: string, source: TemplateSource, report: Report): void;
}

/** Reviews one file with `engine`; never throws (failures become internal-error lines). */
export async function reviewFile(engine: Engine, file: string, cwd: string, load: (file: string) => Promise<TemplateSource | undefined>, cache?: ReportCache): Promise<BatchItem> {
  try {
    const src = await load(file);
    if (!src) return { file, internal: [] };
    const hit = cache?.get(file, src);
    if (hit) return { file, report: hit, internal: [] };
    const r = await engine.review(src);
    const { doc: _doc, internalErrors, ...report } = r;
    if (cache && !internalErrors.length) cache.set(file, src, report);
    return { file, report, internal: internalErrors.map((e) => `${r.path}: rule ${e.ruleId} failed: ${e.message}`) };
  } catch (e) {
    return { file, internal: [`${path.relative(cwd, file)}: ${(e as Error).message}`] };
  }
}

/**
 * One review thread fewer than the machine has cores: a review thread keeps more than one core busy, V8's
 * garbage collector and optimising compiler running beside it on threads of their own. On 2 cores a second
 * review thread made runs slower and larger (`node bench/batch.js --threads 1|2`, load ~1: 1,000 templates
 * 4.7 s / 181 MB on one, 5.7 s / 261 MB on two; 10,000 templates 31.3 s either way, 273 against 333 MB).
 */
function defaultThreads(): number {
  return Math.max(1, availableParallelism() - 1);
}

/** The files' reviews, in the files' order. */
export async function* reviewBatch(files: string[], o: BatchOptions): AsyncGenerator<BatchItem> {
  const fromEnv = process.env.INBOXLINT_THREADS;
  const threads = o.threads ?? (fromEnv !== undefined && /^\d+$/.test(fromEnv) ? Number(fromEnv) : defaultThreads());
  const useThreads = o.engineOptions !== undefined && !o.reviewOne && threads > 1 && files.length >= (o.minFilesForThreads ?? 64);
  let pool: Piscina | undefined;
  const listings = new Map<string, Promise<Set<string>>>();
  // This thread reads every file of the run and reviews too: synchronous reads cost it less (read.ts).
  const load = (file: string) => loadBundle(file, { cwd: o.cwd, listings, syncReads: true, ...(o.overlay ? { overlay: o.overlay } : {}) });
  const here = o.reviewOne ? (file: string) => o.reviewOne!(file, load) : (file: string) => reviewFile(o.engine, file, o.cwd, load, o.cache);
  let review = here;
  // Reviews are CPU-bound; a few in flight overlap file reads with reviewing.
  let window = 4;
  if (useThreads) {
    // This thread reviews too (it has the engine already): threads - 1 more, so a run costs one V8 heap
    // and one engine less than a pool of `threads`. Their young generation is kept small: a review's
    // garbage is short-lived, and the default semi-spaces add tens of MB of RSS per thread.
    const extra = threads - 1;
    // piscina is loaded only for a run that uses threads (start-up of a small run).
    const { Piscina } = await import('piscina');
    pool = new Piscina({ filename: workerFile(import.meta.url, 'node/batch-worker.js'), minThreads: extra, maxThreads: extra, idleTimeout: 1000, resourceLimits: { maxYoungGenerationSizeMb: 16 } });
    const engine = o.engineOptions!;
    let mine = 0;
    review = async (file) => {
      // At most two here (one reviewing, one being read); the rest go to the threads — unless the threads
      // have not taken the ones they were given yet (they are still starting: loading modules, the packs,
      // the model). Then this thread goes on reviewing, instead of waiting, in file order, for a result
      // the threads have not begun (a run of 100 templates took 3.5 s on two threads, 1.4 s on one).
      if (mine < 2 || pool!.queueSize > 0) {
        mine++;
        try {
          return await here(file);
        } finally {
          mine--;
        }
      }
      // Files are read here, ahead of the threads; the threads only review.
      const source = await load(file);
      if (!source) return { file, internal: [] };
      const hit = o.cache?.get(file, source);
      if (hit) return { file, report: hit, internal: [] };
      const item = (await pool!.run({ file, source, cwd: o.cwd, engine } satisfies BatchTask)) as BatchItem;
      if (o.cache && item.report && !item.internal.length) o.cache.set(file, source, item.report);
      return item;
    };
    // Enough in flight that no thread waits for a file to be read; few enough that memory stays flat.
    window = 2 + extra * 6;
  }
  const pending: Promise<BatchItem>[] = [];
  let next = 0;
  try {
    while (next < files.length || pending.length) {
      while (next < files.length && pending.length < window) {
        const file = files[next++]!;
        pending.push(review(file).catch((e: unknown) => ({ file, internal: [`${path.relative(o.cwd, file)}: ${(e as Error)?.message ?? String(e)}`] })));
      }
      yield await pending.shift()!;
    }
  } finally {
    await Promise.allSettled(pending);
    await pool?.destroy();
  }
}
