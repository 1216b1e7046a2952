/** The stable JSON contract (documented in the README): change only by adding fields. */
import type { Report } from '../core/types.js';
import type { Formatter } from './types.js';

export const json: Formatter = (reports, ctx) => JSON.stringify({ tool: jsonTool(ctx.version), results: reports.map(jsonResult) }, null, 2) + '\n';

export const jsonTool = (version: string) => ({ name: 'inboxlint', version });

/** One template's entry of `results`. */
export const jsonResult = (r: Report) => ({
  path: r.path,
  decision: {
    verdict: r.decision.verdict,
    summary: r.decision.summary,
    risk: r.decision.risk,
    defects: r.decision.defects,
    score: r.decision.score,
    thresholds: r.decision.thresholds,
    profile: r.decision.profile,
    probes: r.decision.probes,
    model: r.decision.model,
    subject: r.decision.subject,
    reasons: r.decision.reasons,
    drivers: r.decision.drivers,
  },
  findings: r.findings.map((f) => ({
    ruleId: f.ruleId,
    category: f.category,
    severity: f.severity,
    kind: f.kind,
    message: f.message,
    part: f.part,
    file: f.path,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    ...(f.evidence !== undefined ? { evidence: f.evidence } : {}),
    fingerprint: f.fingerprint,
  })),
});
