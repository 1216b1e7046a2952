/**
 * The compiled file of a worker-thread module. Worker threads cannot load TypeScript, so when the caller
 * runs from src/ (tests under vitest) the threads use dist/ — `npm run build` first, as the CLI tests do.
 * `from`: the caller's import.meta.url; `rel`: the worker's path from src/ (e.g. node/batch-worker.js).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function workerFile(from: string, rel: string): string {
  const srcRoot = path.resolve(path.dirname(fileURLToPath(from)), path.relative(path.dirname(rel), '.'));
  const sibling = path.join(srcRoot, rel);
  if (existsSync(sibling)) return sibling;
  const built = path.resolve(srcRoot, '../dist', rel);
  if (existsSync(built)) return built;
  throw new Error(`the worker ${rel} is not built (${built}): run npm run build`);
}
