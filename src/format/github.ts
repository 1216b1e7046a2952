/**
 * GitHub Actions workflow commands: findings become annotations on the pull request's diff.
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 *
 * GitHub shows 10 errors, 10 warnings and 10 notices per step and drops the rest silently, so the output
 * is capped the same way: each template's findings by importance (errors, then warnings, then notices;
 * within a severity defects, then risk, then advice), and templates take turns, the worst first (rejected,
 * then needs review, then approved; higher risk first): the first of every template before the second of
 * any, until each type reaches its limit. A rejected template whose findings include no error gets its
 * verdict as the error. One notice at the end counts what was left out (a slot is kept for it).
 * The selection keeps at most 10 annotations per type, so a streamed run's memory stays flat.
 */
import type { Finding, Report, Verdict } from '../core/types.js';
import type { Formatter } from './types.js';
import { drivenBy } from '../decision/decide.js';

/** Annotations GitHub shows per step and type. */
export const ANNOTATION_LIMIT = 10;

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
  const why = drivenBy(d);
  const summary = `${r.path}: ${d.summary}${why ? `; driven by ${why}` : ''} (profile ${d.profile}${d.subject === 'not_reviewed' ? ', subject not reviewed' : ''})`;
  return `::${d.verdict === 'rejected' ? 'error' : 'notice'} file=${prop(r.path)},title=${prop(`inboxlint: ${d.verdict}`)}::${data(summary)}`;
}

export const VERDICT_ORDER: Record<Verdict, number> = { rejected: 0, needs_review: 1, approved: 2 };
const SEV = { error: 0, warning: 1, info: 2 } as const;
const KIND = { defect: 0, risk: 1, advice: 2 } as const;
/** Most important first: by severity, then kind (defect, risk, advice), then position. */
export const byImportance = (a: Finding, b: Finding) => SEV[a.severity] - SEV[b.severity] || KIND[a.kind] - KIND[b.kind] || a.line - b.line || a.column - b.column;
/** Worst template first: verdict, then risk (higher first), then path. */
export const byVerdict = (a: Report, b: Report) => VERDICT_ORDER[a.decision.verdict] - VERDICT_ORDER[b.decision.verdict] || b.decision.risk - a.decision.risk || a.path.localeCompare(b.path);

type Type = 'error' | 'warning' | 'notice';
const TYPE: Record<Finding['severity'], Type> = { error: 'error', warning: 'warning', info: 'notice' };
const TYPES: Type[] = ['error', 'warning', 'notice'];

interface Pick {
  round: number;
  report: Report;
  /** Arrival order: templates that compare equal keep the order they came in. */
  seq: number;
  line: string;
}

/**
 * Picks the annotations GitHub will show from reports added one at a time (in any order): the same picks as
 * visiting every template's i-th annotation for i = 0, 1, ... with templates in `byVerdict` order.
 */
export class AnnotationPicker {
  private readonly picked: Record<Type, Pick[]> = { error: [], warning: [], notice: [] };
  private readonly left: Record<Type, number> = { error: 0, warning: 0, notice: 0 };
  private seq = 0;

  constructor(private readonly limit = ANNOTATION_LIMIT) {}

  add(r: Report): void {
    const seq = this.seq++;
    const items: { type: Type; line: () => string }[] = [...r.findings].sort(byImportance).map((f) => ({ type: TYPE[f.severity], line: () => findingAnnotation(f) }));
    if (r.decision.verdict === 'rejected' && !r.findings.some((f) => f.severity === 'error')) items.unshift({ type: 'error', line: () => decisionAnnotation(r) });
    items.forEach((item, round) => {
      const list = this.picked[item.type];
      const p = { round, report: r, seq, line: '' };
      if (list.length >= this.limit && this.compare(p, list.at(-1)!) > 0) {
        this.left[item.type]++;
        return;
      }
      p.line = item.line();
      let i = list.length;
      while (i > 0 && this.compare(p, list[i - 1]!) < 0) i--;
      list.splice(i, 0, p);
      if (list.length > this.limit) {
        list.pop();
        this.left[item.type]++;
      }
    });
  }

  private compare(a: Pick, b: Pick): number {
    return a.round - b.round || byVerdict(a.report, b.report) || a.seq - b.seq;
  }

  /** The annotation lines, and a notice that counts the rest (empty when there is nothing to show). */
  end(): string {
    const left = { ...this.left };
    const picked = { ...this.picked, notice: [...this.picked.notice] };
    // The counting notice needs a notice slot of its own.
    if (TYPES.some((t) => left[t]) && picked.notice.length >= this.limit) {
      picked.notice.pop();
      left.notice++;
    }
    const all = TYPES.flatMap((t) => picked[t]).sort((a, b) => this.compare(a, b));
    const lines = all.map((p) => p.line);
    const rest = left.error + left.warning + left.notice;
    if (rest) {
      const parts = TYPES.filter((t) => left[t]).map((t) => `${left[t]} ${t}${left[t] === 1 ? '' : 's'}`);
      lines.push(`::notice title=inboxlint::${rest} more not shown as annotations (${parts.join(', ')}): GitHub shows ${this.limit} of each type per step; see the job summary or the code scanning results`);
    }
    return lines.length ? lines.join('\n') + '\n' : '';
  }
}

/** Annotations for the run, capped as GitHub shows them (see above). */
export const github: Formatter = (reports) => {
  const picker = new AnnotationPicker();
  for (const r of reports) picker.add(r);
  return picker.end();
};
