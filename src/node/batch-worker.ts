/**
 * A batch review thread (see batch.ts): one Engine per thread, built from the run's options, reviewing the
 * files it is handed. Runs from dist/ (see worker-file.ts).
 */
import type { TemplateSource } from '../core/source.js';
import { Engine, type EngineOptions } from './engine.js';
import { reviewFile, type BatchItem } from './batch.js';

export interface BatchTask {
  file: string;
  /** The template, read by the main thread (file reads wait on I/O; threads only review). */
  source: TemplateSource;
  cwd: string;
  /** Serialisable engine options (profile, config path, settings, cwd). */
  engine: EngineOptions;
}

let engine: Engine | undefined;
let key = '';

export default async function run(task: BatchTask): Promise<BatchItem> {
  const k = JSON.stringify(task.engine);
  if (!engine || k !== key) {
    engine = new Engine(task.engine);
    key = k;
  }
  return reviewFile(engine, task.file, task.cwd, async () => task.source);
}
