/**
 * SARIF 2.1.0 for code-scanning tools (GitHub code scanning, Azure DevOps, VS Code SARIF viewer).
 * Each finding is a result at its file, line and column; fingerprints let the host track a finding across
 * line shifts; each template's decision is recorded in the run's properties.
 */
import type { Formatter } from './types.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

export const sarif: Formatter = (reports, ctx) => {
  const used = new Set(reports.flatMap((r) => r.findings.map((f) => f.ruleId)));
  const rules = (ctx.rules ?? []).filter((r) => used.has(r.id));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'inboxlint',
            version: ctx.version,
            rules: rules.map((r) => ({
              id: r.id,
              shortDescription: { text: r.description },
              help: { text: `What it catches, why and how to fix it: docs/rules/${r.id}.md in the inboxlint package.` },
              defaultConfiguration: { level: r.defaultSeverity === 'off' ? 'none' : LEVEL[r.defaultSeverity] },
              properties: { category: r.id.split('/')[0] },
            })),
          },
        },
        results: reports.flatMap((r) =>
          r.findings.map((f) => ({
            ruleId: f.ruleId,
            ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {}),
            level: LEVEL[f.severity],
            message: { text: f.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: uri(f.path), ...(ctx.cwd && !isAbsolute(f.path) ? { uriBaseId: 'SRCROOT' } : {}) },
                  region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: Math.max(f.endColumn, f.column + (f.endLine === f.line ? 1 : 0)) },
                },
              },
            ],
            partialFingerprints: { 'inboxlint/v1': f.fingerprint },
            properties: { template: r.path, part: f.part, ...(f.evidence !== undefined ? { evidence: f.evidence } : {}), kind: f.kind },
          })),
        ),
        ...(ctx.cwd ? { originalUriBaseIds: { SRCROOT: { uri: `file://${uri(ctx.cwd)}/` } } } : {}),
        properties: {
          decisions: reports.map((r) => ({ template: r.path, verdict: r.decision.verdict, summary: r.decision.summary, risk: r.decision.risk, defects: r.decision.defects, score: r.decision.score, profile: r.decision.profile, thresholds: r.decision.thresholds, model: r.decision.model })),
        },
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
};

/** Forward slashes, each segment encoded; a Tencent part shown as file.json#TemplateContent.Html is file.json. */
function uri(p: string): string {
  return p.replace(/\\/g, '/').split('#')[0]!.split('/').map(encodeURIComponent).join('/');
}

function isAbsolute(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p);
}
