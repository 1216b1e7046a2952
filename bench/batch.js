#!/usr/bin/env node
/**
 * Batches (issue 13): N templates in one CLI run — wall time and peak RSS of the whole process, its worker
 * threads included — and where the time goes, per rule, over the same templates.
 *
 *   node bench/batch.js [--counts 1000,10000] [--format json] [--threads n[,m...]]
 *
 * On Linux the CPU time is split by thread: the review threads (this process's main thread and its worker
 * threads) and V8's own threads (the optimising compiler and the garbage collector, shared by every review
 * thread). `--threads 1,2` runs each count with each number of review threads, to compare them.
 *
 * The templates are the samples' bundles (HTML, Handlebars, MJML, AWS/Tencent JSON, with their text, data,
 * schema and meta files), copied into a temporary folder as many times as needed, each copy with a comment
 * of its own so that no cache keyed by content makes a copy free. Goals: 1,000 templates in <= 3 s and
 * <= 200 MB; 10,000 with RSS that does not grow with the count.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { clearInterval, setInterval } from 'node:timers';
import { hostLine, option, root } from './common.js';

const counts = option('--counts', '1000,10000').split(',').map(Number);
const format = option('--format', 'json');
const threadCounts = option('--threads', '').split(',').filter(Boolean);
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

/**
 * Runs the CLI; the hook prints the process's peak RSS and CPU time (all threads) on exit, and each review
 * thread's id as it starts, so that the CPU time of the threads read from /proc can be told apart.
 */
async function cli(dir, threads) {
  const hook = `data:text/javascript,${encodeURIComponent("import { readlinkSync, writeSync } from 'node:fs'; import { isMainThread } from 'node:worker_threads'; try { writeSync(2, `\\nreview-thread ${readlinkSync('/proc/thread-self').split('/').pop()}\\n`); } catch {} if (isMainThread) process.on('exit', () => { const u = process.resourceUsage(); writeSync(2, `\\nmaxrss ${u.maxRSS} cpu ${u.userCPUTime + u.systemCPUTime}\\n`); });")}`;
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', hook, bin, dir, '--no-config', '-f', format, '-o', path.join(dir, '..', 'out.txt')], {
    env: { ...process.env, ...(threads ? { INBOXLINT_THREADS: threads } : {}) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
  // CPU ticks of every thread, polled (a worker thread's are gone once it exits).
  const ticks = new Map();
  const tasks = `/proc/${child.pid}/task`;
  const poll = () => {
    let ids;
    try {
      ids = readdirSync(tasks);
    } catch {
      return;
    }
    for (const id of ids) {
      try {
        const stat = readFileSync(`${tasks}/${id}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        ticks.set(id, Number(f[11]) + Number(f[12]));
      } catch {
        // the thread has just exited
      }
    }
  };
  const timer = existsSync('/proc/self/task') ? setInterval(poll, 20) : undefined;
  const status = await new Promise((resolve) => child.on('close', resolve));
  clearInterval(timer);
  const ms = performance.now() - t0;
  const rss = Number(/maxrss (\d+)/.exec(stderr)?.[1] ?? NaN) / 1024;
  // CPU time of the whole process (every thread: review threads, V8's GC and compiler), which other work on
  // the machine inflates far less than wall time.
  const cpu = Number(/ cpu (\d+)/.exec(stderr)?.[1] ?? NaN) / 1e6;
  const reviewers = new Set([...stderr.matchAll(/review-thread (\d+)/g)].map((m) => m[1]));
  let split;
  if (timer && ticks.size) {
    const tick = 100; // USER_HZ on Linux
    const reviewing = [...reviewers].map((id) => (ticks.get(id) ?? 0) / tick).filter((x) => x > 0);
    const v8 = [...ticks].filter(([id]) => !reviewers.has(id)).reduce((a, [, v]) => a + v / tick, 0);
    split = { reviewing, v8 };
  }
  const out = readFileSync(path.join(dir, '..', 'out.txt'), 'utf8');
  const reviewed = format === 'json' ? JSON.parse(out).results.length : NaN;
  return { ms, rss, cpu, split, status, reviewed, stderr: stderr.replace(/\n(maxrss \d+ cpu \d+|review-thread \d+)\n/g, '\n').trim() };
}

console.log(`inboxlint bench:batch — ${primaries.length} sample bundles copied to N templates, one CLI run each (-f ${format}, ${availableParallelism()} cores)`);
console.log(hostLine('before'));
const rows = [];
for (const n of counts) {
  const top = mkdtempSync(path.join(tmpdir(), 'inboxlint-batch-'));
  const dir = path.join(top, 'templates');
  try {
    generate(dir, n);
    for (const threads of threadCounts.length ? threadCounts : [undefined]) {
      const r = await cli(dir, threads);
      if (r.stderr) console.log(`  stderr: ${r.stderr.slice(0, 300)}`);
      rows.push({ n, threads, ...r });
      const label = threads ? ` on ${threads} review thread${threads === '1' ? '' : 's'}` : '';
      console.log(`${String(n).padStart(6)} templates${label}: ${(r.ms / 1000).toFixed(2)} s, ${r.cpu.toFixed(2)} s CPU (all threads), peak RSS ${r.rss.toFixed(0)} MB, ${(r.ms / n).toFixed(2)} ms/template, exit ${r.status}, ${r.reviewed} results`);
      if (r.split) {
        const { reviewing, v8 } = r.split;
        console.log(`${' '.repeat(8)}CPU by thread: reviewing ${reviewing.map((x) => x.toFixed(2)).join(' + ')} s (main thread${reviewing.length > 1 ? ' + workers' : ''}), V8's compiler and GC threads ${v8.toFixed(2)} s`);
      }
    }
  } finally {
    rmSync(top, { recursive: true, force: true });
  }
}
const first = rows.find((r) => r.n === 1000);
if (first && threadCounts.length <= 1) console.log(`1,000 templates: goal <= 3 s and <= 200 MB: ${first.ms <= 3000 && first.rss <= 200 ? 'met' : 'NOT met'}`);
if (counts.length >= 2 && threadCounts.length <= 1) {
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
  // Review time by position in the run: a thread's JIT warm-up (every review thread pays its own).
  const byHundred = [];
  for (const [i, f] of files.entries()) {
    const t0 = performance.now();
    // As the command line's batch reads (batch.ts: synchronous reads, listings shared by the run).
    const src = await loadBundle(f, { cwd: top, listings, syncReads: true });
    const t1 = performance.now();
    const r = await engine.review(src);
    const t2 = performance.now();
    byHundred[Math.floor(i / 100)] = (byHundred[Math.floor(i / 100)] ?? 0) + (t2 - t1) / 100;
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
  console.log(`  review by position in a fresh thread (JIT warm-up, paid again by every review thread): ${byHundred.map((ms, k) => `${k * 100 + 1}-${(k + 1) * 100}: ${ms.toFixed(2)}`).join(', ')} ms/template`);
  // The same files again on the now warm thread: what a review costs once the JIT has done its work, so that
  // the run's figure can be read as warm-up plus this (session 19, 1,000 templates in one process with the
  // command line's V8 flags: 3.3-3.5 ms/template in the first pass, 2.0-2.3 in the later ones).
  let again = 0;
  for (const f of files) {
    const src = await loadBundle(f, { cwd: top, listings, syncReads: true });
    const t = performance.now();
    await engine.review(src);
    again += performance.now() - t;
  }
  console.log(`  review, a second pass over the same ${files.length} templates (the thread warm): ${(again / files.length).toFixed(3)} ms/template, against ${(byHundred.reduce((a, b) => a + b, 0) / byHundred.length).toFixed(3)} in the first`);
} finally {
  rmSync(top, { recursive: true, force: true });
}
const [l1] = loadavg();
console.log(`machine load average: ${l1.toFixed(1)} on ${availableParallelism()} cores (other work on the machine slows every figure)`);
console.log(hostLine('after'));
