#!/usr/bin/env node
/**
 * What the risk model costs (issue 11: at most 10% of a review; loading at most 50 ms).
 *
 *   node --expose-gc bench/model.js [--iterations N]
 *
 * Each HTML/MJML sample is reviewed with all rules twice per iteration, interleaved: with the core profile
 * as shipped (features + model), and with the same config without its model (no features, no inference).
 * Inputs vary per iteration (a trailing comment), as in bench/run.js. Also: loading and checking the
 * model file (parseModel), median of fresh loads.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadBundle } from '../dist/node/bundle.js';
import { Engine } from '../dist/node/engine.js';
import { review } from '../dist/review/review.js';
import { parseModel } from '../dist/decision/model.js';
import { median, option, root } from './common.js';

const iterations = Number(option('--iterations', 60));
const engine = new Engine({ configPath: null, cwd: root });
const withModel = engine.config('core');
const { model: _model, ...rest } = withModel;
const without = { ...rest };
let n = 0;
const vary = (s) => ({ ...s, html: { ...s.html, text: `${s.html.text}\n<!-- ${++n} -->` } });

const rows = [];
for (const f of readdirSync(path.join(root, 'samples')).filter((f) => /\.(html|hbs|mjml)$/.test(f)).sort()) {
  const source = await loadBundle(path.join(root, 'samples', f), { cwd: root });
  if (!source?.html) continue;
  const t = { model: [], none: [] };
  for (let i = 0; i < 5; i++) {
    await review(vary(source), { config: withModel, rules: engine.rules, caches: engine.caches });
    await review(vary(source), { config: without, rules: engine.rules, caches: engine.caches });
  }
  globalThis.gc?.();
  for (let i = 0; i < iterations; i++) {
    let a = performance.now();
    await review(vary(source), { config: withModel, rules: engine.rules, caches: engine.caches });
    t.model.push(performance.now() - a);
    a = performance.now();
    await review(vary(source), { config: without, rules: engine.rules, caches: engine.caches });
    t.none.push(performance.now() - a);
  }
  rows.push({ f, model: median(t.model), none: median(t.none) });
}

const file = path.join(root, 'rules/model/risk-model.json');
const loads = [];
for (let i = 0; i < 15; i++) {
  const a = performance.now();
  parseModel(readFileSync(file, 'utf8'));
  loads.push(performance.now() - a);
}

console.log(`risk model cost — node ${process.version}, ${iterations} iterations, median warm ms per review (all rules)`);
for (const r of rows) console.log(`${r.f.padEnd(36)} ${r.none.toFixed(2).padStart(7)} ${r.model.toFixed(2).padStart(7)} ${(((r.model - r.none) / r.none) * 100).toFixed(1).padStart(6)}%`);
const share = median(rows.map((r) => (r.model - r.none) / r.none));
console.log(`\nrisk model (features + inference) adds: median ${(share * 100).toFixed(1)}% over ${rows.length} samples (goal ≤ 10%) ${share <= 0.1 ? 'MET' : 'NOT MET'}`);
console.log(`loading the model file (${(readFileSync(file).length / 1024).toFixed(0)} KB): median ${median(loads).toFixed(1)} ms (goal ≤ 50 ms) ${median(loads) <= 50 ? 'MET' : 'NOT MET'}`);
