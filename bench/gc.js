#!/usr/bin/env node
/**
 * npm run bench — what a review allocates and what of it outlives the review, for V8's garbage collector.
 *
 *   node --expose-gc bench/gc.js [--iterations N]
 *
 * For the synthetic 30 KB HTML template (bench/synthetic.js, with its data and schema) and samples/newsletter.mjml,
 * after a warm-up: the bytes a review allocates (heap growth over reviews between which no collection runs:
 * measured in a child process with a 64 MB young generation), what survives a young-generation collection
 * (scavenge) run right after a review — objects a review should have left to die young, but which something
 * kept (an old object pointing at them: a cache entry, an accessor in a hidden class, see core/memo.ts and
 * HTML_PART in analysis/template-doc.ts) — and the scavenges' pauses and the bytes they promoted per review,
 * over N reviews in a row (default 300). Whatever survives is copied by each scavenge and then promoted into the
 * old generation, where it stays as garbage until a mark-compact: survivors cost far more than allocation.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { PerformanceObserver, performance, constants } from 'node:perf_hooks';
import { loadBundle } from '../dist/node/bundle.js';
import { Engine } from '../dist/node/engine.js';
import { review } from '../dist/review/review.js';
import { option, root } from './common.js';
import { synthetic30k } from './synthetic.js';

const iterations = Number(option('--iterations', 300));
const mode = option('--mode', 'main');
if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');

const engine = new Engine({ configPath: null, cwd: root });
const config = engine.config();
const run = (source) => review(source, { config, rules: engine.rules, caches: engine.caches });
let counter = 0;
/** A slightly different input each time (as bench/run.js's "fresh" reviews): no cache keyed by content makes a review free. */
function vary(source) {
  const n = ++counter;
  const out = { ...source, html: { ...source.html, text: `${source.html.text}\n<!-- ${n} -->` } };
  for (const p of ['data', 'schema']) if (source[p]) out[p] = { ...source[p], text: source[p].text + ' '.repeat(n % 997) + '\n'.repeat(1 + Math.floor(n / 997)) };
  return out;
}
const html = await loadBundle(path.join(root, 'samples/shipping-update.html'), { cwd: root });
html.html = { ...html.html, text: synthetic30k(), path: 'synthetic-30k.html' };
html.path = 'synthetic-30k.html';
const mjml = await loadBundle(path.join(root, 'samples/newsletter.mjml'), { cwd: root });
const cases = { 'synthetic 30 KB HTML': html, 'samples/newsletter.mjml': mjml };

const gcs = [];
new PerformanceObserver((list) => gcs.push(...list.getEntries())).observe({ entryTypes: ['gc'] });
const tick = () => new Promise((resolve) => setImmediate(resolve));
const young = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_used_size;
const old = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'old_space').space_used_size;
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const MB = (b) => `${(b / 1e6).toFixed(2)} MB`;

if (mode === 'alloc') {
  // Bytes allocated per review: heap growth over single reviews that ran with no collection (a 64 MB young generation).
  const out = {};
  for (const [label, source] of Object.entries(cases)) {
    for (let i = 0; i < 50; i++) await run(vary(source));
    const per = [];
    for (let i = 0; i < 30; i++) {
      const input = vary(source);
      globalThis.gc();
      await tick();
      const t0 = performance.now();
      const h0 = process.memoryUsage().heapUsed;
      await run(input);
      const h1 = process.memoryUsage().heapUsed;
      const t1 = performance.now();
      await tick();
      if (!gcs.some((e) => e.startTime >= t0 && e.startTime <= t1)) per.push(h1 - h0);
    }
    out[label] = per.length ? median(per) : NaN;
  }
  process.send(out);
  process.exit(0);
}

const allocated = await new Promise((resolve, reject) => {
  const child = fork(fileURLToPath(import.meta.url), ['--mode', 'alloc'], { execArgv: ['--expose-gc', '--max-semi-space-size=64'] });
  child.on('message', resolve);
  child.on('error', reject);
});

console.log(`inboxlint bench:gc — node ${process.version}; warm reviews (every rule, offline), ${iterations} in a row for the scavenge figures`);
console.log(`${'template'.padEnd(26)} ${'allocated'.padStart(10)} ${'survives'.padStart(10)} ${'scavenges'.padStart(10)} ${'pause'.padStart(9)} ${'promoted'.padStart(10)}   (per review)`);
for (const [label, source] of Object.entries(cases)) {
  for (let i = 0; i < 200; i++) await run(vary(source));
  // What survives a scavenge run right after a review (after a full collection before it: no old garbage).
  const survivors = [];
  for (let i = 0; i < 15; i++) {
    const input = vary(source);
    globalThis.gc();
    await tick();
    await run(input);
    await tick();
    globalThis.gc({ type: 'minor' });
    survivors.push(young());
  }
  // Scavenges over reviews in a row: how many, their pauses, and how much the old generation grew between
  // the mark-compacts (what scavenges promoted; the old generation only shrinks at a mark-compact).
  globalThis.gc();
  await tick();
  const from = gcs.length;
  let promoted = 0;
  let before = old();
  for (let i = 0; i < iterations; i++) {
    await run(vary(source));
    const now = old();
    if (now > before) promoted += now - before;
    before = now;
  }
  await new Promise((resolve) => setTimeout(resolve, 50)); // gc entries are delivered asynchronously
  const scavenges = gcs.slice(from).filter((e) => (e.detail?.kind ?? e.kind) === constants.NODE_PERFORMANCE_GC_MINOR);
  const pause = scavenges.reduce((a, e) => a + e.duration, 0);
  console.log(`${label.padEnd(26)} ${MB(allocated[label]).padStart(10)} ${MB(median(survivors)).padStart(10)} ${(scavenges.length / iterations).toFixed(2).padStart(10)} ${`${(pause / iterations).toFixed(2)} ms`.padStart(9)} ${MB(promoted / iterations).padStart(10)}`);
}
console.log('allocated: heap growth of one review with no collection; survives: left in the young generation by a scavenge run right after a review;');
console.log('pause: scavenges\' main-thread pauses; promoted: old-generation growth between mark-compacts (mostly what scavenges promoted). Machine load average: ' + (await import('node:os')).loadavg()[0].toFixed(1));
