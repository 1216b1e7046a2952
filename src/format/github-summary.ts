/**
 * What a pull request shows of a run (the GitHub Action, action.yml):
 * - `github-summary`: a markdown job summary ($GITHUB_STEP_SUMMARY): the verdicts, a table of the templates
 *   (verdict, risk, errors, warnings, top findings), worst first;
 * - `github-annotations`: workflow-command annotations capped as GitHub shows them (10 errors, 10 warnings and
 *   10 notices per step; the rest are dropped silently): the most important finding of each template first
 *   (errors, then defects), then the next of each, and one notice that counts what was left out.
 */
import type { Finding, Verdict } from '../core/types.js';
import { decisionAnnotation, findingAnnotation } from './github.js';
import type { Formatter } from './types.js';

/** Annotations GitHub shows per step and type. */
export const ANNOTATION_LIMIT = 10;

const VERDICT: Record<Verdict, string> = { rejected: '❌ rejected', needs_review: '⚠️ needs review', approved: '✅ approved' };
const ORDER: Record<Verdict, number> = { rejected: 0, needs_review: 1, approved: 2 };
const SEV = { error: 0, warning: 1, info: 2 } as const;
const KIND = { defect: 0, risk: 1, advice: 2 } as const;
const byImportance = (a: Finding, b: Finding) => SEV[a.severity] - SEV[b.severity] || KIND[a.kind] - KIND[b.kind] || a.line - b.line || a.column - b.column;

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
  const rows = [...reports].sort((a, b) => ORDER[a.decision.verdict] - ORDER[b.decision.verdict] || b.decision.risk - a.decision.risk || a.path.localeCompare(b.path));
  for (const r of rows.slice(0, MAX_ROWS)) {
    const d = r.decision;
    const top = [...r.findings].sort(byImportance).slice(0, TOP_FINDINGS);
    const findings = top.map((f) => `${code(f.ruleId)} ${f.path !== r.path ? `${cell(f.path, 60)}:` : ''}${f.line}: ${cell(f.message, 100)}`);
    if (r.findings.length > top.length) findings.push(`and ${r.findings.length - top.length} more`);
    const why = d.summary.replace(/^[^:]*:\s*/, '');
    const e = r.findings.filter((f) => f.severity === 'error').length;
    const w = r.findings.filter((f) => f.severity === 'warning').length;
    out.push(`| ${code(r.path)} | ${VERDICT[d.verdict]}${why && d.verdict !== 'approved' ? `<br>${cell(why, 80)}` : ''} | ${d.risk.toFixed(2)} | ${e} | ${w} | ${findings.join('<br>') || '—'} |`);
  }
  if (rows.length > MAX_ROWS) out.push('', `…and ${rows.length - MAX_ROWS} more templates (see the SARIF results or the log).`);
  return out.join('\n') + '\n';
};

type Kind = 'error' | 'warning' | 'notice';
const TYPE: Record<Finding['severity'], Kind> = { error: 'error', warning: 'warning', info: 'notice' };

export const githubAnnotations: Formatter = (reports) => {
  // Per template: its findings by importance, led by its rejected verdict when no error finding says why.
  // Templates take turns (the first of each, then the second of each...), the worst first, until each type
  // reaches the limit.
  const queues = [...reports]
    .sort((a, b) => ORDER[a.decision.verdict] - ORDER[b.decision.verdict] || b.decision.risk - a.decision.risk || a.path.localeCompare(b.path))
    .map((r) => {
      const items = [...r.findings].sort(byImportance).map((f) => ({ type: TYPE[f.severity], line: () => findingAnnotation(f) }));
      if (r.decision.verdict === 'rejected' && !r.findings.some((f) => f.severity === 'error')) items.unshift({ type: 'error', line: () => decisionAnnotation(r) });
      return items;
    });
  const shown: Record<Kind, number> = { error: 0, warning: 0, notice: 0 };
  const left: Record<Kind, number> = { error: 0, warning: 0, notice: 0 };
  const lines: string[] = [];
  for (let round = 0; queues.some((q) => q.length > round); round++) {
    for (const q of queues) {
      const item = q[round];
      if (!item) continue;
      if (shown[item.type] < ANNOTATION_LIMIT) {
        shown[item.type]++;
        lines.push(item.line());
      } else left[item.type]++;
    }
  }
  const rest = left.error + left.warning + left.notice;
  if (rest) {
    const parts = (['error', 'warning', 'notice'] as const).filter((k) => left[k]).map((k) => `${left[k]} ${k}${left[k] === 1 ? '' : 's'}`);
    lines.push(`::notice title=inboxlint::${rest} more not shown as annotations (${parts.join(', ')}): GitHub shows ${ANNOTATION_LIMIT} of each type per step; see the job summary or the code scanning results`);
  }
  return lines.length ? lines.join('\n') + '\n' : '';
};
