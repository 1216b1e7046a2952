/**
 * Applying fixes (ESLint semantics): edits are offsets into one file's text; they are applied in order of
 * position, an edit that overlaps one already taken is left for the next pass, and hosts re-review and
 * apply again (at most MAX_FIX_PASSES times) until nothing more applies.
 */
import type { Edit, Finding } from './types.js';

export const MAX_FIX_PASSES = 10;

export interface Applied {
  text: string;
  /** Edits applied in this pass. */
  applied: number;
  /** Edits left out because they overlap an applied one (a later pass may apply them). */
  skipped: number;
}

/** Apply non-overlapping edits to a text; an edit that starts where another ends overlaps it. */
export function applyEdits(text: string, edits: readonly Edit[]): Applied {
  const sorted = [...edits].filter((e) => e.span.start >= 0 && e.span.end >= e.span.start && e.span.end <= text.length).sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  let out = '';
  let at = 0;
  let lastEnd = -1;
  let applied = 0;
  let skipped = edits.length - sorted.length;
  for (const e of sorted) {
    // As in ESLint, a fix that starts before or where the previous one ended waits for the next pass.
    if (e.span.start <= lastEnd) {
      skipped++;
      continue;
    }
    out += text.slice(at, e.span.start) + e.text;
    at = lastEnd = e.span.end;
    applied++;
  }
  return { text: out + text.slice(at), applied, skipped };
}

/** The fixes of some findings, grouped by the file they edit (finding.path). */
export function fixesByFile(findings: readonly Finding[]): Map<string, Edit[]> {
  const out = new Map<string, Edit[]>();
  for (const f of findings) {
    if (!f.fix) continue;
    let list = out.get(f.path);
    if (!list) out.set(f.path, (list = []));
    list.push(f.fix);
  }
  return out;
}
