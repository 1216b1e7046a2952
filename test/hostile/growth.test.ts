/**
 * Every rule, the parse and the render on the hostile inputs of issue 13 at n and 4n: the work of each may
 * grow about 4x, not 16x (see growth.ts: ratios within one run, no absolute time limits).
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/node/engine.js';
import { sourceFor } from '../rule-tester.js';
import { HOSTILE } from './inputs.js';
import { growth, tooFast } from './growth.js';

// Budgets off: the growth of the work itself is measured, not the budgets that cut it short.
const engine = new Engine({ configPath: null, settings: { limits: { reviewMs: 1e9, findingsPerRule: 1e9 } } });

/** n such that the input is about `bytes` long. */
function sizeFor(build: (n: number) => object, bytes: number): number {
  const unit = JSON.stringify(build(100)).length - JSON.stringify(build(0)).length;
  return Math.max(100, Math.round((bytes * 100) / Math.max(unit, 1)));
}

// MJML compiles at ~1 ms per section (mjml2html's own cost) and 5,000 mustaches take a second to compile
// (Handlebars' code generation): smaller inputs keep the suite quick.
// The copies of inherited values, the unit regex over them and the font regexes grow as n² (n³ for the unit)
// behind mjml's linear cost per element, which is larger: these sizes put the unguarded ratio over 8
// (measured once each without the guards of src/parse/mjml-cost.ts, on a loaded machine: x8.8, x15, x8.5, just
// over the harness's 8; the quadratic part grows as the sizes do). Guarded, they are not compiled.
const BYTES: Record<string, number> = {
  mjmlSections: 3_000, mjmlUnknown: 8_000, mustacheVars: 8_000, mjmlMustaches: 8_000, mjmlAttributes: 8_000,
  mjmlInheritedAttribute: 30_000, mjmlInheritedWidth: 6_000, mjmlFonts: 27_000,
  // Inside the 20,000-character reach of a `<#--`, where reading from each one made the scan quadratic.
  freemarkerComments: 10_000,
  mjmlUnclosed: 80_000,
  mjmlConditionals: 50_000,
  mjmlUnknownElementsOneLine: 120_000,
  // Per key, a read of the object's keys before it: hidden behind the linear work at 25 KB. Schemas over 128 KB
  // are not kept compiled (at 100 KB the small run was a cache hit, the large one a compile).
  dataManyKeys: 100_000,
  schemaManyProperties: 200_000,
  schemaManyRequired: 200_000,
};

describe('work grows linearly with hostile input', () => {
  for (const [name, build] of Object.entries(HOSTILE)) {
    it(name, async () => {
      const n = sizeFor(build, BYTES[name] ?? 25_000);
      const g = await growth(async (k) => {
        const src = sourceFor(build(k) as never, name);
        const t = performance.now();
        const r = await engine.review(src);
        const total = performance.now() - t;
        const rules = Object.values(r.timings).reduce((a, b) => a + b, 0);
        return { ...r.timings, 'parse and the rest of review()': total - rules };
      }, n);
      expect(tooFast(g)).toEqual([]);
    }, 120_000);
  }
});
