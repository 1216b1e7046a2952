/**
 * Score and decision. Each (rule, evidence) pair counts once, so a phrase repeated ten times weighs as
 * much as once (SpamAssassin also fires each rule once), and a rule's total never exceeds its cap (ten
 * http: images are one problem, not ten). Any error rejects; otherwise the score is compared with the
 * profile's thresholds.
 */
import type { Decision, Finding, Reason, Thresholds, Verdict } from '../core/types.js';

export function decide(findings: Finding[], thresholds: Thresholds, profile: string, probes: 'ran' | 'skipped', caps: ReadonlyMap<string, number> = new Map()): Decision {
  const counted = new Map<string, Reason>();
  for (const f of findings) {
    if (!f.points) continue;
    const key = `${f.ruleId}\u0000${f.evidence ?? ''}`;
    const prev = counted.get(key);
    if (!prev || prev.points < f.points) counted.set(key, { ruleId: f.ruleId, ...(f.evidence !== undefined ? { evidence: f.evidence } : {}), points: f.points, severity: f.severity });
  }
  const contributors = [...counted.values()].sort((a, b) => b.points - a.points || a.ruleId.localeCompare(b.ruleId));
  const perRule = new Map<string, number>();
  for (const r of contributors) perRule.set(r.ruleId, (perRule.get(r.ruleId) ?? 0) + r.points);
  let total = 0;
  for (const [ruleId, points] of perRule) total += Math.min(points, caps.get(ruleId) ?? Infinity);
  const score = round(total);
  const errors = findings.filter((f) => f.severity === 'error');
  let verdict: Verdict;
  if (errors.length) verdict = 'rejected';
  else if (score >= thresholds.reject) verdict = 'rejected';
  else if (score >= thresholds.review) verdict = 'needs_review';
  else verdict = 'approved';

  const reasons: Reason[] = [];
  const seenErr = new Set<string>();
  for (const f of errors) {
    const key = `${f.ruleId}\u0000${f.evidence ?? ''}`;
    if (seenErr.has(key)) continue;
    seenErr.add(key);
    reasons.push({ ruleId: f.ruleId, ...(f.evidence !== undefined ? { evidence: f.evidence } : {}), points: f.points ?? 0, severity: 'error' });
  }
  for (const r of contributors) if (!seenErr.has(`${r.ruleId}\u0000${r.evidence ?? ''}`)) reasons.push(r);
  return { verdict, score, thresholds: { ...thresholds }, profile, reasons: reasons.slice(0, 10), probes };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
