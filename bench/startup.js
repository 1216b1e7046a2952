/**
 * Start-up of the command line, timed as hyperfine does: each command runs as a fresh process, after
 * warm-up runs, N times; the figures are wall time per run (mean ± standard deviation, median, min, max).
 * Goals (issue 15): `--version` ≤ 150 ms, one HTML file ≤ 400 ms. Run after `npm run build`.
 *   node bench/startup.js [--runs 10] [--warmup 2]
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostLine } from './common.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const runs = arg('--runs', 10);
const warmup = arg('--warmup', 2);
const bin = path.join(root, 'bin', 'inboxlint.js');

const cases = [
  // Node itself, for scale: what a start costs on this machine at this load before inboxlint runs a line.
  { name: 'node (empty)', node: ['-e', '0'] },
  { name: '--version', args: ['--version'], goal: 150 },
  { name: 'one HTML file', args: ['--no-config', 'samples/broken-active-content.html'], goal: 400 },
  // The same without a JSON Schema beside it: ajv is not loaded, no schema is compiled.
  { name: 'HTML, no schema', args: ['--no-config', 'samples/content-spam-en.html'] },
  { name: 'one MJML file', args: ['--no-config', 'samples/broken-mjml-dropped-loop.mjml'] },
];

function once(c) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, c.node ?? [bin, ...c.args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${(c.node ?? c.args).join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

// Wall time depends on what else runs: the load average is printed with the figures.
console.log(`start-up (fresh process per run, ${warmup} warm-up + ${runs} runs; node ${process.version}; load average ${loadavg()[0].toFixed(1)})`);
console.log(hostLine('after the runs'));
for (const c of cases) {
  for (let i = 0; i < warmup; i++) once(c);
  const t = Array.from({ length: runs }, () => once(c)).sort((a, b) => a - b);
  const mean = t.reduce((a, b) => a + b, 0) / t.length;
  const sd = Math.sqrt(t.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, t.length - 1));
  const median = t[Math.floor(t.length / 2)];
  const goal = c.goal ? `  goal ≤ ${c.goal} ms: ${median <= c.goal ? 'MET' : 'NOT MET'} (median)` : '';
  console.log(`  ${c.name.padEnd(15)} ${mean.toFixed(0).padStart(5)} ms ± ${sd.toFixed(0).padStart(3)}  median ${median.toFixed(0)}  min ${t[0].toFixed(0)}  max ${t.at(-1).toFixed(0)}${goal}`);
}
