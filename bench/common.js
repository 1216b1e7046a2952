/** What bench/run.js and bench/content.js share: options, template files, and which rules are "content". */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The value after `--name` on the command line, or `dflt`. */
export function option(name, dflt) {
  const args = process.argv.slice(2);
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
}

/** The median of a list of numbers (the upper one of the two middle values for an even count). */
export function median(xs) {
  return [...xs].sort((a, b) => a - b)[xs.length >> 1];
}

/** Template files under `dir` (recursively) whose names match `pattern`. */
export function templateFiles(dir, pattern, out = []) {
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) templateFiles(p, pattern, out);
    else if (pattern.test(e)) out.push(p);
  }
  return out;
}

// Rule sets: the foundation (issue 2: syntax, HTML, accessibility, subject and text-part rules), and the
// content and compliance rules whose cost issue 5 bounds.
const FOUNDATION = new Set(['content/missing-text-part', 'content/subject-missing', 'content/subject-length']);
export const isFoundation = (r) => ['syntax', 'html', 'accessibility'].includes(r.meta.category) || FOUNDATION.has(r.meta.id);
export const isContent = (r) => (r.meta.category === 'content' || r.meta.category === 'compliance') && !FOUNDATION.has(r.meta.id);

/**
 * How fast this host runs JavaScript right now: the median and least ms of five runs of a fixed loop
 * (integer arithmetic, no allocation, no I/O). The machines these benches run on are shared: a loop like it
 * took from 410 to 810 ms within minutes on an otherwise idle machine (session 17), which the load average
 * does not show; this one takes ~57 ms there at a quiet moment. Printed beside the figures, before and
 * after, so that a slow run can be told from a slow host.
 */
export function hostCheck() {
  const times = [];
  let s = 0;
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    for (let i = 0; i < 5e7; i++) s = (s + (i % 7)) | 0;
    times.push(performance.now() - t);
  }
  if (s === 0.5) console.log(s); // never true: keeps the loop's result alive
  return { median: median(times), min: Math.min(...times) };
}

/** hostCheck() as a line of a bench's output. */
export function hostLine(when) {
  const { median: m, min } = hostCheck();
  return `host check (${when}): a fixed 50M-step loop took ${m.toFixed(0)} ms median, ${min.toFixed(0)} ms least of 5 (the higher, the more the host's CPU was shared; the figures scale with it)`;
}
