/**
 * The findings review() itself makes when a template hits a review budget (findings per rule, time, a style
 * sheet read only in part):
 * reported as syntax/review-limits, whose rule module also checks the DOM depth.
 */
import type { Part, Span } from '../../core/types.js';
import type { ReportDescriptor } from '../rule.js';
import type { Limits } from '../../core/limits.js';
import { startTagSpan, type TemplateDoc } from '../../analysis/template-doc.js';
import { contentTextIfRead } from '../../analysis/text.js';
import { MAX_SHEET_ERRORS } from '../../analysis/css-sheet.js';
import { MAX_SHEETS_READ } from '../../analysis/style.js';

export const LIMITS_RULE = 'syntax/review-limits';

function headOf(doc: TemplateDoc): { part: Part; span: Span } {
  const p = doc.html ?? doc.text ?? doc.subject;
  if (!p) return { part: doc.metaJson ? 'meta' : 'data', span: { start: 0, end: 0 } };
  const nl = p.text.slice(0, 200).search(/[\r\n]/);
  return { part: p.part, span: { start: 0, end: Math.min(nl < 0 ? p.text.length : nl, 80) } };
}

export function limitFindings(
  doc: TemplateDoc,
  limits: Limits,
  overflow: ReadonlyMap<string, { count: number; part: Part; span: Span }>,
  skipped: readonly string[],
  timings: Readonly<Record<string, number>>,
  parseMs = 0,
): ReportDescriptor[] {
  const out: ReportDescriptor[] = [];
  for (const [ruleId, o] of overflow) {
    out.push({ messageId: 'findingsPerRule', data: { ruleId, count: o.count, limit: limits.findingsPerRule }, part: o.part, span: o.span, evidence: ruleId });
  }
  // A style sheet the rules read only in part (src/analysis/css-sheet.ts, MAX_SHEET_ERRORS), at its start tag.
  // Asked after the rules, of the text they read: the check itself never reads the text, which costs what the
  // broken sheet costs and must not run past a spent time budget.
  const html = doc.html && contentTextIfRead(doc)?.html;
  const cut = html?.cssCut;
  if (cut) out.push({ messageId: 'cssErrors', data: { limit: MAX_SHEET_ERRORS }, part: 'html', span: startTagSpan(doc.html!.masked, cut), evidence: 'css errors' });
  // Style sheets past the characters read (src/analysis/style.ts, MAX_SHEETS_READ), at the <style> where it ran out.
  const sizeCut = html?.cssSizeCut;
  if (sizeCut) out.push({ messageId: 'cssSize', data: { limit: MAX_SHEETS_READ }, part: 'html', span: startTagSpan(doc.html!.masked, sizeCut), evidence: 'css size' });
  if (skipped.length || doc.parseSkipped.length) {
    // Parsing counts against the budget too: name it when it took longer than any rule.
    const slowest = [...Object.entries(timings), ['parsing', parseMs] as const].sort((a, b) => b[1] - a[1])[0];
    out.push({
      messageId: 'reviewMs',
      data: { limit: limits.reviewMs, skipped, notParsed: doc.parseSkipped, slowest: slowest && slowest[1] > 0 ? `${slowest[0]} (${Math.round(slowest[1])} ms)` : undefined },
      ...headOf(doc),
      evidence: [...doc.parseSkipped, ...skipped].join(','),
    });
  }
  return out;
}
