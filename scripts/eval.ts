/**
 * `npm run eval [-- --training <dir>] [--templates <dir>] [--reuse-features] [--quick]`
 *
 * How well the verdict generalises, measured on open data only (not part of npm test):
 * 1. Leave-one-source-out: for every pair of a legitimate source and a spam/phishing source, a model is
 *    trained without both and scores them: ROC AUC per pair, and the calibrated risk's verdicts for the
 *    held-out legitimate source under core's thresholds.
 * 2. The same per template set: each set of ../shared/corpus/templates held out in turn.
 * 3. The committed model (rules/model/risk-model.json) on the real templates as a repository lays them
 *    out (no meta, no data): verdict counts under every bundled profile, and each template that is not
 *    approved under core with its reason.
 * 4. The strongest weights of the committed model, to read for features that only tell sources apart.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { Engine } from '../src/node/engine.js';
import { discover } from '../src/node/discover.js';
import { loadBundle } from '../src/node/bundle.js';
import type { Verdict } from '../src/core/types.js';
import { atPrior } from '../src/decision/model.js';
import { verdictFor } from '../src/decision/decide.js';
import { auc, featureRows, holdOut, type Row } from './lib/pipeline.js';
import { templateSets } from './lib/corpus.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: o } = parseArgs({
  options: {
    training: { type: 'string', default: path.resolve(ROOT, '../shared/training') },
    templates: { type: 'string', default: path.resolve(ROOT, '../shared/corpus/templates') },
    'reuse-features': { type: 'boolean' },
    quick: { type: 'boolean', description: 'skip the per-set cross-validation' },
    'only-templates': { type: 'boolean', description: 'only part 3 (the committed model on the templates)' },
  },
});

const engine = new Engine({ configPath: null, profile: 'core' });
const core = engine.config('core');
const model = core.model!;
const lambda = (model.training?.lambda as number | undefined) ?? 3e-4;
const { review: reviewAt, reject: rejectAt } = core.thresholds;
const profiles = engine.reader.packIds().filter((p) => !p.startsWith('lists/'));
const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '-');
// Held-out risks are calibrated with the classes weighed equally; the profile's prior makes them what a
// review reads (as predict() does).
const verdictOf = (risk: number, defects = 0, cfg = core): Verdict => verdictFor(defects, atPrior(risk, cfg.prior), cfg.thresholds);

if (!o['only-templates']) {
  const rows = await featureRows({ training: o.training!, templates: o.templates!, reuse: o['reuse-features'] === true });
  const sources = [...new Set(rows.map((r) => r.source))].sort();
  const ham = sources.filter((s) => rows.some((r) => r.source === s && r.y === 0));
  const spam = sources.filter((s) => rows.some((r) => r.source === s && r.y === 1));

  console.log(`\n1. Leave-one-source-out: each source held out in turn; a model fitted on the other sources scores it, and the`);
  console.log(`   other sources get grouped 5-fold out-of-fold scores (λ=${lambda}). AUC of the held-out source against each source of`);
  console.log(`   the other class; verdicts of the held-out source by its calibrated risk (review ≥ ${reviewAt}, reject ≥ ${rejectAt}).`);
  const aucs: number[] = [];
  for (const x of sources) {
    const h = holdOut(rows, (r) => r.source === x, lambda);
    const label = h.held[0]!.y;
    const c = { approved: 0, needs_review: 0, rejected: 0 };
    h.risk.forEach((p) => c[verdictOf(p)]++);
    const n = h.held.length;
    console.log(`  held out ${x} (${n}, ${label ? 'spam/phishing' : 'legitimate'}): ${pct(c.approved, n)} approved, ${pct(c.needs_review, n)} review, ${pct(c.rejected, n)} rejected`);
    // The verdict also rejects on defects (active content, unsafe schemes...), whatever the risk.
    const v = { approved: 0, needs_review: 0, rejected: 0 };
    const byRule = new Map<string, number>();
    h.held.forEach((r, i) => {
      v[verdictOf(h.risk[i]!, r.defects?.length ?? 0)]++;
      for (const id of r.defects ?? []) byRule.set(id, (byRule.get(id) ?? 0) + 1);
    });
    const rules = [...byRule].sort((a, b) => b[1] - a[1]).map(([id, k]) => `${id} ${k}`).join(', ');
    if (x === 'templates') console.log('    (their defects: `npm run eval:templates`, which reads each set with its asset base URL and helpers)');
    else console.log(`    with defects as the verdict reads them: ${pct(v.approved, n)} approved, ${pct(v.needs_review, n)} review, ${pct(v.rejected, n)} rejected${rules ? ` (defects: ${rules})` : ''}`);
    for (const other of label ? ham : spam) {
      const scores = h.rest.map((r, i) => [r, h.restMargins[i]!] as const).filter(([r]) => r.source === other).map(([, z]) => z);
      const a = label ? auc([...h.margins], scores) : auc(scores, [...h.margins]);
      aucs.push(a);
      console.log(`    AUC vs ${other.padEnd(16)} ${a.toFixed(4)}`);
    }
  }
  console.log(`  lowest pair AUC ${Math.min(...aucs).toFixed(4)}, mean ${(aucs.reduce((x, y) => x + y, 0) / aucs.length).toFixed(4)}`);

  if (!o.quick) {
    console.log('\n2. Each template set held out (model trained on everything else): verdicts of its rendered templates by risk');
    const sets = [...new Set(rows.filter((r) => r.set).map((r) => r.set!))].sort();
    const heldRisks: number[] = [];
    for (const set of sets) {
      const { held: test, risk } = holdOut(rows, (r) => r.set === set, lambda);
      heldRisks.push(...risk);
      const c = { approved: 0, needs_review: 0, rejected: 0 };
      risk.forEach((p) => c[verdictOf(p)]++);
      const worst = test.map((r, i) => [r.id, risk[i]!] as const).sort((a, b) => b[1] - a[1])[0];
      console.log(`  ${set.padEnd(26)} ${String(test.length).padStart(3)}: ${c.approved} approved, ${c.needs_review} review, ${c.rejected} rejected (highest risk ${worst?.[1].toFixed(2)} ${worst?.[0]})`);
    }
    // The same held-out risks read by every profile's prior and thresholds: how much stricter each one is
    // on templates no model that scored them has seen (risk only; a profile's defects come on top).
    console.log(`  all ${heldRisks.length} held out, by profile (risk only):`);
    for (const profile of profiles) {
      const cfg = engine.config(profile);
      const c = { approved: 0, needs_review: 0, rejected: 0 };
      for (const p of heldRisks) c[verdictOf(p, 0, cfg)]++;
      console.log(`    ${profile.padEnd(18)} ${c.approved} approved, ${c.needs_review} review, ${c.rejected} rejected`);
    }
  }
  printWeights(rows);
}

// 3. The committed model on the templates as laid out, each set with what its own build supplies (asset
// base URL, helpers: scripts/corpus-templates.json, as `npm run eval:templates` reads them).
console.log(`\n3. Model ${model.version} on ${path.relative(process.cwd(), o.templates!) || o.templates}, as laid out (no meta, no data), per profile`);
const sets = templateSets(o.templates!);
const files: { file: string; set: string; dir: string }[] = [];
for (const { name, dir } of sets) for (const file of await discover(['.'], dir)) files.push({ file, set: name, dir });
const notApproved: string[] = [];
for (const profile of ['core', ...profiles.filter((p) => p !== 'core')]) {
  const engines = new Map(sets.map(({ name, dir, settings }) => [name, new Engine({ configPath: null, profile, cwd: dir, settings })]));
  const c = { approved: 0, needs_review: 0, rejected: 0 };
  for (const { file, set, dir } of files) {
    const src = await loadBundle(file, { cwd: dir });
    if (!src) continue;
    const r = await engines.get(set)!.review(src);
    c[r.decision.verdict]++;
    if (profile === 'core' && r.decision.verdict !== 'approved') notApproved.push(`  ${path.relative(o.templates!, file)}: ${r.decision.summary}${r.decision.drivers.length && !r.decision.defects ? ` — ${r.decision.drivers.filter((d) => d.weight > 0).slice(0, 4).map((d) => `${d.ruleId ?? d.token} +${d.weight}`).join(', ')}` : ''}`);
  }
  const n = c.approved + c.needs_review + c.rejected;
  console.log(`  ${profile.padEnd(18)} ${n} templates: ${c.approved} approved (${pct(c.approved, n)}), ${c.needs_review} needs review, ${c.rejected} rejected`);
}
if (notApproved.length) console.log(`not approved under core:\n${notApproved.join('\n')}`);

function printWeights(rows: Row[]): void {
  const w = Object.entries(model.weights).sort((a, b) => b[1] - a[1]);
  const df = new Map<string, number>();
  for (const r of rows) for (const k of r.x.keys()) df.set(k, (df.get(k) ?? 0) + 1);
  const show = (xs: [string, number][]) => xs.map(([k, v]) => `${k} ${v > 0 ? '+' : ''}${v} (${df.get(k) ?? 0})`).join(', ');
  console.log(`\n4. Strongest weights of the committed model (${w.length} features; (n) = messages with the feature)`);
  console.log(`  toward spam: ${show(w.slice(0, 40))}`);
  console.log(`  toward legitimate: ${show(w.slice(-40).reverse())}`);
}
