/**
 * `--changed-since <git ref>`: of the templates a run would review, the ones a change since `ref` can affect.
 *
 * Changed files are what `git diff --name-only <ref>...HEAD` lists (the branch's own changes since it left
 * `ref`; `<ref> HEAD` when the history is too shallow to find where), plus staged, unstaged and untracked
 * files, renames counted under both names. A template is affected when a changed file is one it is composed
 * of, or would be if it existed (a deleted sidecar or include counts too):
 * - the template itself and its sidecars `<name>.txt|.meta.json|.data.json|.schema.json` (src/node/bundle.ts);
 * - the Handlebars partials and layouts it calls (`{{> name}}`, `{{#> layout}}`), also through other partials:
 *   in `<name>.partials/`, beside it, or in `partials/` or `layouts/` up to three folders above it;
 * - the files it pulls in with `<mj-include>`, recursively.
 * A changed config file (`inboxlint.config.*`, `.inboxlintignore`) affects every template.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { loadBundle, PARTIAL_CALL, SIDECARS } from '../node/bundle.js';
import { findMjIncludes } from '../parse/mj-include.js';
import type { PartSource } from '../core/source.js';

const run = promisify(execFile);

export class ChangedError extends Error {}

async function git(args: string[], cwd: string): Promise<string> {
  try {
    return (await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT') throw new ChangedError('--changed-since needs git on the PATH');
    throw new ChangedError(`git ${args[0]} failed: ${(err.stderr || err.message).trim()}`);
  }
}

const names = (out: string) => out.split('\0').filter(Boolean);

/** Absolute paths of the files changed since `ref` in the repository that holds `cwd` (committed or not). */
export async function changedFiles(ref: string, cwd: string): Promise<Set<string>> {
  if (!ref || ref.startsWith('-')) throw new ChangedError(`--changed-since needs a git ref, got '${ref}'`);
  const cdup = (await git(['rev-parse', '--show-cdup'], cwd)).trim();
  const top = path.resolve(cwd, cdup);
  try {
    await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd);
  } catch {
    throw new ChangedError(`--changed-since: '${ref}' is not a commit in this repository (a shallow clone may need 'git fetch' of it, or actions/checkout with fetch-depth: 0)`);
  }
  let committed: string;
  try {
    committed = await git(['diff', '--name-only', '--no-renames', '-z', `${ref}...HEAD`, '--'], cwd);
  } catch {
    // No merge base (a shallow history): compare the trees directly.
    committed = await git(['diff', '--name-only', '--no-renames', '-z', ref, 'HEAD', '--'], cwd);
  }
  const local = await git(['diff', '--name-only', '--no-renames', '-z', 'HEAD', '--'], cwd);
  const untracked = await git(['ls-files', '--others', '--exclude-standard', '-z', '--full-name', '--', ':/'], cwd);
  return new Set([...names(committed), ...names(local), ...names(untracked)].map((f) => path.resolve(top, f)));
}

const PARTIAL_FILE_EXTS = ['.hbs', '.handlebars', '.html'];
const CONFIG = /(^|[\\/])(inboxlint\.config\.[a-z]+|\.inboxlintignore)$/i;

/** Every file the template at `file` is, or would be, composed of (absolute paths). */
export async function dependencies(file: string, cwd: string): Promise<Set<string>> {
  const deps = new Set<string>([path.resolve(file)]);
  const dir = path.dirname(file);
  const base = path.basename(file).replace(/\.(html|hbs|mjml|txt|json)$/i, '');
  for (const s of [...SIDECARS, '.txt']) deps.add(path.join(dir, base + s));
  let src;
  try {
    src = await loadBundle(file, { cwd });
  } catch {
    return deps;
  }
  if (!src) return deps;
  const abs = (p: string) => path.resolve(cwd, p);
  for (const p of [src.html, src.text, src.subject, src.meta, src.data, src.schema]) if (p) deps.add(abs(p.path));
  // MJML includes: the ones read, and the ones asked for (a deleted or new include file).
  const mjml: { dir: string; text: string }[] = src.html ? [{ dir, text: src.html.text }] : [];
  for (const inc of Object.values(src.includes ?? {})) {
    deps.add(abs(inc.path));
    mjml.push({ dir: path.dirname(abs(inc.path)), text: inc.text });
  }
  for (const m of mjml) for (const inc of findMjIncludes(m.text)) if (!path.isAbsolute(inc.path)) deps.add(path.resolve(m.dir, inc.path));
  // Handlebars partials and layouts it calls, also through the partials it calls.
  const partials: Record<string, PartSource> = src.partials ?? {};
  const folders = [path.join(dir, `${base}.partials`), dir];
  for (let d = dir, level = 0; level < 3; level++) {
    folders.push(path.join(d, 'partials'), path.join(d, 'layouts'));
    const up = path.dirname(d);
    if (up === d) break;
    d = up;
  }
  const seen = new Set<string>();
  const queue = [src.html?.text ?? '', src.text?.text ?? ''];
  while (queue.length) {
    const text = queue.shift()!;
    if (!text.includes('{{')) continue;
    for (const m of text.matchAll(PARTIAL_CALL)) {
      const key = m[1]!;
      if (seen.has(key) || key.includes('..')) continue;
      seen.add(key);
      for (const folder of folders) for (const ext of PARTIAL_FILE_EXTS) deps.add(path.join(folder, ...key.split('/')) + ext);
      const p = partials[key];
      if (p) {
        deps.add(abs(p.path));
        queue.push(p.text);
      }
    }
  }
  return deps;
}

/** The templates among `templates` that a change to a file in `changed` can affect, in their order. */
export async function affectedTemplates(templates: string[], changed: Set<string>, cwd: string): Promise<string[]> {
  if ([...changed].some((f) => CONFIG.test(f))) return templates;
  const out: string[] = [];
  for (const t of templates) {
    const deps = await dependencies(t, cwd);
    if ([...deps].some((d) => changed.has(d))) out.push(t);
  }
  return out;
}
