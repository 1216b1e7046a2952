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
