#!/usr/bin/env node
/**
 * npm run bench — review cost per template, beside the cost of its parsers alone.
 *
 *   node bench/run.js [--corpus <dir>] [--iterations N]
 *
 * For each HTML and MJML sample (and, with --corpus, real templates from that folder) it prints the median
 * warm time of review() (offline: no probes), of mjml2html alone (MJML) and of cheerio.load alone (HTML),
 * and their ratios. Goals (issue 2): an MJML review costs at most 1.3× compiling it; an HTML template of
 * ~30 KB reviews in under 2 ms. A synthetic ~30 KB HTML template is built from samples/shipping-update.html
 * so that figure is reproducible without the corpus.
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import mjml2html from 'mjml';
import * as cheerio from 'cheerio';
import { loadBundle } from '../dist/node/bundle.js';
import { Engine } from '../dist/node/engine.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const iterations = Number(opt("--iterations", 100));
const corpus = opt('--corpus');
let counter = 0; // varies inputs between iterations (see vary())

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function time(fn, n = iterations) {
  for (let i = 0; i < Math.min(10, n); i++) await fn(); // warm-up (JIT, caches)
  const xs = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

function walk(dir, out = []) {
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(html|hbs|mjml)$/i.test(e)) out.push(p);
  }
  return out;
}

const engine = new Engine({ configPath: null, cwd: root });
const inputs = [];
for (const f of readdirSync(path.join(root, 'samples')).filter((f) => /\.(html|hbs|mjml)$/.test(f)).sort()) inputs.push({ label: `samples/${f}`, file: path.join(root, 'samples', f) });
if (corpus) {
  if (!existsSync(corpus)) throw new Error(`no such folder: ${corpus}`);
  for (const f of walk(corpus).sort()) inputs.push({ label: path.relative(corpus, f), file: f });
}

// A reproducible ~30 KB HTML template: the shipping-update sample with its body rows repeated.
const base = readFileSync(path.join(root, 'samples/shipping-update.html'), 'utf8');
const bodyStart = base.indexOf('<body');
const bodyEnd = base.lastIndexOf('</body>');
const body = base.slice(base.indexOf('>', bodyStart) + 1, bodyEnd);
let big = base.slice(0, base.indexOf('>', bodyStart) + 1);
while (Buffer.byteLength(big) < 30 * 1024) big += body;
big += base.slice(bodyEnd);

const rows = [];
for (const input of inputs) {
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

async function measure(label, source) {
  const text = source.html.text;
  const kb = Buffer.byteLength(text) / 1024;
  const reviewMs = await time(() => engine.review(vary(source)));
  const cachedMs = await time(() => engine.review(source));
  if (source.kind === 'mjml') {
    const compileMs = await time(() => mjml2html(vary(source).html.text, { validationLevel: 'soft', ignoreIncludes: true, minify: false, beautify: false }));
    return { label, kind: 'mjml', kb, reviewMs, cachedMs, baseMs: compileMs, base: 'mjml2html' };
  }
  const loadMs = await time(() => cheerio.load(vary(source).html.text));
  return { label, kind: 'html', kb, reviewMs, cachedMs, baseMs: loadMs, base: 'cheerio.load' };
}

const pad = (s, n) => String(s).padEnd(n);
const num = (x) => x.toFixed(3).padStart(8);
console.log(`inboxlint bench — node ${process.version}, ${iterations} iterations per figure, median warm times in ms\n`);
console.log(`${pad('template', 46)} ${pad('kind', 5)} ${'KB'.padStart(6)} ${'review'.padStart(8)} ${'cached'.padStart(8)} ${'parser'.padStart(8)}  ratio  (parser)`);
for (const r of rows) {
  console.log(`${pad(r.label.slice(-46), 46)} ${pad(r.kind, 5)} ${r.kb.toFixed(1).padStart(6)} ${num(r.reviewMs)} ${num(r.cachedMs)} ${num(r.baseMs)}  ${(r.reviewMs / r.baseMs).toFixed(2).padStart(5)}× (${r.base})`);
}
console.log('review = fresh input each time (no content caches); cached = same input repeated; ratio uses review.');
const m = rows.filter((r) => r.kind === 'mjml');
const h = rows.filter((r) => r.kind === 'html');
const ratioM = median(m.map((r) => r.reviewMs / r.baseMs));
const big30 = rows.at(-1);
console.log('');
console.log(`MJML: median review/compile ratio ${ratioM.toFixed(2)}× over ${m.length} templates (goal ≤ 1.30×) ${ratioM <= 1.3 ? 'MET' : 'NOT MET'}`);
console.log(`HTML: median review ${median(h.map((r) => r.reviewMs)).toFixed(3)} ms over ${h.length} templates; median review/cheerio.load ratio ${median(h.map((r) => r.reviewMs / r.baseMs)).toFixed(2)}×`);
console.log(`HTML ~30 KB: review ${big30.reviewMs.toFixed(3)} ms (goal < 2 ms) ${big30.reviewMs < 2 ? 'MET' : 'NOT MET'}`);
