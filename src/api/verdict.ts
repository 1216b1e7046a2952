/**
 * The verdict rule of every report, for hosts that take findings out of a report after the review (a
 * baseline of accepted findings): the same rule and wording as the review's own decision.
 */
import type { Finding, Thresholds, Verdict } from '../core/types.js';
import { summary, verdictFor } from '../decision/decide.js';

/**
 * The verdict and one-line summary for the defects left in a report and its risk under its thresholds
 * (`report.decision.risk`, `report.decision.thresholds`): any defect rejects; otherwise the risk decides.
 */
export function decideVerdict(defects: readonly Finding[], risk: number, thresholds: Thresholds): { verdict: Verdict; summary: string } {
  const verdict = verdictFor(defects.length, risk, thresholds);
  return { verdict, summary: summary(verdict, defects, risk, thresholds) };
}
