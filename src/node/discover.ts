/** Command-line arguments (files, directories, globs) → primary template files. */
import { readdir, realpath, stat } from 'node:fs/promises';
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

const TEMPLATE_FILE = /\.(?:html|hbs|mjml|txt|json)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist']);

/**
 * The template files under a folder. Each real folder is read once, so symbolic links back to an ancestor
 * (or two links to one folder) do not review the same templates again; folders that cannot be read are
 * reported through `problems`, not skipped in silence.
 */
async function walk(root: string, problems: string[], seenDirs: Set<string>, seenFiles: Map<string, { path: string; link: boolean }>): Promise<void> {
  const stack = [root];
  while (stack.length) {
    const dir = stack.pop()!;
    let real: string;
    try {
      real = await realpath(dir);
    } catch (e) {
      problems.push(`cannot read folder ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      continue;
    }
    if (seenDirs.has(real)) continue;
    seenDirs.add(real);
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      problems.push(`cannot read folder ${dir}: ${(e as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : ((e as Error).message ?? String(e))}`);
      continue;
    }
    const subdirs: string[] = [];
    for (const ent of entries) {
      const full = path.join(dir, ent.name);
      let isDir = ent.isDirectory();
      let isFile = ent.isFile();
      if (ent.isSymbolicLink()) {
        const st = await stat(full).catch(() => undefined);
        isDir = !!st?.isDirectory();
        isFile = !!st?.isFile();
      }
      if (isDir) {
        if (!SKIP_DIRS.has(ent.name) && !ent.name.toLowerCase().endsWith('.partials')) subdirs.push(full);
      } else if (TEMPLATE_FILE.test(ent.name) && (isFile || !ent.isSymbolicLink())) {
        const link = ent.isSymbolicLink();
        const key = link ? await realpath(full).catch(() => full) : path.join(real, ent.name);
        // One review per real file: by its own name where the walk sees it, else by the first link to it.
        const prev = seenFiles.get(key);
        if (prev && (prev.link === false || link)) continue;
        seenFiles.set(key, { path: path.normalize(full), link });
      }
    }
    // Depth-first in name order.
    stack.push(...subdirs.sort().reverse());
  }
}

export async function discover(args: string[], cwd = process.cwd(), problems: string[] = []): Promise<string[]> {
  const found = new Set<string>();
  const seenDirs = new Set<string>();
  const seenFiles = new Map<string, { path: string; link: boolean }>();
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
      await walk(abs, problems, seenDirs, seenFiles);
    } else {
      found.add(abs);
    }
  }
  for (const f of seenFiles.values()) found.add(f.path);
  // Sidecars named explicitly are still sidecars; a file named explicitly is reviewed even with another extension.
  const explicit = new Set(args.filter((a) => !isDynamicPattern(a)).map((a) => path.resolve(cwd, a)));
  return [...found].filter((f) => isPrimary(f, found) || (explicit.has(f) && !SIDECARS.some((s) => f.toLowerCase().endsWith(s)))).sort();
}
