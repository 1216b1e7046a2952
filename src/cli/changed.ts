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
import type { Reviewer } from '../index.js';

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

const CONFIG = /(^|[\\/])(inboxlint\.config\.[a-z]+|\.inboxlintignore)$/i;

/** The templates among `templates` that a change to a file in `changed` can affect, in their order. */
export async function affectedTemplates(reviewer: Reviewer, templates: string[], changed: Set<string>): Promise<string[]> {
  if ([...changed].some((f) => CONFIG.test(f))) return templates;
  const out: string[] = [];
  for (const t of templates) {
    const deps = await reviewer.dependencies(t);
    if (deps.some((d) => changed.has(d))) out.push(t);
  }
  return out;
}
