/** ESLint-style human output: findings grouped by template, each with a code frame, then a summary. */
import { createColors } from 'picocolors';
import type { Finding, Report, Verdict } from '../core/types.js';
import { LineIndex } from '../core/line-index.js';
import { driverLabel, riskDrivers } from '../decision/decide.js';
import type { FormatContext, Formatter } from './types.js';

export const stylish: Formatter = (reports, ctx) => {
  const s = stylishStream(ctx);
  return reports.map(s.write).join('') + s.end();
};

/** Stylish output one template at a time (each block as it would appear in the whole), then the summary. */
export function stylishStream(ctx: FormatContext): { write: (r: Report) => string; end: () => string } {
  const c = createColors(ctx.color);
  const verdictColor: Record<Verdict, (s: string) => string> = { approved: c.green, needs_review: c.yellow, rejected: c.red };
  const totals = { approved: 0, needs_review: 0, rejected: 0, errors: 0, warnings: 0, infos: 0 };
  let n = 0;
  const write = (r: Report): string => {
    const out: string[] = [];
    n++;
    totals[r.decision.verdict]++;
    const d = r.decision;
    // "rejected: 2 defects (…)", "needs review: risk 0.62 ≥ 0.5": the verdict and why, in one line.
    const colon = d.summary.indexOf(':');
    const head = colon > 0 ? `${c.bold(d.summary.slice(0, colon))}${d.summary.slice(colon)}` : c.bold(d.verdict);
    out.push(`${c.underline(r.path)}  ${verdictColor[d.verdict](head)} ${c.dim(`(profile ${d.profile}${d.subject === 'not_reviewed' ? ', subject not reviewed: the provider takes it at send time' : ''})`)}`);
    const indexes = new Map<string, LineIndex>();
    for (const f of r.findings) {
      if (f.severity === 'error') totals.errors++;
      else if (f.severity === 'warning') totals.warnings++;
      else totals.infos++;
      const sev = f.severity === 'error' ? c.red('error') : f.severity === 'warning' ? c.yellow('warning') : c.blue('info');
      const where = f.path !== r.path ? `${f.path}:` : '';
      out.push(`  ${c.dim(`${where}${f.line}:${f.column}`)}  ${sev}  ${f.message}  ${c.dim(`${f.ruleId} ${f.kind}`)}`);
      const frame = codeFrame(r, f, indexes);
      if (frame) out.push(...frame.map((l) => c.dim(l)));
    }
    const up = riskDrivers(d, 5);
    if (up.length) {
      // A driver outside the primary file (the subject in <name>.meta.json, the text part) names its file, as findings do.
      const fileOf = (x: (typeof up)[number]) => {
        const file = x.part ? r.files[x.part]?.path : undefined;
        return file && file !== r.path ? `${file}:` : '';
      };
      const what = (x: (typeof up)[number]) => `${driverLabel(x)}${x.line !== undefined ? ` ${fileOf(x)}${x.line}:${x.column}` : ''} +${x.weight}`;
      out.push(`  ${c.bold('risk')}: ${up.map(what).join(', ')}`);
    }
    out.push('');
    return out.map((l) => `${l}\n`).join('');
  };
  const end = (): string => {
    const summary = `${n} template${n === 1 ? '' : 's'}: ${totals.approved} approved, ${totals.needs_review} need review, ${totals.rejected} rejected (${totals.errors} error${totals.errors === 1 ? '' : 's'}, ${totals.warnings} warning${totals.warnings === 1 ? '' : 's'})`;
    return (totals.rejected ? c.red(c.bold(`✖ ${summary}`)) : totals.needs_review ? c.yellow(c.bold(`⚠ ${summary}`)) : c.green(c.bold(`✔ ${summary}`))) + '\n';
  };
  return { write, end };
}

/** Two lines of context around the finding, with a caret under the span. */
function codeFrame(r: Report, f: Finding, indexes: Map<string, LineIndex>): string[] | undefined {
  const file = Object.values(r.files).find((x) => x?.path === f.path) ?? r.includedFiles?.find((x) => x.path === f.path);
  if (!file || !file.text) return undefined;
  let idx = indexes.get(f.path);
  if (!idx) {
    idx = new LineIndex(file.text);
    indexes.set(f.path, idx);
  }
  const lines: string[] = [];
  const width = String(f.line + 1).length;
  for (let l = Math.max(1, f.line - 1); l <= Math.min(idx.lineCount, f.line + 1); l++) {
    let text = idx.lineText(l);
    let col = f.column;
    // Long lines (minified HTML): show a window around the column.
    if (text.length > 120) {
      const from = Math.max(0, (l === f.line ? f.column : 1) - 50);
      text = (from > 0 ? '…' : '') + text.slice(from, from + 110) + (from + 110 < text.length ? '…' : '');
      if (l === f.line) col = f.column - from + (from > 0 ? 1 : 0);
    }
    const marker = l === f.line ? '>' : ' ';
    lines.push(`    ${marker} ${String(l).padStart(width)} | ${text.replace(/\t/g, '  ')}`);
    if (l === f.line) {
      const len = f.endLine === f.line ? Math.max(1, Math.min(f.endColumn - f.column, 80)) : 1;
      const pad = text.slice(0, Math.max(0, col - 1)).replace(/\t/g, '  ').replace(/[^\s]/g, ' ');
      lines.push(`      ${' '.repeat(width)} | ${pad}${'^'.repeat(len)}`);
    }
  }
  return lines;
}
