/**
 * Command-line arguments (files, directories, globs) → the files that are templates.
 *
 * Which files are templates (see README, "Which files are templates"):
 * - `.html`, `.hbs`, `.mjml` files, except partials and layouts: files in a `partials/`, `layouts/` or
 *   `includes/` folder (also with a leading `_`), a bundle's `<name>.partials/` folder, and any file another
 *   template pulls in with `<mj-include>`. Those are reviewed as part of the templates that include them.
 * - `.json` files that are AWS SES or Tencent Cloud SES templates (the loader decides; other JSON is skipped).
 * - A `.txt` beside a template of the same name is its text part. A lone `.txt` (license.txt, README.txt) is a
 *   template only with its own `<name>.meta.json`, or where `settings.textTemplates` (globs) says text-only
 *   templates live.
 * A file named explicitly on the command line is reviewed whatever it is (sidecars excepted).
 */
import { stat, readFile, realpath } from 'node:fs/promises';
import { readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { PRIMARY_EXTS, SIDECARS, baseOf, PARTIAL_CALL } from './bundle.js';
import { findMjIncludes } from '../parse/mj-include.js';
import { withoutTrailing } from '../core/chars.js';
import { DEFAULT_MAX_FILE_BYTES } from './read.js';

const IGNORE = ['**/node_modules/**', '**/.git/**', '**/dist/**', '**/*.partials/**'];

/** Folders whose files are partials or layouts, never templates of their own. */
export const PARTIAL_DIRS = new Set(['partials', 'layouts', 'includes', '_partials', '_layouts', '_includes']);

export class UsageError extends Error {}

export interface DiscoverOptions {
  /** Globs (relative to `cwd`) of folders or files where lone `.txt` files are text-only templates. */
  textTemplates?: string[];
  /** Folder the textTemplates globs are relative to (the config file's; default cwd). */
  textTemplatesBase?: string;
  /** Files not to review (.inboxlintignore, --ignore-pattern); see ./ignore.ts. */
  ignored?: (file: string) => boolean;
  /** Called for a file named on the command line that `ignored` leaves out (the CLI warns). */
  onIgnored?: (file: string) => void;
  /** A path that does not exist or a glob that matches no file is an error (default; ESLint's convention). */
  errorOnUnmatchedPattern?: boolean;
  /**
   * Stat and read with synchronous calls (for a thread that serves nothing else, as the CLI's): a folder of
   * 1,000 templates took ~105-110 ms of round trips to libuv's pool to scan for includes (one stat, and
   * readFile's open, stat, read and close, per file) and ~60 ms to resolve 4,581 real paths; 15-30 ms and
   * 12-16 ms with synchronous calls.
   */
  syncReads?: boolean;
}

function realOrSelf(f: string): string {
  try {
    return realpathSync.native(f);
  } catch {
    return f;
  }
}

/** Is this file a template's primary file, given the other files beside it? */
function isPrimary(file: string, all: Set<string>, root: string, isText: (f: string) => boolean): boolean {
  const lower = file.toLowerCase();
  if (SIDECARS.some((s) => lower.endsWith(s))) return false;
  const rel = path.relative(root, file).split(path.sep);
  if (rel.slice(0, -1).some((seg) => PARTIAL_DIRS.has(seg.toLowerCase()))) return false;
  if (PRIMARY_EXTS.some((e) => lower.endsWith(e))) return true;
  if (lower.endsWith('.txt')) {
    // A .txt is the text part of a sibling primary, or a text-only template where the user says so.
    const { dir, name } = baseOf(file);
    if ([...PRIMARY_EXTS, '.json'].some((e) => all.has(path.join(dir, name + e)))) return false;
    return all.has(path.join(dir, name + '.meta.json')) || isText(file);
  }
  // Any other .json may be a provider template; the loader decides and skips the rest.
  return lower.endsWith('.json') && !/(^|[\\/])(package(-lock)?|tsconfig|inboxlint\.config)\.json$/.test(lower);
}

/**
 * Files that another file among `files` pulls in: MJML `<mj-include>` (resolved as MJML does: relative to
 * the including file) and Handlebars `{{> name}}` (name.hbs|.handlebars|.html beside the caller).
 */
async function includedFiles(files: Iterable<string>, sync: boolean): Promise<Set<string>> {
  const included = new Set<string>();
  const scan = (f: string, text: string) => {
    for (const inc of findMjIncludes(text)) if (!path.isAbsolute(inc.path)) included.add(path.resolve(path.dirname(f), inc.path));
    if (!text.includes('{{')) return;
    for (const m of text.matchAll(PARTIAL_CALL)) {
      for (const ext of ['.hbs', '.handlebars', '.html']) included.add(path.resolve(path.dirname(f), ...m[1]!.split('/')) + ext);
    }
  };
  // Only regular files within the loader's size bound are read: a FIFO or device would block the walk, and
  // the loader refuses both (and a larger file) later, so nothing they include is reviewed with them.
  const readable = (st: Stats | undefined) => st !== undefined && st.isFile() && st.size <= DEFAULT_MAX_FILE_BYTES;
  const candidates = [...files].filter((f) => /\.(mjml|hbs|html)$/i.test(f));
  if (sync) {
    for (const f of candidates) {
      let text = '';
      try {
        if (readable(statSync(f))) text = readFileSync(f, 'utf8');
      } catch {
        // Unreadable: the loader reports it.
      }
      scan(f, text);
    }
    return included;
  }
  await Promise.all(
    candidates.map(async (f) => {
      const st = await stat(f).catch(() => undefined);
      if (!readable(st)) return;
      scan(f, await readFile(f, 'utf8').catch(() => ''));
    }),
  );
  return included;
}

export async function discover(args: string[], cwd = process.cwd(), options: DiscoverOptions = {}): Promise<string[]> {
  const found = new Map<string, string>(); // file → the folder its path is judged from
  const strict = options.errorOnUnmatchedPattern !== false;
  for (const arg of args) {
    if (isDynamicPattern(arg)) {
      const files = await glob(arg, { cwd, absolute: true, ignore: IGNORE, onlyFiles: true });
      if (!files.length && strict) throw new UsageError(`No files matching the pattern "${arg}" were found.`);
      files.forEach((f) => found.set(path.normalize(f), cwd));
      continue;
    }
    const abs = path.resolve(cwd, arg);
    const st = await stat(abs).catch(() => undefined);
    if (!st) {
      if (!strict) continue;
      throw new UsageError(`No such file or directory: ${arg}`);
    }
    if (st.isDirectory()) {
      const files = await glob('**/*.{html,hbs,mjml,txt,json}', { cwd: abs, absolute: true, ignore: IGNORE, onlyFiles: true, caseSensitiveMatch: false });
      // One review per real file: symbolic links back into the tree (or two links to one folder) would
      // otherwise review the same template again. The file's own path wins, else the first link in name order.
      // The real paths are asked for all at once: one at a time, each waited for a round trip to libuv's
      // pool, and 4,581 files took ~200 ms of an idle event loop (~60 ms at once).
      files.sort();
      const reals = options.syncReads ? files.map((f) => realOrSelf(f)) : await Promise.all(files.map((f) => realpath(f).catch(() => f)));
      const byReal = new Map<string, string>();
      for (let i = 0; i < files.length; i++) {
        const f = files[i]!;
        const real = reals[i]!;
        const prev = byReal.get(real);
        if (prev === undefined || (path.normalize(f) === real && prev !== real)) byReal.set(real, path.normalize(f));
      }
      for (const f of byReal.values()) found.set(f, abs);
    } else {
      found.set(abs, path.dirname(abs));
    }
  }
  if (options.ignored) {
    const named = new Set(args.filter((a) => !isDynamicPattern(a)).map((a) => path.resolve(cwd, a)));
    for (const f of [...found.keys()]) {
      if (!options.ignored(f)) continue;
      found.delete(f);
      if (named.has(f)) options.onIgnored?.(f);
    }
  }
  const all = new Set(found.keys());
  const textFiles = new Set<string>();
  if (options.textTemplates?.length) {
    // A glob names files or folders: `emails/text` means every .txt below it.
    const patterns = options.textTemplates.flatMap((g) => [g, `${withoutTrailing(g, '/')}/**/*.txt`]);
    for (const f of await glob(patterns, { cwd: options.textTemplatesBase ?? cwd, absolute: true, ignore: IGNORE, onlyFiles: true })) textFiles.add(path.normalize(f));
  }
  const isText = (f: string) => textFiles.has(f);
  const included = await includedFiles(all, options.syncReads === true);
  // Sidecars named explicitly are still sidecars; a file named explicitly is reviewed even with another extension.
  const explicit = new Set(args.filter((a) => !isDynamicPattern(a)).map((a) => path.resolve(cwd, a)));
  return [...found]
    .filter(([f, root]) => (explicit.has(f) ? !SIDECARS.some((s) => f.toLowerCase().endsWith(s)) : !included.has(f) && isPrimary(f, all, root, isText)))
    .map(([f]) => f)
    .sort();
}
