/**
 * The text each template expression takes in the TemplateData samples: `{{promo.title}}` → the string at
 * samples[i].promo.title. Content rules score these values and report at the expression, which is where
 * the author can act. Memoised per TemplateDoc; depth- and size-limited (no recursion over user data).
 */
import type { Part, Span } from '../core/types.js';
import type { TemplateDoc, TemplatePart } from './template-doc.js';
import { Memo } from '../core/memo.js';

export interface SampleValue {
  part: Part;
  /** Span of the expression in its part. */
  span: Span;
  /** The expression's path as written (`promo.title`). */
  path: string;
  /** Index of the sample in the data file. */
  sample: number;
  value: string;
}

const cache = new Memo<TemplateDoc, SampleValue[]>();
const SIMPLE_PATH = /^(?:this\.|@root\.)?[A-Za-z_$][\w$-]*(?:\.[A-Za-z_$][\w$-]*){0,15}$/;

export function sampleValues(doc: TemplateDoc, maxSamples = 20, maxValue = 20_000): SampleValue[] {
  const hit = cache.get(doc);
  if (hit) return hit;
  const out: SampleValue[] = [];
  const samples = doc.samples.slice(0, maxSamples);
  if (samples.length) {
    // An expression is usually printed many times (a name in every row): its path is read once.
    const paths = new Map<string, { path: string; keys: string[] } | null>();
    for (const p of [doc.subject, doc.html, doc.text] as (TemplatePart | undefined)[]) {
      if (!p) continue;
      for (const m of p.scan.mustaches) {
        if (m.kind !== 'expr' && m.kind !== 'raw') continue;
        let read = paths.get(m.inner);
        if (read === undefined) {
          const path = m.inner.trim();
          read = SIMPLE_PATH.test(path) ? { path, keys: (path.startsWith('this.') ? path.slice(5) : path.startsWith('@root.') ? path.slice(6) : path).split('.') } : null;
          paths.set(m.inner, read);
        }
        if (!read) continue;
        const { path, keys } = read;
        for (let sample = 0; sample < samples.length; sample++) {
          const v = valueAt(samples[sample], keys);
          if (typeof v === 'string' && v.trim()) out.push({ part: p.part, span: m.span, path, sample, value: v.slice(0, maxValue) });
        }
      }
    }
  }
  cache.set(doc, out);
  return out;
}

/** The value at `keys` under `data` through own properties of plain objects (undefined when there is none). */
function valueAt(data: unknown, keys: readonly string[]): unknown {
  let v = data;
  for (const k of keys) {
    if (typeof v !== 'object' || v === null || Array.isArray(v) || !Object.prototype.hasOwnProperty.call(v, k)) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}
