#!/usr/bin/env node
/**
 * npm run bench — review cost per template, beside the cost of its parsers alone.
 *
 *   node bench/run.js [--corpus <dir>] [--iterations N] [--only-synthetic]
 *
 * For each HTML and MJML sample (and, with --corpus, real templates from that folder) it prints the median
 * warm time of review() (offline: no probes), of mjml2html alone (MJML) and of cheerio.load alone (HTML),
 * and their ratios. Goals (issue 13, every rule on, no subsets): an MJML review costs at most 1.3× compiling
 * it; an HTML template of ~30 KB with TemplateData reviews in at most 3 ms. A synthetic ~30 KB HTML template
 * is built from samples/shipping-update.html (with its data, schema and text part) so that figure is
 * reproducible without the corpus; where its time goes (parse, each rule, the rest) is printed after the table.
 */
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import mjml2html from 'mjml';
import * as cheerio from 'cheerio';
import { loadBundle } from '../dist/node/bundle.js';
import { Engine } from '../dist/node/engine.js';
import { review } from '../dist/review/review.js';
import { parseTemplate } from '../dist/analysis/template-doc.js';
import { contentText } from '../dist/analysis/text.js';
import { extractUrls } from '../dist/analysis/urls.js';
import { renderedForContent } from '../dist/analysis/render.js';
import { hostLine, isContent, isFoundation, median, option, root, templateFiles } from './common.js';
import { synthetic30k } from './synthetic.js';

const iterations = Number(option('--iterations', 100));
const corpus = option('--corpus');
// Only the synthetic 30 KB template (its table row and where its time goes): for A/B runs of two builds.
const onlySynthetic = process.argv.includes('--only-synthetic');
let counter = 0; // varies inputs between iterations (see vary())

const hostBefore = hostLine('before');
const engine = new Engine({ configPath: null, cwd: root });
const config = engine.config();
// The foundation, everything, and everything but content (to measure what content scoring adds).
const sets = {
  foundation: engine.rules.filter(isFoundation),
  all: engine.rules,
  noContent: engine.rules.filter((r) => !isContent(r)),
};
const run = (source, rules) => review(source, { config, rules, caches: engine.caches });
const inputs = [];
for (const f of readdirSync(path.join(root, 'samples')).filter((f) => /\.(html|hbs|mjml)$/.test(f)).sort()) inputs.push({ label: `samples/${f}`, file: path.join(root, 'samples', f) });
if (corpus) {
  if (!existsSync(corpus)) throw new Error(`no such folder: ${corpus}`);
  for (const f of templateFiles(corpus, /\.(html|hbs|mjml)$/i).sort()) inputs.push({ label: path.relative(corpus, f), file: f });
}

// A reproducible ~30 KB HTML template: the shipping-update sample with its body rows repeated.
const big = synthetic30k();

const rows = [];
for (const input of onlySynthetic ? [] : inputs) {
  const source = await loadBundle(input.file, { cwd: root });
  if (!source?.html) continue;
  rows.push(await measure(input.label, source));
}
const synthetic = await loadBundle(path.join(root, 'samples/shipping-update.html'), { cwd: root });
synthetic.html = { ...synthetic.html, text: big, path: 'synthetic-30k.html' };
synthetic.path = 'synthetic-30k.html';
rows.push(await measure('synthetic 30 KB HTML (from shipping-update)', synthetic));

/**
 * "fresh": every iteration reviews a slightly different text (a trailing comment / trailing whitespace),
 * so caches keyed by content (compiled schemas) do not help — the cost of a template seen for the first
 * time, with a warm JIT. "cached": the same input every time — the editor re-review case.
 * The parser baselines get the same varied inputs.
 */
function vary(source) {
  const n = ++counter;
  const html = { ...source.html, text: `${source.html.text}\n<!-- ${n} -->` };
  const out = { ...source, html };
  for (const p of ['data', 'schema']) if (source[p]) out[p] = { ...source[p], text: source[p].text + ' '.repeat(n % 997) + '\n'.repeat(1 + Math.floor(n / 997)) };
  return out;
}

/**
 * Variants that are compared are measured interleaved — each iteration runs each of them once — so that
 * JIT state, GC debt and machine noise fall on them alike; figures are medians over the iterations.
 * Two groups: the foundation review with its parser baseline, and all rules with all-but-content (plus the
 * cached review), so the light pair does not pay for the garbage of the heavy one.
 */
async function measure(label, source) {
  const text = source.html.text;
  const kb = Buffer.byteLength(text) / 1024;
  const mjml = source.kind === 'mjml';
  const light = {
    foundationMs: () => run(vary(source), sets.foundation),
    baseMs: mjml
      ? () => mjml2html(vary(source).html.text, { validationLevel: 'soft', ignoreIncludes: true, minify: false, beautify: false })
      : () => cheerio.load(vary(source).html.text),
  };
  const heavy = {
    reviewMs: () => run(vary(source), sets.all),
    noContentMs: () => run(vary(source), sets.noContent),
    cachedMs: () => run(source, sets.all),
  };
  const m = { ...(await interleaved(light)), ...(await interleaved(heavy)) };
  return { label, kb, ...m, kind: mjml ? 'mjml' : 'html', base: mjml ? 'mjml2html' : 'cheerio.load' };
}

async function interleaved(variants) {
  const samples = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (let i = 0; i < 10; i++) for (const fn of Object.values(variants)) await fn(); // warm-up (JIT)
  globalThis.gc?.(); // start with a clean heap (npm run bench passes --expose-gc)
  for (let i = 0; i < iterations; i++) {
    for (const [k, fn] of Object.entries(variants)) {
      const t = performance.now();
      await fn();
      samples[k].push(performance.now() - t);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, median(xs)]));
}

const pad = (s, n) => String(s).padEnd(n);
const num = (x) => x.toFixed(2).padStart(7);
const pct = (a, b) => `${(((a - b) / b) * 100).toFixed(0)}%`.padStart(5);
console.log(`inboxlint bench — node ${process.version}, ${iterations} iterations per figure, median warm times in ms`);
console.log(`foundation = syntax/html/accessibility/subject/text-part rules (${sets.foundation.length}); all = every rule (${sets.all.length}), offline`);
console.log(`+content = what content and compliance rules add to the rest; cached = all rules, same input repeated`);
console.log(`${hostBefore}\n`);
console.log(`${pad('template', 44)} ${pad('kind', 4)} ${'KB'.padStart(5)} ${'found.'.padStart(7)} ${'parser'.padStart(7)} ${'ratio'.padStart(6)} ${'all'.padStart(7)} ${'cached'.padStart(7)} ${'+content'.padStart(8)}`);
for (const r of rows) {
  console.log(`${pad(r.label.slice(-44), 44)} ${pad(r.kind, 4)} ${r.kb.toFixed(1).padStart(5)} ${num(r.foundationMs)} ${num(r.baseMs)} ${(r.foundationMs / r.baseMs).toFixed(2).padStart(5)}× ${num(r.reviewMs)} ${num(r.cachedMs)} ${pct(r.reviewMs, r.noContentMs).padStart(8)}`);
}
console.log(`parser = ${'mjml2html'} alone (MJML) or cheerio.load alone (HTML) on the same input; ratio = foundation / parser.`);
const m = rows.filter((r) => r.kind === 'mjml');
const h = rows.filter((r) => r.kind === 'html');
const big30 = rows.at(-1);
const ratioM = median(m.map((r) => r.foundationMs / r.baseMs));
const contentH = median(h.map((r) => (r.reviewMs - r.noContentMs) / r.noContentMs));
console.log('');
const ratioAll = median(m.map((r) => r.reviewMs / r.baseMs));
if (m.length) {
  console.log(`MJML, all rules / mjml2html: median ${ratioAll.toFixed(2)}× over ${m.length} templates (goal ≤ 1.30×) ${ratioAll <= 1.3 ? 'MET' : 'NOT MET'}`);
  console.log(`MJML, foundation review / mjml2html: median ${ratioM.toFixed(2)}×`);
}
console.log(`HTML ~30 KB with TemplateData, all rules: ${big30.reviewMs.toFixed(2)} ms (goal ≤ 3 ms) ${big30.reviewMs <= 3 ? 'MET' : 'NOT MET'}; ${big30.cachedMs.toFixed(2)} ms cached; foundation ${big30.foundationMs.toFixed(2)} ms`);
console.log(`HTML, content rules add: median ${(contentH * 100).toFixed(0)}% over ${h.length} templates, ${pct(big30.reviewMs, big30.noContentMs).trim()} on the 30 KB one (goal ≤ 20%) ${contentH <= 0.2 ? 'MET' : 'NOT MET'}`);
console.log(`HTML, all rules: median ${median(h.map((r) => r.reviewMs)).toFixed(2)} ms per template`);

// Where the 30 KB template's time goes: parseTemplate alone, and each rule's time in full reviews (a rule
// that first asks for a shared analysis — text runs, URLs, renderings — is charged for computing it).
{
  const parse = [];
  const total = [];
  const unseen = [];
  const byRule = {};
  for (let i = 0; i < iterations + 10; i++) {
    const src = vary(synthetic);
    let t = performance.now();
    await parseTemplate(src, { caches: engine.caches });
    const p = performance.now() - t;
    t = performance.now();
    const r = await run(vary(synthetic), sets.all);
    const all = performance.now() - t;
    // A template whose structure no earlier review had (a Handlebars comment of its own): no compiled code
    // to reuse (hbs.compiled), as for a template the engine has never seen anything like.
    const other = vary(synthetic);
    other.html = { ...other.html, text: `${other.html.text}{{!-- ${counter} --}}` };
    t = performance.now();
    await run(other, sets.all);
    const fresh = performance.now() - t;
    if (i < 10) continue;
    unseen.push(fresh);
    parse.push(p);
    total.push(all);
    for (const [id, ms] of Object.entries(r.timings)) (byRule[id] ??= []).push(ms);
  }
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const rules = Object.entries(byRule).map(([id, xs]) => [id, mean(xs)]).sort((a, b) => b[1] - a[1]);
  const ruleSum = rules.reduce((a, [, ms]) => a + ms, 0);
  console.log(`\nwhere the 30 KB template's time goes (mean ms over ${iterations} reviews; all rules ${mean(total).toFixed(2)}):`);
  console.log(`  (a structure never seen before: ${mean(unseen).toFixed(2)})`);
  console.log(`  parse (parseTemplate alone)        ${mean(parse).toFixed(3)}`);
  console.log(`  rules (${rules.length})                         ${ruleSum.toFixed(3)}`);
  console.log(`  rest (decision, report, sorting)   ${Math.max(0, mean(total) - mean(parse) - ruleSum).toFixed(3)}`);
  for (const [id, ms] of rules.slice(0, 12)) console.log(`    ${id.padEnd(34)} ${ms.toFixed(3)}`);

  // The analyses rules share are computed once per review, by whichever rule asks first, and charged to it
  // above: timed here on their own, each on a fresh parse, so that a rule's figure can be read as its own
  // work plus what it asked for first.
  const shared = { 'visible text (contentText)': [], 'normalised text (all parts)': [], 'URLs (extractUrls)': [], 'rendered samples (renderedForContent)': [] };
  for (let i = 0; i < iterations + 10; i++) {
    const doc = await parseTemplate(vary(synthetic), { caches: engine.caches });
    let t = performance.now();
    const ct = contentText(doc);
    const text = performance.now() - t;
    t = performance.now();
    for (const pt of [ct.subject, ct.html, ct.text]) pt?.normalized();
    const normalized = performance.now() - t;
    t = performance.now();
    extractUrls(doc);
    const urls = performance.now() - t;
    t = performance.now();
    renderedForContent(doc, config.settings);
    const rendered = performance.now() - t;
    if (i < 10) continue;
    shared['visible text (contentText)'].push(text);
    shared['normalised text (all parts)'].push(normalized);
    shared['URLs (extractUrls)'].push(urls);
    shared['rendered samples (renderedForContent)'].push(rendered);
  }
  console.log(`  shared analyses, each charged above to the first rule that asks for it (mean ms, on their own):`);
  for (const [name, xs] of Object.entries(shared)) console.log(`    ${name.padEnd(38)} ${mean(xs).toFixed(3)}`);
}
console.log(`\n${hostLine('after')}`);
