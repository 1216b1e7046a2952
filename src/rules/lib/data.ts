/** Helpers shared by the TemplateData rules (data/*). */
import type { RuleContext } from '../rule.js';
import type { Span } from '../../core/types.js';
import type { TemplateDoc } from '../../analysis/template-doc.js';
import { variables, variableOptions, providerOf, type VariableModel, type VarRef } from '../../analysis/variables.js';
import { samplePaths, type Concrete } from '../../analysis/data-paths.js';
import { spanAt, keySpanAt, type JsonPath } from '../../analysis/json-paths.js';

export function modelFor(doc: TemplateDoc, ctx: RuleContext<any>): VariableModel {
  return variables(doc, variableOptions(doc, ctx.settings));
}

export { providerOf };

/** Samples to check: none when the data file is absent or does not parse (syntax/invalid-json reports that). */
export function samplesOf(doc: TemplateDoc): { sample: unknown; base: Concrete; index: number }[] {
  if (!doc.dataJson || doc.dataJson.errors.length) return [];
  return samplePaths(doc.samples, doc.dataJson.value);
}

export function dataSpan(doc: TemplateDoc, path: Concrete): Span {
  return doc.dataJson ? spanAt(doc.dataJson, path as JsonPath) : { start: 0, end: 0 };
}

export function dataKeySpan(doc: TemplateDoc, path: Concrete): Span {
  return doc.dataJson ? keySpanAt(doc.dataJson, path as JsonPath) : { start: 0, end: 0 };
}

/** "sample #2" when the data file holds several samples, "the TemplateData" otherwise. */
export function sampleName(doc: TemplateDoc, index: number): string {
  return Array.isArray(doc.dataJson?.value) ? `TemplateData sample #${index + 1}` : 'the TemplateData';
}

export function viaText(ref: Pick<VarRef, 'via'>): string {
  return ref.via ? ` (in partial '${ref.via}')` : '';
}

export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return v.length > 30 ? `the string "${v.slice(0, 29)}…"` : `the string ${JSON.stringify(v)}`;
  return `the ${typeof v} ${String(v)}`;
}

const norm = (s: string) => s.toLowerCase().replace(/[_\-\s]/g, '');

/** Edit distance with adjacent transpositions (optimal string alignment), cut off above `max`. */
function levenshtein(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/** The closest candidate: same name modulo case/underscores (first_name ~ firstName), or a small typo. */
export function didYouMean(name: string, candidates: Iterable<string>): { name: string; caseOnly: boolean } | undefined {
  const n = norm(name);
  let best: { name: string; d: number; caseOnly: boolean } | undefined;
  for (const c of candidates) {
    if (c === name) continue;
    if (norm(c) === n) return { name: c, caseOnly: c.toLowerCase() === name.toLowerCase() };
    const max = Math.max(1, Math.floor(Math.min(name.length, c.length) / 4));
    const d = levenshtein(n, norm(c), max);
    if (d <= max && (!best || d < best.d)) best = { name: c, d, caseOnly: false };
  }
  return best && { name: best.name, caseOnly: best.caseOnly };
}

/** Capitalise a sentence start ("the TemplateData" → "The TemplateData"). */
export function cap(s: unknown): string {
  const t = String(s ?? '');
  return t.charAt(0).toUpperCase() + t.slice(1);
}
