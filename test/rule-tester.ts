/**
 * RuleTester in the ESLint style: tables of valid and invalid cases for one rule, each invalid case listing
 * the expected findings by messageId, part, line and column.
 */
import { describe, it, expect } from 'vitest';
import type { AnyRule } from '../src/rules/rule.js';
import type { PartSource, TemplateSource } from '../src/core/source.js';
import type { Finding, Part } from '../src/core/types.js';
import type { ProbeResult } from '../src/core/probe-port.js';
import type { ResolvedConfig } from '../src/config/resolve.js';
import { review, type ReviewResult } from '../src/review/review.js';
import { jsonStringPart, parseJson } from '../src/parse/json.js';
import { applyEdits, fixesByFile } from '../src/core/fixes.js';

export interface Case {
  name?: string;
  html?: string;
  mjml?: string;
  text?: string;
  subject?: string;
  /** Object → JSON.stringify(…, null, 2); string → as is. */
  meta?: unknown;
  data?: unknown;
  schema?: unknown;
  options?: Record<string, unknown>;
  settings?: Record<string, unknown>;
  lists?: Record<string, unknown[]>;
  /** Probe results to feed rules that need the network (keyed by URL). */
  probes?: Record<string, Omit<ProbeResult, 'url'>>;
  /** A prepared source, for loader-level cases. */
  source?: TemplateSource;
}

export interface ExpectedFinding {
  messageId?: string;
  /** Substring the message must contain. */
  message?: string;
  part?: Part;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  severity?: Finding['severity'];
  evidence?: string;
  /**
   * The finding's suggestions, each with the text of its file once that suggestion alone is applied. Required
   * when the finding has suggestions (as in ESLint's RuleTester).
   */
  suggestions?: { title?: string; output: string }[];
}

export interface InvalidCase extends Case {
  errors: ExpectedFinding[];
  /**
   * The text of the file the fixes edit once every fix of one pass is applied (ESLint semantics), or null
   * when no finding has a fix. Required when a finding has a fix.
   */
  output?: string | null;
}

const asText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v, null, 2));

export function sourceFor(c: Case, name = 'template'): TemplateSource {
  if (c.source) return c.source;
  const kind = c.mjml !== undefined ? 'mjml' : c.html !== undefined ? 'html' : 'text';
  const ext = kind === 'mjml' ? 'mjml' : kind === 'html' ? 'html' : 'txt';
  const src: TemplateSource = { name, path: `${name}.${ext}`, kind, origin: 'files' };
  const body = c.mjml ?? c.html;
  if (body !== undefined) src.html = { part: 'html', path: src.path, text: body };
  if (c.text !== undefined) src.text = { part: 'text', path: kind === 'text' ? src.path : `${name}.txt`, text: c.text };
  const meta = c.meta !== undefined ? asText(c.meta) : c.subject !== undefined ? JSON.stringify({ subject: c.subject }, null, 2) : undefined;
  if (meta !== undefined) {
    src.meta = { part: 'meta', path: `${name}.meta.json`, text: meta };
    const subject = jsonStringPart(parseJson(meta), ['subject'], 'subject', `${name}.meta.json`);
    if (subject) src.subject = subject;
  }
  if (c.data !== undefined) src.data = { part: 'data', path: `${name}.data.json`, text: asText(c.data) } as PartSource;
  if (c.schema !== undefined) src.schema = { part: 'schema', path: `${name}.schema.json`, text: asText(c.schema) } as PartSource;
  return src;
}

export function configFor(rule: AnyRule, c: Case): ResolvedConfig {
  const severity = rule.meta.defaultSeverity === 'off' ? 'error' : rule.meta.defaultSeverity;
  return {
    profile: 'test',
    layers: [],
    thresholds: { review: 0.5, reject: 0.9 },
    prior: 0.5,
    rules: new Map([[rule.meta.id, { severity, options: { ...(rule.meta.defaultOptions as object), ...(c.options ?? {}) } }]]),
    lists: c.lists ?? {},
    settings: c.settings ?? {},
    sources: [],
  };
}

export async function runRule(rule: AnyRule, c: Case): Promise<ReviewResult> {
  const probes = c.probes;
  const settings = probes ? { ...(c.settings ?? {}), checkUrls: true } : c.settings;
  return review(sourceFor(c), {
    config: configFor(rule, { ...c, ...(settings ? { settings } : {}) }),
    rules: [rule],
    ...(probes
      ? {
          probe: {
            probe: async (reqs) => new Map(reqs.filter((r) => probes[r.url]).map((r) => [r.url, { url: r.url, ...probes[r.url]! } as ProbeResult])),
          },
        }
      : {}),
  });
}

/** The text of a file of a review (a part's file, or a file composed into one). */
export function fileText(r: ReviewResult, file: string): string {
  const f = Object.values(r.files).find((x) => x?.path === file) ?? r.includedFiles?.find((x) => x.path === file);
  if (!f) throw new Error(`no file ${file} in the review`);
  return f.text;
}

export function ruleTester(rule: AnyRule, cases: { valid: Case[]; invalid: InvalidCase[] }): void {
  describe(rule.meta.id, () => {
    cases.valid.forEach((c, i) => {
      it(`valid #${i + 1}${c.name ? `: ${c.name}` : ''}`, async () => {
        const r = await runRule(rule, c);
        expect(r.internalErrors).toEqual([]);
        expect(r.findings.map((f) => `${f.line}:${f.column} ${f.message}`)).toEqual([]);
      });
    });
    cases.invalid.forEach((c, i) => {
      it(`invalid #${i + 1}${c.name ? `: ${c.name}` : ''}`, async () => {
        const r = await runRule(rule, c);
        expect(r.internalErrors).toEqual([]);
        const got = r.findings.map((f) => ({ f, messageId: f.messageId }));
        expect(got.length, `findings: ${JSON.stringify(r.findings.map((f) => `${f.part} ${f.line}:${f.column} ${f.message}`), null, 1)}`).toBe(c.errors.length);
        c.errors.forEach((e, j) => {
          const { f, messageId } = got[j]!;
          expect(f.ruleId).toBe(rule.meta.id);
          if (e.messageId) expect(messageId, f.message).toBe(e.messageId);
          if (e.message) expect(f.message).toContain(e.message);
          expect({ line: f.line, column: f.column }, f.message).toEqual({ line: e.line, column: e.column });
          if (e.endLine !== undefined) expect(f.endLine).toBe(e.endLine);
          if (e.endColumn !== undefined) expect(f.endColumn).toBe(e.endColumn);
          if (e.part) expect(f.part).toBe(e.part);
          if (e.severity) expect(f.severity).toBe(e.severity);
          if (e.evidence !== undefined) expect(f.evidence).toBe(e.evidence);
          const suggestions = f.suggestions ?? [];
          if (suggestions.length || e.suggestions) {
            const got = suggestions.map((x) => ({ title: x.title, output: applyEdits(fileText(r, f.path), [x.fix]).text }));
            expect(e.suggestions, `${f.message}: the case must list its suggestions: ${JSON.stringify(got)}`).toBeDefined();
            expect(got).toEqual(e.suggestions!.map((x, k) => ({ title: x.title ?? suggestions[k]?.title, output: x.output })));
          }
        });
        const fixes = fixesByFile(r.findings);
        if (fixes.size === 0) {
          if (c.output !== undefined) expect(c.output, 'no finding has a fix: output must be null').toBeNull();
          return;
        }
        expect([...fixes.keys()], 'fixes edit one file').toHaveLength(1);
        const [file, edits] = [...fixes][0]!;
        const output = applyEdits(fileText(r, file), edits).text;
        expect(c.output, `findings have fixes: the case must give output: ${JSON.stringify(output)}`).toBeDefined();
        expect(output).toBe(c.output);
      });
    });
  });
}
