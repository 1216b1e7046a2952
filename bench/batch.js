#!/usr/bin/env node
/**
 * Batches (issue 13): N templates in one CLI run — wall time and peak RSS of the whole process, its worker
 * threads included — and where the time goes, per rule, over the same templates.
 *
 *   node bench/batch.js [--counts 1000,10000] [--format json] [--threads n]
 *
 * The templates are the samples' bundles (HTML, Handlebars, MJML, AWS/Tencent JSON, with their text, data,
 * schema and meta files), copied into a temporary folder as many times as needed, each copy with a comment
 * of its own so that no cache keyed by content makes a copy free. Goals: 1,000 templates in <= 3 s and
 * <= 200 MB; 10,000 with RSS that does not grow with the count.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { option, root } from './common.js';

const counts = option('--counts', '1000,10000').split(',').map(Number);
const format = option('--format', 'json');
const threads = option('--threads');
const bin = path.join(root, 'bin/inboxlint.js');
const samples = path.join(root, 'samples');

const PRIMARY = /\.(html|hbs|mjml)$/;
const PROVIDER = new Set(['aws-account-alert.json', 'tencent-verify.json']);
const primaries = readdirSync(samples).filter((f) => PRIMARY.test(f) || PROVIDER.has(f)).sort();
const all = readdirSync(samples);

/** `n` templates under `dir`, 200 per folder (as a real repository spreads them). */
function generate(dir, n) {
  for (let i = 0; i < n; i++) {
    const file = primaries[i % primaries.length];
    const base = file.replace(/\.(html|hbs|mjml|json)$/, '');
    const copy = Math.floor(i / primaries.length);
    const sub = path.join(dir, `d${Math.floor(i / 200)}`);
    mkdirSync(sub, { recursive: true });
    const name = `${base}-${copy}`;
    for (const f of all) {
      if (f !== file && !(f.startsWith(`${base}.`) && /\.(txt|data\.json|meta\.json|schema\.json|partials)$/.test(f))) continue;
      const target = path.join(sub, f.replace(base, name));
      if (f === file && !file.endsWith('.json')) writeFileSync(target, `${readFileSync(path.join(samples, f), 'utf8')}\n<!-- copy ${i} -->\n`);
      else if (f.endsWith('.partials')) {
        // A folder of partials: copy it whole.
        mkdirSync(target, { recursive: true });
        for (const p of readdirSync(path.join(samples, f))) copyFileSync(path.join(samples, f, p), path.join(target, p));
      } else copyFileSync(path.join(samples, f), target);
    }
  }
}

/** Runs the CLI; the hook prints the process's peak RSS (all threads) on exit. */
function cli(dir) {
  const hook = `data:text/javascript,${encodeURIComponent("import { writeSync } from 'node:fs'; process.on('exit', () => { const u = process.resourceUsage(); writeSync(2, `\\nmaxrss ${u.maxRSS} cpu ${u.userCPUTime + u.systemCPUTime}\\n`); });")}`;
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', hook, bin, dir, '--no-config', '-f', format, '-o', path.join(dir, '..', 'out.txt')], {
    encoding: 'utf8',
    env: { ...process.env, ...(threads ? { INBOXLINT_THREADS: threads } : {}) },
    maxBuffer: 1 << 26,
  });
  const ms = performance.now() - t0;
  const rss = Number(/maxrss (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
  // CPU time of the whole process (every thread: review threads, V8's GC and compiler), which other work on
  // the machine inflates far less than wall time.
  const cpu = Number(/ cpu (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1e6;
  const out = readFileSync(path.join(dir, '..', 'out.txt'), 'utf8');
  const reviewed = format === 'json' ? JSON.parse(out).results.length : NaN;
  return { ms, rss, cpu, status: r.status, reviewed, stderr: r.stderr.replace(/\nmaxrss \d+ cpu \d+\n/, '').trim() };
}

console.log(`inboxlint bench:batch — ${primaries.length} sample bundles copied to N templates, one CLI run each (-f ${format}, ${availableParallelism()} cores)`);
const rows = [];
for (const n of counts) {
  const top = mkdtempSync(path.join(tmpdir(), 'inboxlint-batch-'));
  const dir = path.join(top, 'templates');
  try {
    generate(dir, n);
    const r = cli(dir);
    if (r.stderr) console.log(`  stderr: ${r.stderr.slice(0, 300)}`);
    rows.push({ n, ...r });
    console.log(`${String(n).padStart(6)} templates: ${(r.ms / 1000).toFixed(2)} s, ${r.cpu.toFixed(2)} s CPU (all threads), peak RSS ${r.rss.toFixed(0)} MB, ${(r.ms / n).toFixed(2)} ms/template, exit ${r.status}, ${r.reviewed} results`);
  } finally {
    rmSync(top, { recursive: true, force: true });
  }
}
const first = rows.find((r) => r.n === 1000);
if (first) console.log(`1,000 templates: goal <= 3 s and <= 200 MB: ${first.ms <= 3000 && first.rss <= 200 ? 'met' : 'NOT met'}`);
if (rows.length >= 2) {
  const [a, b] = [rows[0], rows[rows.length - 1]];
  console.log(`RSS ${a.n} -> ${b.n} templates: ${a.rss.toFixed(0)} -> ${b.rss.toFixed(0)} MB (${(b.rss / a.rss).toFixed(2)}x for ${(b.n / a.n).toFixed(0)}x the templates)`);
}

// Where the time goes: the same kind of batch reviewed in this process, per stage and per rule.
const { Engine } = await import('../dist/node/engine.js');
const { loadBundle } = await import('../dist/node/bundle.js');
const top = mkdtempSync(path.join(tmpdir(), 'inboxlint-batch-'));
try {
  const n = 400;
  generate(path.join(top, 't'), n);
  const engine = new Engine({ configPath: null, cwd: root });
  const files = [];
  for (const d of readdirSync(path.join(top, 't'))) for (const f of readdirSync(path.join(top, 't', d))) if (PRIMARY.test(f) || /^(aws-account-alert|tencent-verify)-\d+\.json$/.test(f)) files.push(path.join(top, 't', d, f));
  const stage = { load: 0, review: 0 };
  const rules = {};
  const listings = new Map();
  for (const [i, f] of files.entries()) {
    const t0 = performance.now();
    // As the command line's batch reads (batch.ts: synchronous reads, listings shared by the run).
    const src = await loadBundle(f, { cwd: top, listings, syncReads: true });
    const t1 = performance.now();
    const r = await engine.review(src);
    const t2 = performance.now();
    if (i < 40) continue; // warm-up
    stage.load += t1 - t0;
    stage.review += t2 - t1;
    for (const [id, ms] of Object.entries(r.timings)) rules[id] = (rules[id] ?? 0) + ms;
  }
  const m = files.length - 40;
  const ruleSum = Object.values(rules).reduce((a, b) => a + b, 0);
  console.log(`\nwhere the time goes (one thread, ${m} templates after warm-up, ms per template):`);
  console.log(`  load (read files)            ${(stage.load / m).toFixed(3)}`);
  console.log(`  review                       ${(stage.review / m).toFixed(3)}`);
  console.log(`    parse + decision + report  ${((stage.review - ruleSum) / m).toFixed(3)}`);
  console.log(`    rules                      ${(ruleSum / m).toFixed(3)}`);
  for (const [id, ms] of Object.entries(rules).sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`      ${id.padEnd(34)} ${(ms / m).toFixed(3)}`);
} finally {
  rmSync(top, { recursive: true, force: true });
}
const [l1] = loadavg();
console.log(`machine load average: ${l1.toFixed(1)} on ${availableParallelism()} cores (other work on the machine slows every figure)`);
