/**
 * Which files not to review: `.inboxlintignore` in the working directory (gitignore syntax, as ESLint's
 * `.eslintignore` was) and `--ignore-pattern` patterns (same syntax, relative to the working directory).
 * Matching is the `ignore` package's implementation of gitignore: negation, folder patterns, anchoring.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import ignore from 'ignore';

export const IGNORE_FILE = '.inboxlintignore';

export interface IgnoreOptions {
  /** Read `.inboxlintignore` from cwd (default true; --no-ignore turns both off). */
  useFile?: boolean;
  patterns?: string[];
}

/** A predicate on absolute paths; files outside cwd are never ignored by these patterns. */
export function loadIgnore(cwd: string, opts: IgnoreOptions = {}): ((file: string) => boolean) | undefined {
  const ig = ignore();
  let any = false;
  if (opts.useFile !== false) {
    let text: string | undefined;
    try {
      text = readFileSync(path.join(cwd, IGNORE_FILE), 'utf8');
    } catch {
      text = undefined;
    }
    if (text !== undefined) {
      ig.add(text);
      any = true;
    }
  }
  if (opts.patterns?.length) {
    ig.add(opts.patterns);
    any = true;
  }
  if (!any) return undefined;
  return (file) => {
    const rel = path.relative(cwd, file);
    if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return false;
    return ig.ignores(rel.split(path.sep).join('/'));
  };
}
