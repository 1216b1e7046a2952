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
 * One review thread fewer than the machine has cores. A review thread keeps more than one core busy: V8's
 * optimising compiler (TurboFan, on V8's own threads) and garbage collector run beside it. 1,000 templates
 * on one review thread: 4.1 s of its CPU and 3.5 s on V8's threads, of which 70-80% is TurboFan compiling the
 * engine's functions (perf; 806 compiles). Every review thread is an isolate of its own that loads the
 * modules and compiles the engine again: its first ~500 templates cost ~3x what a warm one's do, ~1.7x up
 * to the 1,000th, and on 2 cores that warm-up takes the core a second review thread would use. Measured on 2
 * cores (`node bench/batch.js --threads 1,2`, the run given priority over the machine's other work, load
 * 5-9; one thread vs two): 1,000 templates 5.3 vs 5.3 s, 7.7 vs 9.2 s CPU, 183 vs 275 MB; 3,000 9.8 vs
 * 10.2 s; 5,000 15.5-15.9 vs 14.2-14.6 s, 219 vs 314 MB; 10,000 26.5-27.4 vs 21.0-21.4 s, 34 vs 39-40 s
 * CPU, 250-269 vs 349-356 MB. So on 2 cores a second review thread pays only in runs of several thousand
 * templates, at ~100 MB more: `INBOXLINT_THREADS=2` (or the `threads` option) chooses it.
 */
function defaultThreads(): number {
  return Math.max(1, availableParallelism() - 1);
}

/** The files' reviews, in the files' order. */
export async function* reviewBatch(files: string[], o: BatchOptions): AsyncGenerator<BatchItem> {
  const fromEnv = process.env.INBOXLINT_THREADS;
  const threads = o.threads ?? (fromEnv !== undefined && /^\d+$/.test(fromEnv) ? Number(fromEnv) : defaultThreads());
  const useThreads = o.engineOptions !== undefined && !o.reviewOne && threads > 1 && files.length >= (o.minFilesForThreads ?? 64);
  const listings = new Map<string, Promise<Set<string>>>();
  // This thread reads every file it reviews: synchronous reads cost it less (read.ts).
  const load = (file: string) => loadBundle(file, { cwd: o.cwd, listings, syncReads: true, ...(o.overlay ? { overlay: o.overlay } : {}) });
  const here = o.reviewOne ? (file: string) => o.reviewOne!(file, load) : (file: string) => reviewFile(o.engine, file, o.cwd, load, o.cache);
  const failed = (file: string, e: unknown): BatchItem => ({ file, internal: [`${path.relative(o.cwd, file)}: ${(e as Error)?.message ?? String(e)}`] });
  if (useThreads) {
    yield* reviewOnThreads(files, o, threads - 1, here, load, failed);
    return;
  }
  // Reviews are CPU-bound; a few in flight overlap file reads with reviewing (and --fix's writes).
  const window = 4;
  const pending: Promise<BatchItem>[] = [];
  let next = 0;
  try {
    while (next < files.length || pending.length) {
      while (next < files.length && pending.length < window) {
        const file = files[next++]!;
        pending.push(here(file).catch((e: unknown) => failed(file, e)));
      }
      yield await pending.shift()!;
    }
  } finally {
    await Promise.allSettled(pending);
  }
}

/** Files per task sent to a review thread, and tasks each thread holds (one reviewing, the next waiting). */
const CHUNK = 8;
const BACKLOG = 2;

/**
 * This thread and `extra` worker threads share the files. The threads take them in chunks of CHUNK, read
 * them themselves, and each holds BACKLOG chunks, so a thread never waits for this one (whose event loop
 * turns only between its own reviews) to hand it the next file. This thread reviews the files between the
 * chunks, reads nothing for the threads, and yields the reviews in the files' order; at most `window` files
 * are reviewed ahead of the one yielded last, so memory does not grow with the run.
 */
async function* reviewOnThreads(
  files: string[],
  o: BatchOptions,
  extra: number,
  here: (file: string) => Promise<BatchItem>,
  load: (file: string) => Promise<TemplateSource | undefined>,
  failed: (file: string, e: unknown) => BatchItem,
): AsyncGenerator<BatchItem> {
  // piscina is loaded only for a run that uses threads (start-up of a small run). The threads' young
  // generation is kept small: a review's garbage is short-lived, and the default semi-spaces add tens of MB
  // of RSS per thread.
  const { Piscina } = await import('piscina');
  const pool: Piscina = new Piscina({
    filename: workerFile(import.meta.url, 'node/batch-worker.js'),
    minThreads: extra,
    maxThreads: extra,
    concurrentTasksPerWorker: BACKLOG,
    idleTimeout: 1000,
    resourceLimits: { maxYoungGenerationSizeMb: 16 },
  });
  const engine = o.engineOptions!;
  const window = Math.max(64, 4 * extra * BACKLOG * CHUNK);
  const done = new Map<number, BatchItem>();
  const running = new Set<Promise<void>>();
  let next = 0;
  let emitted = 0;
  let wake: (() => void) | undefined;
  /** Files[start, start + n) on a thread; with a report cache this thread reads them, to look them up. */
  const send = (start: number, n: number) => {
    const chunk = files.slice(start, start + n);
    const run = (async () => {
      try {
        // Positions in `files` of the chunk's files the thread reviews (not those the report cache holds).
        const at: number[] = [];
        const entries: { file: string; source?: TemplateSource }[] = [];
        for (const [j, file] of chunk.entries()) {
          const source = o.cache ? await load(file).catch(() => undefined) : undefined;
          const hit = source && o.cache!.get(file, source);
          if (hit) {
            done.set(start + j, { file, report: hit, internal: [] });
            continue;
          }
          at.push(start + j);
          entries.push(source ? { file, source } : { file });
        }
        if (!entries.length) return;
        const items = (await pool.run({ entries, cwd: o.cwd, engine, ...(o.overlay ? { overlay: o.overlay } : {}) } satisfies BatchTask)) as BatchItem[];
        for (const [k, item] of items.entries()) {
          const source = entries[k]!.source;
          if (o.cache && source && item.report && !item.internal.length) o.cache.set(item.file, source, item.report);
          done.set(at[k]!, item);
        }
      } catch (e) {
        for (const [j, file] of chunk.entries()) if (!done.has(start + j)) done.set(start + j, failed(file, e));
      }
    })();
    running.add(run);
    void run.finally(() => {
      running.delete(run);
      wake?.();
    });
  };
  try {
    while (emitted < files.length) {
      // Keep every thread's backlog full.
      while (running.size < extra * BACKLOG && next < files.length && next - emitted < window) {
        const n = Math.min(CHUNK, files.length - next);
        send(next, n);
        next += n;
      }
      const item = done.get(emitted);
      if (item) {
        done.delete(emitted++);
        yield item;
        continue;
      }
      if (next < files.length && next - emitted < window) {
        // The next file not given to a thread is reviewed here; then the event loop turns, so the threads'
        // finished chunks come in and they are given new ones.
        const i = next++;
        done.set(i, await here(files[i]!).catch((e: unknown) => failed(files[i]!, e)));
        if (running.size) await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  } finally {
    await Promise.allSettled(running);
    await pool.destroy();
  }
}
