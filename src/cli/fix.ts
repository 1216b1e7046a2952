/**
 * Review one template file: from the cache when it is unchanged, and with `fix` applying the rules' fixes
 * (ESLint semantics): each pass applies the fixes that do not overlap, then the template is reviewed again,
 * until no fix applies or after MAX_FIX_PASSES passes. `--fix` writes each changed file; `--fix-dry-run`
 * keeps the texts in memory (an overlay the next pass loads from) and returns them as the report's `output`.
 */
import path from 'node:path';
import { readFile, writeFile } from 'node:fs/promises';
import type { Engine } from '../node/engine.js';
import type { Report } from '../core/types.js';
import type { ReviewResult } from '../review/review.js';
import type { ReviewCache } from './cache.js';
import { loadBundle, type LoadOptions } from '../node/bundle.js';
import { MAX_FIX_PASSES, applyEdits, fixesByFile } from '../core/fixes.js';

export interface ReviewFileOptions extends LoadOptions {
  cwd: string;
  fix?: { write: boolean };
  cache?: ReviewCache;
}

export interface FileReview {
  /** The report as hosts print it (without the parsed document and timings). */
  report: Report;
  path: string;
  internalErrors?: ReviewResult['internalErrors'];
}

export async function reviewFile(engine: Engine, file: string, opts: ReviewFileOptions): Promise<FileReview | undefined> {
  const src = await loadBundle(file, opts);
  if (!src) return undefined;
  let key: string | undefined;
  if (opts.cache) {
    const config = engine.config(engine.profileFor(src));
    key = opts.cache.key(src, config, engine.settingsFor(src, config));
    const hit = opts.cache.get(file, key);
    if (hit) return { report: hit, path: hit.path };
  }
  let r = await engine.review(src);
  if (opts.fix) r = await fixPasses(engine, file, r, { ...opts, fix: opts.fix });
  const { doc: _doc, internalErrors, timings: _t, ...report } = r;
  // A review with a failed rule is not kept: the next run tries again.
  if (opts.cache && key && !internalErrors.length) opts.cache.set(file, key, report);
  return { report, path: r.path, internalErrors };
}

async function fixPasses(engine: Engine, file: string, first: ReviewResult, opts: ReviewFileOptions & { fix: { write: boolean } }): Promise<ReviewResult> {
  let r = first;
  const overlay = new Map(opts.overlay ?? []);
  const output: Record<string, string> = {};
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    let changed = false;
    for (const [shown, edits] of fixesByFile(r.findings)) {
      const abs = path.resolve(opts.cwd, shown);
      const before = textOf(r, shown);
      if (before === undefined) continue;
      const res = applyEdits(before, edits);
      if (!res.applied || res.text === before) continue;
      // A template read from stdin is never written: its fixed text is the output.
      if (opts.fix.write && !opts.overlay?.has(abs)) {
        if (!(await writeIfUnchanged(abs, before, res.text))) continue;
      } else overlay.set(abs, res.text);
      output[shown] = res.text;
      changed = true;
    }
    if (!changed) break;
    const next = await loadBundle(file, { ...opts, overlay });
    if (!next) break;
    r = await engine.review(next);
  }
  if ((!opts.fix.write || opts.overlay?.size) && Object.keys(output).length) r.output = output;
  return r;
}

function textOf(r: ReviewResult, shown: string): string | undefined {
  return (Object.values(r.files).find((f) => f?.path === shown) ?? r.includedFiles?.find((f) => f.path === shown))?.text;
}

/**
 * Write the fixed text only if the file still holds the text the fixes were computed on (another template
 * sharing a partial may have fixed it meanwhile: its next pass re-reads it). A byte order mark is kept.
 */
async function writeIfUnchanged(file: string, before: string, after: string): Promise<boolean> {
  const disk = await readFile(file, 'utf8').catch(() => undefined);
  if (disk === undefined) return false;
  const bom = disk.startsWith('\uFEFF');
  if ((bom ? disk.slice(1) : disk) !== before) return false;
  await writeFile(file, (bom ? '\uFEFF' : '') + after);
  return true;
}
