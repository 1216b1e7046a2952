/**
 * --fix and --fix-dry-run for one template file (ESLint semantics): each pass applies the fixes that do not
 * overlap, then the template is reviewed again, until no fix applies or after MAX_FIX_PASSES passes.
 * `--fix` writes each changed file; `--fix-dry-run` keeps the texts in memory (an overlay the next pass
 * loads from) and returns them as the report's `output`, as does a template read from stdin.
 */
import path from 'node:path';
import { readFile, writeFile } from 'node:fs/promises';
import type { Engine } from './engine.js';
import type { ReviewResult } from '../review/review.js';
import type { BatchItem } from './batch.js';
import { loadBundle } from './bundle.js';
import { MAX_FIX_PASSES, applyEdits, fixesByFile } from '../core/fixes.js';

export interface FixOptions {
  cwd: string;
  /** Write the fixed files (--fix); otherwise only report them (--fix-dry-run). */
  write: boolean;
  /** Texts standing in for files (stdin): never written, their fixed text is reported. */
  overlay?: ReadonlyMap<string, string>;
}

export async function fixFile(engine: Engine, file: string, opts: FixOptions): Promise<BatchItem> {
  try {
    const overlay = new Map(opts.overlay ?? []);
    const src = await loadBundle(file, { cwd: opts.cwd, overlay });
    if (!src) return { file, internal: [] };
    let r = await engine.review(src);
    const output: Record<string, string> = {};
    for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
      let changed = false;
      for (const [shown, edits] of fixesByFile(r.findings)) {
        const abs = path.resolve(opts.cwd, shown);
        const before = textOf(r, shown);
        if (before === undefined) continue;
        const res = applyEdits(before, edits);
        if (!res.applied || res.text === before) continue;
        if (opts.write && !opts.overlay?.has(abs)) {
          if (!(await writeIfUnchanged(abs, before, res.text))) continue;
        } else {
          overlay.set(abs, res.text);
          output[shown] = res.text;
        }
        changed = true;
      }
      if (!changed) break;
      const next = await loadBundle(file, { cwd: opts.cwd, overlay });
      if (!next) break;
      r = await engine.review(next);
    }
    if (Object.keys(output).length) r.output = output;
    const { doc: _doc, internalErrors, timings: _t, ...report } = r;
    return { file, report, internal: internalErrors.map((e) => `${r.path}: rule ${e.ruleId} failed: ${e.message}`) };
  } catch (e) {
    return { file, internal: [`${path.relative(opts.cwd, file)}: ${(e as Error).message}`] };
  }
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
