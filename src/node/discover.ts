/** Command-line arguments (files, directories, globs) → primary template files. */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { PRIMARY_EXTS, SIDECARS, baseOf } from './bundle.js';

const IGNORE = ['**/node_modules/**', '**/.git/**', '**/dist/**', '**/*.partials/**'];

export class UsageError extends Error {}

/** Is this file a template's primary file, given the other files beside it? */
function isPrimary(file: string, all: Set<string>): boolean {
  const lower = file.toLowerCase();
  if (SIDECARS.some((s) => lower.endsWith(s))) return false;
  if (PRIMARY_EXTS.some((e) => lower.endsWith(e))) return true;
  if (lower.endsWith('.txt')) {
    // A .txt is the text part of a sibling primary, or a text-only template of its own.
    const { dir, name } = baseOf(file);
    return ![...PRIMARY_EXTS, '.json'].some((e) => all.has(path.join(dir, name + e)));
  }
  // Any other .json may be a provider template; the loader decides and skips the rest.
  return lower.endsWith('.json') && !/(^|[\\/])(package(-lock)?|tsconfig|inboxlint\.config)\.json$/.test(lower);
}

export async function discover(args: string[], cwd = process.cwd()): Promise<string[]> {
  const found = new Set<string>();
  for (const arg of args) {
    if (isDynamicPattern(arg)) {
      const files = await glob(arg, { cwd, absolute: true, ignore: IGNORE, onlyFiles: true });
      files.forEach((f) => found.add(path.normalize(f)));
      continue;
    }
    const abs = path.resolve(cwd, arg);
    const st = await stat(abs).catch(() => undefined);
    if (!st) throw new UsageError(`No such file or directory: ${arg}`);
    if (st.isDirectory()) {
      const files = await glob('**/*.{html,hbs,mjml,txt,json}', { cwd: abs, absolute: true, ignore: IGNORE, onlyFiles: true, caseSensitiveMatch: false });
      files.forEach((f) => found.add(path.normalize(f)));
    } else {
      found.add(abs);
    }
  }
  // Sidecars named explicitly are still sidecars; a file named explicitly is reviewed even with another extension.
  const explicit = new Set(args.filter((a) => !isDynamicPattern(a)).map((a) => path.resolve(cwd, a)));
  return [...found].filter((f) => isPrimary(f, found) || (explicit.has(f) && !SIDECARS.some((s) => f.toLowerCase().endsWith(s)))).sort();
}
