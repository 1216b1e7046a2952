/**
 * The decision. Three kinds of finding, each with its own effect:
 * - a **defect** (the template will not send or render as meant, or breaks a rule the sender must follow)
 *   rejects;
 * - **risk** findings are features of the trained risk model, with the words of the template; its
 *   calibrated probability is compared with the profile's thresholds;
 * - **advice** is shown and counted, and never changes the verdict.
 * Nothing is summed by hand-set points.
 */
import type { Decision, Driver, Finding, Part, Reason, Span, Thresholds, Verdict } from '../core/types.js';
import { DETECTORS, FOREIGN, type Features } from './features.js';
import { predict, type RiskModel } from './model.js';

export interface DecideInput {
  findings: readonly Finding[];
  thresholds: Thresholds;
  profile: string;
  probes: 'ran' | 'skipped';
  model?: RiskModel | undefined;
  features?: Features | undefined;
  subjectReviewed?: boolean;
  /** Share of spam-like templates among those reviewed (the profile's `prior`; 0.5 = none). */
  prior?: number;
  /** Line and column of a span in a part (the review's locator). */
  position?: (part: Part, span: Span) => { line: number; column: number } | undefined;
}

/** Drivers listed per report. */
const MAX_DRIVERS = 8;

export function decide(input: DecideInput): Decision {
  const { findings, thresholds, profile } = input;
  const defects = findings.filter((f) => f.kind === 'defect');
  const prediction = input.model && input.features ? predict(input.model, input.features.values, input.prior) : undefined;
  const risk = prediction ? round(prediction.risk, 4) : 0;

  const { verdict, summary: why } = decideVerdict(defects, risk, thresholds);

  const drivers: Driver[] = [];
  if (prediction && input.features) {
    const top = prediction.contributions.filter((c) => Math.abs(c.weight) >= 0.01).sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight) || x.feature.localeCompare(y.feature));
    for (const c of top.slice(0, MAX_DRIVERS)) {
      const d: Driver = { feature: c.feature, weight: round(c.weight, 3) };
      const site = input.features.locate(c.feature);
      if (site?.ruleId) d.ruleId = site.ruleId;
      else if (c.feature.startsWith('r:')) d.ruleId = c.feature.slice(2, c.feature.lastIndexOf(':'));
      if (!c.feature.startsWith('r:') && !c.feature.startsWith('n:') && !c.feature.startsWith('f:')) d.token = c.feature.slice(c.feature.indexOf(':') + 1);
      if (site) {
        d.part = site.part;
        d.span = { start: site.span.start, end: site.span.end };
        const pos = input.position?.(site.part, site.span);
        if (pos) Object.assign(d, pos);
      }
      drivers.push(d);
    }
  }

  const reasons: Reason[] = [];
  const seen = new Set<string>();
  for (const f of defects) {
    const key = `${f.ruleId}\u0000${f.evidence ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    reasons.push({ ruleId: f.ruleId, ...(f.evidence !== undefined ? { evidence: f.evidence } : {}), points: 0, severity: f.severity, kind: 'defect' });
  }
  if (prediction) {
    // Risk findings whose feature pushed the risk up, strongest first.
    const pushed = prediction.contributions.filter((c) => c.feature.startsWith('r:') && c.weight > 0).sort((x, y) => y.weight - x.weight);
    for (const c of pushed) {
      const [ruleId, messageId] = splitRuleFeature(c.feature);
      const f = findings.find((x) => x.kind === 'risk' && x.ruleId === ruleId && x.messageId === messageId);
      if (!f) continue;
      reasons.push({ ruleId, ...(f.evidence !== undefined ? { evidence: f.evidence } : {}), points: round(c.weight, 3), severity: f.severity, kind: 'risk' });
    }
  }

  return {
    verdict,
    risk,
    defects: defects.length,
    score: round(risk * 100, 1),
    thresholds: { ...thresholds },
    profile,
    model: input.model?.version ?? 'none',
    summary: why,
    reasons: reasons.slice(0, 10),
    drivers,
    subject: input.subjectReviewed === false ? 'not_reviewed' : 'reviewed',
    probes: input.probes,
  };
}

/**
 * The verdict and one-line summary for a report's defects and risk under its thresholds. Also for hosts that
 * take findings out of a report after the review (a baseline of accepted findings): exported by the API.
 */
export function decideVerdict(defects: readonly Finding[], risk: number, thresholds: Thresholds): { verdict: Verdict; summary: string } {
  const verdict = verdictFor(defects.length, risk, thresholds);
  return { verdict, summary: summary(verdict, defects, risk, thresholds) };
}

/** The verdict: any defect rejects; otherwise the risk decides against the profile's thresholds. */
export function verdictFor(defects: number, risk: number, t: Thresholds): Verdict {
  if (defects) return 'rejected';
  if (risk >= t.reject) return 'rejected';
  if (risk >= t.review) return 'needs_review';
  return 'approved';
}

/** Why a template got its verdict, in one line ("rejected: 2 defects (…)", "needs review: risk 0.62 ≥ 0.5"). */
export function summary(verdict: Verdict, defects: readonly Finding[], risk: number, t: Thresholds): string {
  const r = risk.toFixed(2);
  if (defects.length) {
    const rules = [...new Set(defects.map((f) => f.ruleId))];
    return `rejected: ${defects.length} defect${defects.length === 1 ? '' : 's'} (${rules.slice(0, 3).join(', ')}${rules.length > 3 ? ', …' : ''})`;
  }
  if (verdict === 'rejected') return `rejected: risk ${r} ≥ ${t.reject}`;
  if (verdict === 'needs_review') return `needs review: risk ${r} ≥ ${t.review}`;
  return `approved: risk ${r} < ${t.review}`;
}

function splitRuleFeature(feature: string): [string, string] {
  const body = feature.slice(2);
  const at = body.lastIndexOf(':');
  return [body.slice(0, at), body.slice(at + 1)];
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/**
 * What a driver is, in words an author can act on: the rule, `phishing wording` (a phrase category; `hidden
 * … wording` when hidden), `link "web"` (a word of a link's host or path), `hidden "cash"`, `"pay"` (a word
 * the reader sees), `how many risk signals fired` (`n:detectors`), or the feature's name.
 */
export function driverLabel(d: Driver): string {
  if (d.ruleId) return d.ruleId;
  if (d.feature === FOREIGN) return 'another language (words not read)';
  if (d.feature === DETECTORS) return 'how many risk signals fired';
  if (d.token === undefined) return d.feature;
  const kind = d.feature.slice(0, d.feature.indexOf(':'));
  if (kind === 'p') return `${d.token} wording`;
  if (kind === 'ph') return `hidden ${d.token} wording`;
  return `${kind === 'u' ? 'link ' : kind === 'h' ? 'hidden ' : ''}"${d.token}"`;
}

/**
 * The first `n` drivers that raised the risk, when the risk decided a verdict other than approved; none
 * otherwise (defects decide, or nothing needs explaining). What every host shows as "driven by".
 */
export function riskDrivers(d: Decision, n: number): Driver[] {
  if (d.defects > 0 || d.verdict === 'approved') return [];
  return d.drivers.filter((x) => x.weight > 0).slice(0, n);
}

/** riskDrivers as one line: `phishing wording 2:4, link "web" 4:13` (empty when there are none). */
export function drivenBy(d: Decision, n = 3): string {
  return riskDrivers(d, n)
    .map((x) => `${driverLabel(x)}${x.line !== undefined ? ` ${x.line}:${x.column}` : ''}`)
    .join(', ');
}
