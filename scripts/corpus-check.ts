/**
 * Real template repositories as they are laid out: `npm run eval:templates -- <folder> [--settings file] [--verbose]`
 * (e.g. `npm run eval:templates -- ../shared/corpus/templates`). Each sub-folder is one set, reviewed in place
 * (nothing is copied). Per set it prints:
 *
 *   templates  files reviewed as templates
 *   rejected   of those, how many were rejected (and the rules that rejected them)
 *   not-tpl    files reviewed that are not templates: licence/readme files, partials (a file another file
 *              pulls in with <mj-include> or {{> name}}, or in a partials/ or layouts/ folder), JSON that is
 *              no provider template — judged here from the files themselves, not by asking the tool
 *   merge-tag  findings that come from merge tags (*|FNAME|*, {% if %}, ${x}, <#if>, [Sender_Name],
 *              %recipient%): the finding's text or evidence is merge-tag syntax
 *
 * Settings per set (asset base URL, helpers) come from scripts/corpus-templates.json, outside the corpus.
 * Exit code 1 when any set has files reviewed that are not templates or merge-tag findings.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Engine } from '../src/node/engine.js';
import { discover } from '../src/node/discover.js';
import { loadBundle } from '../src/node/bundle.js';
import { templateSets } from './lib/corpus.js';
import { LineIndex } from '../src/core/line-index.js';
import type { Finding } from '../src/core/types.js';

const { values: o, positionals } = parseArgs({
  allowPositionals: true,
  options: { settings: { type: 'string' }, verbose: { type: 'boolean', short: 'v' } },
});
const root = positionals[0];
if (!root) {
  console.error('usage: npm run eval:templates -- <folder of template sets> [--settings file.json] [--verbose]');
  process.exit(2);
}

const MERGE_TAG = /\*\|[^|\n]+\|\*|\{%|%\}|\$\{[^}\n]*\}|<\/?#[a-z]|\[Sender_[A-Za-z]+\]|\[Unsubscribe\]|%recipient[\w.]*%|%unsubscribe_url%|<%[^%]+%>/i;
const NOT_TEMPLATE_NAME = /^(licen[cs]e|readme|changelog|changes|copying|notice|authors|contributing|security)([.-]|$)/i;
const PARTIAL_DIR = /(^|[\\/])(partials|layouts|includes|_partials|_layouts|_includes)[\\/]/i;

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === '.git') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

/** Files of a set that are not templates, judged from the files: why, by path. */
function notTemplates(setDir: string): Map<string, string> {
  const why = new Map<string, string>();
  const files = walk(setDir);
  for (const f of files) {
    const text = /\.(mjml|html|hbs|handlebars)$/i.test(f) ? readFileSync(f, 'utf8') : '';
    for (const m of text.matchAll(/<mj-include\s[^>]*path\s*=\s*["']([^"']+)["']/gi)) why.set(path.resolve(path.dirname(f), m[1]!), `included by ${path.relative(setDir, f)}`);
    for (const m of text.matchAll(/\{\{~?#?>\s*([\w./-]+)/g)) {
      for (const g of files) if (path.basename(g).replace(/\.[^.]+$/, '') === path.basename(m[1]!)) why.set(g, `partial used by ${path.relative(setDir, f)}`);
    }
  }
  for (const f of files) {
    const rel = path.relative(setDir, f);
    if (NOT_TEMPLATE_NAME.test(path.basename(f))) why.set(f, 'licence/readme');
    else if (PARTIAL_DIR.test(rel)) why.set(f, 'in a partials/layouts folder');
    else if (f.endsWith('.json') && !f.endsWith('.meta.json') && !/"(TemplateName|HtmlPart|SubjectPart|TextPart|TemplateContent)"/.test(readFileSync(f, 'utf8'))) why.set(f, 'JSON that is no provider template');
  }
  return why;
}

function spanText(f: Finding & { file?: string }, setDir: string, texts: Map<string, string>): string {
  const file = path.resolve(setDir, (f.path ?? f.file ?? '').split('#')[0]!);
  let text = texts.get(file);
  if (text === undefined) {
    try {
      text = statSync(file).isFile() ? readFileSync(file, 'utf8') : '';
    } catch {
      text = '';
    }
    texts.set(file, text);
  }
  const idx = new LineIndex(text);
  return text.slice(idx.offset(f.line, f.column), idx.offset(f.endLine, f.endColumn));
}

let failed = false;
const sets = templateSets(root, o.settings);
console.log(`${'set'.padEnd(28)} ${'templates'.padStart(9)} ${'rejected'.padStart(8)} ${'not-tpl'.padStart(7)} ${'merge-tag'.padStart(9)}  settings`);
const totals = { templates: 0, rejected: 0, notTpl: 0, merge: 0, review: 0 };
for (const { name: set, dir: setDir, settings } of sets) {
  const engine = new Engine({ configPath: null, cwd: setDir, settings });
  const files = await discover(['.'], setDir);
  const why = notTemplates(setDir);
  const texts = new Map<string, string>();
  let templates = 0;
  let rejected = 0;
  let review = 0;
  const reviewed: string[] = [];
  const wrong: string[] = [];
  const merge: string[] = [];
  const rejectReasons = new Map<string, number>();
  for (const file of files) {
    const src = await loadBundle(file, { cwd: setDir });
    if (!src) continue;
    templates++;
    if (why.has(file)) wrong.push(`${path.relative(setDir, file)} (${why.get(file)})`);
    const r = await engine.review(src);
    if (r.decision.verdict === 'needs_review') {
      review++;
      reviewed.push(`  ${path.relative(setDir, file)}: ${r.decision.summary}`);
    }
    if (r.decision.verdict === 'rejected') {
      rejected++;
      for (const id of new Set(r.findings.filter((f) => f.kind === 'defect').map((f) => f.ruleId))) rejectReasons.set(id, (rejectReasons.get(id) ?? 0) + 1);
    }
    for (const f of r.findings) {
      const t = spanText(f, setDir, texts);
      if (MERGE_TAG.test(t) || (f.evidence !== undefined && MERGE_TAG.test(f.evidence))) merge.push(`${f.path}:${f.line}:${f.column} ${f.ruleId} ${JSON.stringify(t.slice(0, 60))}`);
    }
  }
  totals.templates += templates;
  totals.rejected += rejected;
  totals.notTpl += wrong.length;
  totals.merge += merge.length;
  if (wrong.length || merge.length) failed = true;
  const shownSettings = Object.keys(settings).length ? JSON.stringify(settings) : '';
  console.log(`${set.padEnd(28)} ${String(templates).padStart(9)} ${String(rejected).padStart(8)} ${String(wrong.length).padStart(7)} ${String(merge.length).padStart(9)}  ${shownSettings}`);
  totals.review += review;
  for (const line of reviewed) console.log(`${line} (needs review)`);
  if (rejected) console.log(`${''.padEnd(30)}rejected by: ${[...rejectReasons].sort((a, b) => b[1] - a[1]).map(([id, n]) => `${id} ${n}`).join(', ')}`);
  if (o.verbose || wrong.length) for (const w of wrong) console.log(`${''.padEnd(30)}not a template: ${w}`);
  if (o.verbose || merge.length) for (const m of merge.slice(0, 20)) console.log(`${''.padEnd(30)}merge tag: ${m}`);
}
console.log(`${'total'.padEnd(28)} ${String(totals.templates).padStart(9)} ${String(totals.rejected).padStart(8)} ${String(totals.notTpl).padStart(7)} ${String(totals.merge).padStart(9)}`);
console.log(`approved ${totals.templates - totals.rejected - totals.review} of ${totals.templates} (${((100 * (totals.templates - totals.rejected - totals.review)) / Math.max(1, totals.templates)).toFixed(1)}%), ${totals.review} need review, ${totals.rejected} rejected`);
process.exit(failed ? 1 : 0);
