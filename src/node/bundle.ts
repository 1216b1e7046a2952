/**
 * Template bundles on disk: `<name>.html|.hbs|.mjml` (or a lone `<name>.txt`) with optional siblings
 * `.txt`, `.meta.json`, `.data.json`, `.schema.json`; and provider-native JSON (AWS SES, Tencent Cloud SES).
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { LoadIssue, PartSource, TemplateSource } from '../core/source.js';
import type { Part } from '../core/types.js';
import { parseJson, jsonStringPart } from '../parse/json.js';
import { parseProviderTemplate } from '../parse/provider.js';
import { readTextFile, readTextFileSync, DEFAULT_MAX_FILE_BYTES } from './read.js';
import type { FileCache } from './file-cache.js';
import { findMjIncludes } from '../parse/mj-include.js';

export const PRIMARY_EXTS = ['.html', '.hbs', '.mjml'];
export const SIDECARS = ['.meta.json', '.data.json', '.schema.json'];

export interface LoadOptions {
  maxFileBytes?: number;
  /** Display paths relative to this folder. */
  cwd?: string;
  /**
   * Directory listings shared by the loads of one run (a batch of templates in one folder lists it once).
   * Without it every load lists afresh, which is what a long-running host wants.
   */
  listings?: Map<string, Promise<Set<string>>>;
  /**
   * Texts that stand in for files (absolute path → text): unsaved or fixed text (`--fix-dry-run`), a
   * template read from stdin. A file in it need not exist on disk.
   */
  overlay?: ReadonlyMap<string, string>;
  /** Texts and listings kept across loads, re-read only when a file or folder changed (long-running hosts). */
  files?: FileCache;
  /** Read files with synchronous calls (read.ts: readTextFileSync): for a batch on a thread that serves nothing else. */
  syncReads?: boolean;
}

/** A file's text: from the overlay when it holds the file, else from disk. */
function readText(file: string, p: Part, opts: LoadOptions) {
  const text = opts.overlay?.get(file);
  if (text !== undefined) return Promise.resolve({ ok: true as const, text });
  const max = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (opts.files) return opts.files.read(file, p, max);
  return opts.syncReads ? Promise.resolve(readTextFileSync(file, p, max)) : readTextFile(file, p, max);
}

export function baseOf(file: string): { dir: string; name: string; ext: string } {
  const dir = path.dirname(file);
  const b = path.basename(file);
  for (const ext of [...SIDECARS, ...PRIMARY_EXTS, '.txt', '.json']) if (b.toLowerCase().endsWith(ext)) return { dir, name: b.slice(0, -ext.length), ext };
  return { dir, name: b, ext: path.extname(b) };
}

function display(file: string, opts: LoadOptions): string {
  const rel = path.relative(opts.cwd ?? process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** Is `dir` a folder (on disk, or holding a file of the overlay)? Asked only about includes that are missing. */
async function isDirectory(dir: string, opts: LoadOptions): Promise<boolean> {
  if (opts.overlay) for (const f of opts.overlay.keys()) if (f.startsWith(dir + path.sep)) return true;
  return stat(dir).then((st) => st.isDirectory(), () => false);
}

async function exists(dirEntries: Set<string>, file: string): Promise<boolean> {
  return dirEntries.has(path.basename(file));
}

/** A folder's file names; with `opts.listings` (one map per run) each folder is listed once. */
function entries(dir: string, opts: LoadOptions): Promise<Set<string>> {
  let p = opts.listings?.get(dir);
  if (!p) {
    p = opts.files ? opts.files.list(dir) : readdir(dir).then((e) => new Set(e), () => new Set<string>());
    opts.listings?.set(dir, p);
  }
  if (!opts.overlay?.size) return p;
  // Files that exist only in the overlay are listed too.
  const extra = [...opts.overlay.keys()].filter((f) => path.dirname(f) === dir).map((f) => path.basename(f));
  return extra.length ? p.then((e) => new Set([...e, ...extra])) : p;
}

async function part(file: string, p: Part, issues: LoadIssue[], opts: LoadOptions): Promise<PartSource | undefined> {
  const r = await readText(file, p, opts);
  const shown = display(file, opts);
  if (!r.ok) {
    issues.push({ ...r.issue, path: shown });
    return undefined;
  }
  if (r.text.trim() === '' && p !== 'html' && p !== 'text') {
    issues.push({ kind: 'empty', part: p, path: shown, message: `${shown} is empty`, span: { start: 0, end: 0 } });
    return undefined;
  }
  return { part: p, path: shown, text: r.text };
}

async function siblings(src: TemplateSource, dir: string, name: string, opts: LoadOptions, withText: boolean): Promise<void> {
  const ents = await entries(dir, opts);
  const issues = (src.loadIssues ??= []);
  const sib = (suffix: string) => path.join(dir, name + suffix);
  if (withText && (await exists(ents, sib('.txt')))) {
    const t = await part(sib('.txt'), 'text', issues, opts);
    if (t) src.text = t;
  }
  src.metaPath = display(sib('.meta.json'), opts);
  for (const [suffix, p] of [['.meta.json', 'meta'], ['.data.json', 'data'], ['.schema.json', 'schema']] as const) {
    if (await exists(ents, sib(suffix))) {
      const t = await part(sib(suffix), p, issues, opts);
      if (t) src[p] = t;
    }
  }
  await loadPartials(src, dir, name, opts);
  if (src.meta && !src.subject) {
    const meta = parseJson(src.meta.text);
    const subject = jsonStringPart(meta, ['subject'], 'subject', src.meta.path);
    if (subject) src.subject = subject;
  }
}

const PARTIAL_EXTS = /\.(hbs|handlebars|html)$/i;
const MAX_PARTIALS = 200;
/** `{{> name}}` / `{{#> name}}` with a literal name. */
export const PARTIAL_CALL = /\{\{~?#?>\s*([\w./-]+)/g;
/** Folders of shared Handlebars partials, looked for beside the template and in its parent folders. */
const SHARED_PARTIAL_DIRS = ['partials', 'layouts'];
const PARTIAL_LEVELS = 3;

/**
 * Handlebars partials: `<name>.partials/` (files `*.hbs|*.handlebars|*.html`; `sub/x.hbs` is the partial
 * `sub/x`), then `partials/` and `layouts/` folders beside the template or up to three folders above it
 * (the nearest wins for a name).
 */
async function loadPartials(src: TemplateSource, dir: string, name: string, opts: LoadOptions): Promise<void> {
  const folders: string[] = [];
  if ((await entries(dir, opts)).has(`${name}.partials`)) folders.push(path.join(dir, `${name}.partials`));
  for (let d = dir, level = 0; level < PARTIAL_LEVELS; level++) {
    const ents = await entries(d, opts);
    for (const f of SHARED_PARTIAL_DIRS) if (ents.has(f)) folders.push(path.join(d, f));
    const up = path.dirname(d);
    if (up === d) break;
    d = up;
  }
  if (src.kind === 'mjml') return;
  const issues = (src.loadIssues ??= []);
  let count = 0;
  for (const folder of folders) {
    let files: string[];
    try {
      files = (await readdir(folder, { recursive: true })).filter((f) => PARTIAL_EXTS.test(f)).sort();
    } catch {
      continue;
    }
    for (const f of files) {
      const key = f.replace(PARTIAL_EXTS, '').split(path.sep).join('/');
      if (src.partials?.[key] || count >= MAX_PARTIALS) continue;
      const t = await part(path.join(folder, f), 'html', issues, opts);
      if (t) {
        (src.partials ??= {})[key] = t;
        count++;
      }
    }
  }
  // A partial called by name that lives beside the template ({{> footer}} → footer.hbs, {{> shared/x}}).
  for (const m of (src.html?.text ?? '').matchAll(PARTIAL_CALL)) {
    const key = m[1]!;
    if (src.partials?.[key] || count >= MAX_PARTIALS || key.includes('..')) continue;
    for (const ext of ['.hbs', '.handlebars', '.html']) {
      const file = path.join(dir, ...key.split('/')) + ext;
      if (!(await entries(path.dirname(file), opts)).has(path.basename(file))) continue;
      const t = await part(file, 'html', issues, opts);
      if (t) {
        (src.partials ??= {})[key] = t;
        count++;
      }
      break;
    }
  }
}

const MAX_INCLUDES = 100;

/**
 * The files an MJML template pulls in with `<mj-include>`, recursively, keyed by their path relative to the
 * template's folder (posix). Files that cannot be read are left out: the core reports the include as missing,
 * located at its tag; unreadable ones (binary, too large) also get a load issue.
 */
async function loadIncludes(src: TemplateSource, file: string, text: string, opts: LoadOptions): Promise<void> {
  const root = path.dirname(file);
  const includes: Record<string, PartSource> = {};
  const queue: { dir: string; text: string }[] = [{ dir: root, text }];
  const seen = new Set<string>();
  while (queue.length) {
    const cur = queue.shift()!;
    for (const inc of findMjIncludes(cur.text)) {
      // MJML itself refuses absolute paths (and anything outside the folder unless told otherwise).
      if (path.isAbsolute(inc.path) || inc.path.includes('\0')) continue;
      const abs = path.resolve(cur.dir, inc.path);
      const key = path.relative(root, abs).split(path.sep).join('/');
      if (seen.has(key) || seen.size >= MAX_INCLUDES) continue;
      seen.add(key);
      const r = await readText(abs, 'html', opts);
      if (!r.ok) {
        // A missing file is reported by the core at the tag; other failures say what is wrong with the file.
        if (!/file not found|directory/.test(r.issue.message)) (src.loadIssues ??= []).push({ ...r.issue, path: display(abs, opts) });
        // Its folder is not there either: the partials were not copied with the template (or the folder's
        // name is wrong), which the core reports as content it could not review.
        else if (!(await isDirectory(path.dirname(abs), opts))) (src.unavailableIncludes ??= []).push(key);
        continue;
      }
      includes[key] = { part: 'html', path: display(abs, opts), text: r.text };
      if (inc.type === 'mjml') queue.push({ dir: path.dirname(abs), text: r.text });
    }
  }
  if (Object.keys(includes).length || seen.size) src.includes = includes;
}

/** Load one template bundle from its primary file. Returns undefined for JSON that is not a template. */
export async function loadBundle(file: string, opts: LoadOptions = {}): Promise<TemplateSource | undefined> {
  const { dir, name, ext } = baseOf(file);
  const lower = ext.toLowerCase();
  if (lower === '.json') return loadProviderJson(file, opts);
  const kind = lower === '.mjml' ? 'mjml' : lower === '.txt' ? 'text' : 'html';
  const src: TemplateSource = { name, path: display(file, opts), kind, origin: 'files', loadIssues: [] };
  const main = await part(file, kind === 'text' ? 'text' : 'html', src.loadIssues!, opts);
  if (main) src[kind === 'text' ? 'text' : 'html'] = main;
  if (main && kind === 'mjml') await loadIncludes(src, file, main.text, opts);
  await siblings(src, dir, name, opts, kind !== 'text');
  return src;
}

/** AWS SES and Tencent Cloud SES template JSON (parsed by parse/provider.ts); other JSON files are not templates. */
async function loadProviderJson(file: string, opts: LoadOptions): Promise<TemplateSource | undefined> {
  const { dir, name } = baseOf(file);
  const r = await readText(file, 'html', opts);
  // Cannot tell whether an unreadable file is a template: it is skipped like other JSON.
  if (!r.ok) return undefined;
  const src = parseProviderTemplate(r.text, { path: display(file, opts), name });
  // JSON that did not parse (an AWS-looking source without provider keys) has no sidecars read: the
  // template cannot be reviewed until it parses.
  if (src && (src.origin === 'tencent' || src.providerKeys)) await siblings(src, dir, name, opts, false);
  return src;
}

/**
 * The primary file of the bundle a file belongs to: itself for a template, `welcome.mjml` (or .html, .hbs,
 * .txt, provider .json) for `welcome.data.json` / `.schema.json` / `.meta.json` / `.txt`. Undefined when
 * the folder holds none.
 */
export async function primaryFor(file: string, opts: LoadOptions = {}): Promise<string | undefined> {
  const { dir, name, ext } = baseOf(file);
  const lower = ext.toLowerCase();
  if (PRIMARY_EXTS.includes(lower) || lower === '.json') return file;
  const ents = await entries(dir, opts);
  for (const e of [...PRIMARY_EXTS, '.json', ...(lower === '.txt' ? [] : ['.txt'])]) {
    if (ents.has(name + e)) return path.join(dir, name + e);
  }
  return lower === '.txt' ? file : undefined;
}
