/**
 * What a pull request shows of a run (the GitHub Action, action.yml):
 * - `github-summary`: a markdown job summary ($GITHUB_STEP_SUMMARY): the verdicts, a table of the templates
 *   (verdict, risk, errors, warnings, top findings), worst first;
 * - `github-annotations`: the `github` format (annotations capped as GitHub shows them, github.ts).
 */
import type { Verdict } from '../core/types.js';
import { byImportance, byVerdict, github } from './github.js';
import type { Formatter } from './types.js';
import { drivenBy } from '../decision/decide.js';

export { ANNOTATION_LIMIT } from './github.js';

const VERDICT: Record<Verdict, string> = { rejected: '❌ rejected', needs_review: '⚠️ needs review', approved: '✅ approved' };

/** A table cell: one line, pipes escaped, at most `max` characters. */
const cell = (s: string, max = 120) => {
  const one = s.replace(/\s+/g, ' ').trim();
  return (one.length > max ? one.slice(0, max - 1) + '…' : one).replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
};
const code = (s: string) => '`' + s.replace(/`/g, "'") + '`';

/** Rows of the table (more are counted, not listed: a summary is at most 1 MiB). */
const MAX_ROWS = 100;
const TOP_FINDINGS = 3;

export const githubSummary: Formatter = (reports, ctx) => {
  const count = { approved: 0, needs_review: 0, rejected: 0 };
  let errors = 0;
  let warnings = 0;
  for (const r of reports) {
    count[r.decision.verdict]++;
    for (const f of r.findings) {
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
    }
  }
  const out = [`## inboxlint ${ctx.version}`, ''];
  if (!reports.length) return out.concat('No templates to review.', '').join('\n');
  const n = reports.length;
  out.push(`**${n} template${n === 1 ? '' : 's'}**: ${count.rejected} rejected, ${count.needs_review} need review, ${count.approved} approved (${errors} errors, ${warnings} warnings).`, '');
  out.push('| Template | Verdict | Risk | Errors | Warnings | Top findings |', '| --- | --- | ---: | ---: | ---: | --- |');
  const rows = [...reports].sort(byVerdict);
  for (const r of rows.slice(0, MAX_ROWS)) {
    const d = r.decision;
    const top = [...r.findings].sort(byImportance).slice(0, TOP_FINDINGS);
    const findings = top.map((f) => `${code(f.ruleId)} ${f.path !== r.path ? `${cell(f.path, 60)}:` : ''}${f.line}: ${cell(f.message, 100)}`);
    if (r.findings.length > top.length) findings.push(`and ${r.findings.length - top.length} more`);
    const driven = drivenBy(d);
    const why = d.summary.replace(/^[^:]*:\s*/, '') + (driven ? `; driven by ${driven}` : '');
    const e = r.findings.filter((f) => f.severity === 'error').length;
    const w = r.findings.filter((f) => f.severity === 'warning').length;
    out.push(`| ${code(r.path)} | ${VERDICT[d.verdict]}${why && d.verdict !== 'approved' ? `<br>${cell(why, 160)}` : ''} | ${d.risk.toFixed(2)} | ${e} | ${w} | ${findings.join('<br>') || '—'} |`);
  }
  if (rows.length > MAX_ROWS) out.push('', `…and ${rows.length - MAX_ROWS} more templates (see the SARIF results or the log).`);
  return out.join('\n') + '\n';
};

/** The `github` format under its older name (the Action's script used it before `github` was capped too). */
export const githubAnnotations: Formatter = github;
