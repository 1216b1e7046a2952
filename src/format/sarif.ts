/**
 * SARIF 2.1.0 for code-scanning tools (GitHub code scanning, Azure DevOps, VS Code SARIF viewer).
 * Each finding is a result at its file, line and column, with its fix when it has one; fingerprints let the
 * host track a finding across line shifts; each template's decision is recorded in the run's properties.
 * Locations inside the working directory are relative to the SRCROOT base (a file:// URI); others are
 * file:// URIs. Validated against the official schema in test/cli/sarif.test.ts.
 */
import type { Edit, Finding, Kind } from '../core/types.js';
import type { Formatter, FormatContext } from './types.js';
import { withoutTrailing } from '../core/chars.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

export const sarif: Formatter = (reports, ctx) => {
  const used = new Set(reports.flatMap((r) => r.findings.map((f) => f.ruleId)));
  const rules = (ctx.rules ?? []).filter((r) => used.has(r.id));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const artifact = artifactLocation(ctx);
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'inboxlint',
            version: ctx.version,
            semanticVersion: ctx.version,
            rules: rules.map((r) => {
              const kinds = kindsOf(r.kind);
              return {
                id: r.id,
                shortDescription: { text: r.description },
                ...(ctx.docsBase ? { helpUri: `${ctx.docsBase}${r.id}.md` } : {}),
                help: { text: `What it catches, why and how to fix it: docs/rules/${r.id}.md in the inboxlint package.` },
                defaultConfiguration: { level: r.defaultSeverity === 'off' ? 'none' : LEVEL[r.defaultSeverity], enabled: r.defaultSeverity !== 'off' },
                properties: {
                  category: r.id.split('/')[0],
                  kind: kinds[0] ?? 'advice',
                  ...(typeof r.kind === 'object' ? { kinds: r.kind } : {}),
                  tags: ['email', r.id.split('/')[0], ...kinds],
                },
              };
            }),
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
                  artifactLocation: artifact(f.path),
                  region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: Math.max(f.endColumn, f.column + (f.endLine === f.line ? 1 : 0)) },
                },
              },
            ],
            partialFingerprints: { 'inboxlint/v1': f.fingerprint },
            ...fixesOf(f, artifact),
            properties: { template: r.path, part: f.part, ...(f.evidence !== undefined ? { evidence: f.evidence } : {}), kind: f.kind, category: f.category },
          })),
        ),
        ...(ctx.cwd ? { originalUriBaseIds: { SRCROOT: { uri: dirUri(ctx.cwd) } } } : {}),
        columnKind: 'utf16CodeUnits',
        properties: {
          decisions: reports.map((r) => ({ template: r.path, verdict: r.decision.verdict, summary: r.decision.summary, risk: r.decision.risk, defects: r.decision.defects, score: r.decision.score, profile: r.decision.profile, thresholds: r.decision.thresholds, model: r.decision.model })),
        },
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
};

type Artifact = { uri: string; uriBaseId?: string };

/**
 * Where a path is: relative to SRCROOT (the working directory) as hosts show paths inside it, each segment
 * percent-encoded so `promo#1.html` stays one file name; an absolute path (a file outside the working
 * directory) as a file:// URI.
 */
function artifactLocation(ctx: FormatContext): (p: string) => Artifact {
  return (p) => (isAbsolute(p) || !ctx.cwd ? { uri: fileUri(p, ctx.cwd) } : { uri: encodePath(p), uriBaseId: 'SRCROOT' });
}

const isAbsolute = (p: string) => p.startsWith('/') || p.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(p);
const encodePath = (p: string) => p.replace(/\\/g, '/').split('/').map(encodeURIComponent).join('/');

/** file:// URI of a path (POSIX or Windows), relative ones taken from `cwd`. */
function fileUri(p: string, cwd = '/'): string {
  const abs = isAbsolute(p) ? p : `${withoutTrailing(cwd, '\\/')}/${p}`;
  const posix = abs.replace(/\\/g, '/');
  // C:/x → file:///C:/x (the drive letter's colon stays); //server/share → file://server/share.
  if (/^[A-Za-z]:\//.test(posix)) return `file:///${posix.slice(0, 2)}${encodePath(posix.slice(2))}`;
  if (posix.startsWith('//')) return `file:${encodePath(posix)}`;
  return `file://${encodePath(posix)}`;
}

function dirUri(dir: string): string {
  const u = fileUri(dir);
  return u.endsWith('/') ? u : `${u}/`;
}

/** The kinds a rule's findings can have, the main one first. */
function kindsOf(kind: Kind | Record<string, Kind> | undefined): Kind[] {
  if (!kind) return [];
  if (typeof kind === 'string') return [kind];
  return [...new Set([kind.default, ...Object.values(kind)].filter((k): k is Kind => k !== undefined))];
}

/** The fix, then the suggestions, as SARIF fixes: replacements in the finding's file by character offset. */
function fixesOf(f: Finding, artifact: (p: string) => Artifact): { fixes?: unknown[] } {
  const all: { description: string; edit: Edit }[] = [...(f.fix ? [{ description: 'Fix', edit: f.fix }] : []), ...(f.suggestions ?? []).map((s) => ({ description: s.title, edit: s.fix }))];
  if (!all.length) return {};
  return {
    fixes: all.map((x) => ({
      description: { text: x.description },
      artifactChanges: [
        {
          artifactLocation: artifact(f.path),
          replacements: [{ deletedRegion: { charOffset: x.edit.span.start, charLength: x.edit.span.end - x.edit.span.start }, insertedContent: { text: x.edit.text } }],
        },
      ],
    })),
  };
}
