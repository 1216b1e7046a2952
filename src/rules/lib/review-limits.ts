/**
 * The findings review() itself makes when a template hits a review budget (findings per rule, time):
 * reported as syntax/review-limits, whose rule module also checks the DOM depth.
 */
import type { Part, Span } from '../../core/types.js';
import type { ReportDescriptor } from '../rule.js';
import type { Limits } from '../../core/limits.js';
import type { TemplateDoc } from '../../analysis/template-doc.js';

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
