/**
 * A batch review thread (see batch.ts): one Engine per thread, built from the run's options, reviewing the
 * chunks of files it is handed one after the other. Runs from dist/ (see worker-file.ts).
 */
import type { TemplateSource } from '../core/source.js';
import { Engine, type EngineOptions } from './engine.js';
import { loadBundle } from './bundle.js';
import { reviewFile, type BatchItem } from './batch.js';

export interface BatchTask {
  /** Files to review, in order; `source` when the main thread has read the file already (--cache lookups). */
  entries: { file: string; source?: TemplateSource }[];
  cwd: string;
  /** Serialisable engine options (profile, config path, settings, cwd). */
  engine: EngineOptions;
  /** Texts that stand in for files (see LoadOptions.overlay). */
  overlay?: ReadonlyMap<string, string>;
}

let engine: Engine | undefined;
let key = '';
/** A pool's threads live for one batch: its folders are listed once per thread. */
const listings = new Map<string, Promise<Set<string>>>();
/** Chunks run one after the other: a thread holds the next while it reviews one (batch.ts BACKLOG). */
let queue: Promise<unknown> = Promise.resolve();

async function reviewChunk(task: BatchTask): Promise<BatchItem[]> {
  const k = JSON.stringify(task.engine);
  if (!engine || k !== key) {
    engine = new Engine(task.engine);
    key = k;
  }
  const items: BatchItem[] = [];
  for (const { file, source } of task.entries) {
    const load = source ? async () => source : (f: string) => loadBundle(f, { cwd: task.cwd, listings, syncReads: true, ...(task.overlay ? { overlay: task.overlay } : {}) });
    items.push(await reviewFile(engine, file, task.cwd, load));
  }
  return items;
}

export default function run(task: BatchTask): Promise<BatchItem[]> {
  const result = queue.then(() => reviewChunk(task));
  queue = result.catch(() => undefined);
  return result;
}
