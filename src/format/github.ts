/**
 * GitHub Actions workflow commands: each finding becomes an annotation on the pull request's diff, and
 * each template's decision a notice (or an error when it is rejected).
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */
import type { Finding, Report } from '../core/types.js';
import type { Formatter } from './types.js';

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** Data (the message) escapes %, CR and LF; properties also escape ':' and ','. */
const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const prop = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** The annotation of one finding. */
export function findingAnnotation(f: Finding): string {
  const where = [`file=${prop(f.path)}`, `line=${f.line}`, `col=${f.column}`, `endLine=${f.endLine}`, ...(f.endLine === f.line ? [`endColumn=${f.endColumn}`] : []), `title=${prop(`inboxlint ${f.ruleId}`)}`];
  return `::${COMMAND[f.severity]} ${where.join(',')}::${data(f.message)}`;
}

/** The template's decision: an error when it is rejected, a notice otherwise. */
export function decisionAnnotation(r: Report): string {
  const d = r.decision;
  const summary = `${r.path}: ${d.summary} (profile ${d.profile}${d.subject === 'not_reviewed' ? ', subject not reviewed' : ''})`;
  return `::${d.verdict === 'rejected' ? 'error' : 'notice'} file=${prop(r.path)},title=${prop(`inboxlint: ${d.verdict}`)}::${data(summary)}`;
}

export const github: Formatter = (reports) => {
  const lines: string[] = [];
  for (const r of reports) {
    for (const f of r.findings) lines.push(findingAnnotation(f));
    lines.push(decisionAnnotation(r));
  }
  return lines.join('\n') + '\n';
};
