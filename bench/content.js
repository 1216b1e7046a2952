#!/usr/bin/env node
/**
 * Where content scoring spends its time, inside real reviews (issue 5's benchmark goal).
 *
 *   node --expose-gc bench/content.js [--corpus <dir>] [--iterations N]
 *
 * Reviews every HTML sample (and, with --corpus, every template under that folder) with all rules, a
 * trailing comment varied per iteration (as bench/run.js does), and times inside each review:
 * - the shared text extraction (`contentText`: visible text, hidden text, links) and its normalisation,
 *   measured as two steps run just before the content rules;
 * - each content and compliance rule (with the text already extracted);
 * - the same content rules once more on a copy of the document right after (everything recomputed, but
 *   with the document now in the CPU caches): the gap to the first run is what a cold document costs.
 * Figures are means per template in µs. Then, as shares of the review without content rules (medians over
 * templates of per-template medians, reviews interleaved as in bench/run.js): what content rules add, what the
 * shared text extraction and normalisation cost by themselves, and what the rules would add if those two were
 * free. That last figure is a floor for the "content rules add at most 20%" goal (issue 5) as long as the
 * rules read extracted, normalised text.
 */
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadBundle } from '../dist/node/bundle.js';
import { Engine } from '../dist/node/engine.js';
import { review } from '../dist/review/review.js';
import { contentText } from '../dist/analysis/text.js';
import { isContent, median, option, root, templateFiles } from './common.js';

const iterations = Number(option('--iterations', 20));
const corpus = option('--corpus');

const engine = new Engine({ configPath: null, cwd: root });
const config = engine.config();
const content = engine.rules.filter(isContent);
const others = engine.rules.filter((r) => !isContent(r));
const list = (name) => config.lists[name] ?? [];

const totals = new Map();
const add = (k, ms) => totals.set(k, (totals.get(k) ?? 0) + ms);
let measuring = false;
const timed = (id, fn) => {
  const t = performance.now();
  fn();
  if (measuring) add(id, performance.now() - t);
};
const contextFor = (rule) => {
  const rc = config.rules.get(rule.meta.id);
  return rc && rc.severity !== 'off' ? { options: rc.options, severity: rc.severity, profile: config.profile, settings: config.settings, list, report() {} } : undefined;
};
// One pseudo-rule that runs the content phase itself, so every step is timed inside the review.
const host = others.find((r) => r.meta.id === 'html/no-external-stylesheet');
const phase = {
  ...host,
  check(doc) {
    timed('text extraction (contentText)', () => contentText(doc));
    timed('normalisation', () => {
      const ct = contentText(doc);
      for (const p of [ct.subject, ct.html, ct.text]) p?.normalized();
    });
    for (const rule of content) {
      const ctx = contextFor(rule);
      if (ctx) timed(rule.meta.id, () => rule.check(doc, ctx));
    }
    const copy = { ...doc }; // a new cache key: everything is computed again, from a document now in cache
    timed('(again, document in cache)', () => {
      for (const rule of content) {
        const ctx = contextFor(rule);
        if (ctx) rule.check(copy, ctx);
      }
    });
  },
};
const rules = [...others, phase];

const files = readdirSync(path.join(root, 'samples')).filter((f) => /\.(html|hbs)$/.test(f)).map((f) => path.join(root, 'samples', f));
if (corpus) {
  if (!existsSync(corpus)) throw new Error(`no such folder: ${corpus}`);
  files.push(...templateFiles(corpus, /\.(html|hbs)$/i).sort());
}
const sources = [];
for (const f of files) {
  const s = await loadBundle(f, { cwd: root });
  if (s?.html) sources.push(s);
}
let n = 0;
const vary = (s) => ({ ...s, html: { ...s.html, text: `${s.html.text}\n<!-- ${++n} -->` } });
for (let i = 0; i < 2; i++) for (const s of sources) await review(vary(s), { config, rules, caches: engine.caches }); // warm-up (JIT)
globalThis.gc?.();
measuring = true;
for (let i = 0; i < iterations; i++) for (const s of sources) await review(vary(s), { config, rules, caches: engine.caches });

const per = (ms) => ((ms / (iterations * sources.length)) * 1000).toFixed(0).padStart(6);
console.log(`inboxlint content bench — node ${process.version}, ${sources.length} HTML templates × ${iterations} reviews; mean µs per template, measured inside the review\n`);
let sum = 0;
for (const [k, v] of [...totals].filter(([k]) => !k.startsWith('(')).sort((a, b) => b[1] - a[1])) {
  sum += v;
  console.log(`${k.padEnd(34)} ${per(v)}`);
}
console.log(`${'content phase, total'.padEnd(34)} ${per(sum)}`);
console.log(`${'the same again, document in cache'.padEnd(34)} ${per(totals.get('(again, document in cache)') ?? 0)}`);

// Shares of the review. `extract` stands in for one foundation rule and also builds the text (and its
// normalised form), so those costs move into the baseline.
const extracting = (normalise) => ({
  ...host,
  check(doc, ctx) {
    host.check(doc, ctx);
    const ct = contentText(doc);
    if (normalise) for (const p of [ct.subject, ct.html, ct.text]) p?.normalized();
  },
});
const sets = {
  none: others,
  text: others.map((r) => (r === host ? extracting(false) : r)),
  textNorm: others.map((r) => (r === host ? extracting(true) : r)),
  all: engine.rules,
};
const rounds = Math.max(10, iterations * 2);
const times = new Map(sources.map((s) => [s, Object.fromEntries(Object.keys(sets).map((k) => [k, []]))]));
for (let r = 0; r < rounds; r++) {
  for (const s of sources) {
    for (const [k, set] of Object.entries(sets)) {
      const t = performance.now();
      await review(vary(s), { config, rules: set, caches: engine.caches });
      if (r >= 2) times.get(s)[k].push(performance.now() - t);
    }
  }
}
const medians = [...times.values()].map((t) => Object.fromEntries(Object.entries(t).map(([k, xs]) => [k, median(xs)])));
const share = (f) => `${(median(medians.map(f)) * 100).toFixed(1)}%`.padStart(6);
console.log(`
share of the review without content rules (median over templates, ${rounds - 2} interleaved rounds)
`);
console.log(`${'content rules add'.padEnd(46)} ${share((t) => t.all / t.none - 1)}`);
console.log(`${'  text extraction alone'.padEnd(46)} ${share((t) => t.text / t.none - 1)}`);
console.log(`${'  text extraction and normalisation'.padEnd(46)} ${share((t) => t.textNorm / t.none - 1)}`);
console.log(`${'  the rules, with extraction free'.padEnd(46)} ${share((t) => (t.all - t.text) / t.none)}`);
console.log(`${'  the rules, with both free'.padEnd(46)} ${share((t) => (t.all - t.textNorm) / t.none)}`);
