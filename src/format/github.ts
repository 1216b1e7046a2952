/**
 * GitHub Actions workflow commands: each finding becomes an annotation on the pull request's diff, and
 * each template's decision a notice (or an error when it is rejected).
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */
import type { Formatter } from './types.js';

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** Data (the message) escapes %, CR and LF; properties also escape ':' and ','. */
const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const prop = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export const github: Formatter = (reports) => {
  const lines: string[] = [];
  for (const r of reports) {
    for (const f of r.findings) {
      const where = [`file=${prop(f.path)}`, `line=${f.line}`, `col=${f.column}`, `endLine=${f.endLine}`, ...(f.endLine === f.line ? [`endColumn=${f.endColumn}`] : []), `title=${prop(`inboxlint ${f.ruleId}`)}`];
      lines.push(`::${COMMAND[f.severity]} ${where.join(',')}::${data(f.message)}`);
    }
    const d = r.decision;
    const summary = `${r.path}: ${d.summary} (profile ${d.profile}${d.subject === 'not_reviewed' ? ', subject not reviewed' : ''})`;
    lines.push(`::${d.verdict === 'rejected' ? 'error' : 'notice'} file=${prop(r.path)},title=${prop(`inboxlint: ${d.verdict}`)}::${data(summary)}`);
  }
  return lines.join('\n') + '\n';
};
