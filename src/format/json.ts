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
  // --fix-dry-run: the fixed text of each file fixes changed.
  ...(r.output ? { output: r.output } : {}),
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
    // As in ESLint: [start, end) offsets into the text of `file`, and the text to put there.
    ...(f.fix ? { fix: { range: [f.fix.span.start, f.fix.span.end], text: f.fix.text } } : {}),
    ...(f.suggestions?.length ? { suggestions: f.suggestions.map((s) => ({ desc: s.title, fix: { range: [s.fix.span.start, s.fix.span.end], text: s.fix.text } })) } : {}),
  })),
});
