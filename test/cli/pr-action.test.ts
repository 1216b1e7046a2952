/**
 * The pull-request flow end to end on a real temporary git repository: the CLI with --baseline and
 * --changed-since (in-process), and the GitHub Action's script (scripts/github-action.sh) running the built
 * CLI, writing SARIF, the job summary and capped annotations (-f github). Also the github-summary and github-annotations
 * formats on their own.
 */
import { describe, it, expect } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, tempDir } from '../helpers.js';
import { git } from './pr-git.js';
import { githubAnnotations, githubSummary } from '../../src/format/github-summary.js';
import type { Finding, Report } from '../../src/core/types.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const page = (body: string) => `<!doctype html>\n<html lang="en"><head><title>Shipped</title></head><body>\n${body}\n</body></html>\n`;

function exec(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, env: { ...process.env, NO_COLOR: '1', ...env } }, (e, stdout, stderr) => resolve({ code: e ? Number((e as { code?: number }).code ?? 2) : 0, stdout, stderr }));
  });
}

describe('pull request flow (real git repository; the Action runs the built CLI)', () => {
  it('baseline + --changed-since HEAD~1: only new findings fail; a template whose data changed is reviewed; the Action writes SARIF, the summary table and annotations', async () => {
    const dir = tempDir({
      'emails/order.html': page('<p>Hi {{nmae}}, your order has shipped.</p>'),
      'emails/order.txt': 'Hi {{name}}, your order has shipped.',
      'emails/order.data.json': '{ "name": "Ada" }',
      'emails/welcome.html': page('<p>Welcome {{name}}.</p>'),
      'emails/welcome.txt': 'Welcome {{name}}.',
      'emails/welcome.data.json': '{ "name": "Ada" }',
      'emails/other.html': page('<p>Hi {{nmae}}.</p>'),
    });
    git(dir, 'init', '-q');
    // The baseline accepts today's findings ({{nmae}} in order.html and other.html).
    const w = await runCli(['emails', '--write-baseline', '--baseline', '.inboxlint-baseline.json'], dir);
    expect(w.code).toBe(0);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'templates and baseline');
    expect((await runCli(['emails', '--baseline', '.inboxlint-baseline.json'], dir)).code).toBe(0);

    // Second commit: welcome's data loses 'name' (a new finding in welcome.html); order.html moves its old finding.
    writeFileSync(path.join(dir, 'emails/welcome.data.json'), '{ "first": "Ada" }');
    writeFileSync(path.join(dir, 'emails/order.html'), page('<h1>Shipped</h1>\n<p>Hi {{nmae}}, your order has shipped.</p>'));
    git(dir, 'commit', '-qam', 'rename a data field');

    const r = await runCli(['emails', '--baseline', '.inboxlint-baseline.json', '--changed-since', 'HEAD~1', '-f', 'json'], dir);
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout).results;
    expect(results.map((x: { path: string }) => x.path)).toEqual(['emails/order.html', 'emails/welcome.html']);
    const [order, welcome] = results;
    expect(order.findings.filter((f: Finding) => f.severity === 'error')).toEqual([]);
    expect(order.decision.verdict).not.toBe('rejected');
    expect(welcome.decision.verdict).toBe('rejected');
    expect(welcome.findings.map((f: Finding) => f.ruleId)).toContain('data/missing-variable');
    expect(r.stderr).toMatch(/findings? suppressed by the baseline/);

    // The Action's script, as action.yml runs it.
    const summary = path.join(dir, 'summary.md');
    const output = path.join(dir, 'output.txt');
    const a = await exec('bash', [path.join(root, 'scripts/github-action.sh')], dir, {
      INPUT_PATHS: 'emails',
      INPUT_BASELINE: '.inboxlint-baseline.json',
      INPUT_CHANGED_SINCE: 'HEAD~1',
      INPUT_SARIF_FILE: 'out/inboxlint.sarif',
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_OUTPUT: output,
      RUNNER_TEMP: dir,
    });
    expect(a.code).toBe(1);
    const md = readFileSync(summary, 'utf8');
    expect(md).toContain('| Template | Verdict | Risk | Errors | Warnings | Top findings |');
    expect(md).toMatch(/\| `emails\/welcome\.html` \| ❌ rejected.*\| \d\.\d\d \| 2 \| \d+ \| `data\/missing-variable`/);
    expect(md).toMatch(/\| `emails\/order\.html` \| (✅ approved|⚠️ needs review)/);
    expect(md).not.toContain('other.html');
    expect(a.stdout).toMatch(/^::error file=emails\/welcome\.(html|txt),line=\d+,.*title=inboxlint data\/missing-variable::/m);
    expect(a.stdout).not.toContain('file=emails/order.html,line');
    const sarif = JSON.parse(readFileSync(path.join(dir, 'out/inboxlint.sarif'), 'utf8'));
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);
    expect(readFileSync(output, 'utf8')).toContain('exit-code=1');

    // Nothing changed since HEAD: an empty SARIF (the upload step needs the file) and a summary that says so.
    writeFileSync(summary, '');
    const none = await exec('bash', [path.join(root, 'scripts/github-action.sh')], dir, { INPUT_PATHS: 'emails', INPUT_CHANGED_SINCE: 'HEAD', GITHUB_STEP_SUMMARY: summary, RUNNER_TEMP: dir });
    expect(none.code).toBe(0);
    expect(readFileSync(summary, 'utf8')).toContain('No templates to review.');
    expect(existsSync(path.join(dir, 'inboxlint.sarif'))).toBe(true);
  }, 120_000);
});

const finding = (file: string, severity: Finding['severity'], line: number): Finding => ({
  ruleId: 'data/missing-variable', messageId: 'm', category: 'data', severity, kind: severity === 'error' ? 'defect' : 'advice', message: `problem | at ${line}`, part: 'html', path: file,
  span: { start: 0, end: 1 }, line, column: 1, endLine: line, endColumn: 2, fingerprint: `${file}${line}`,
});
const report = (file: string, findings: Finding[], verdict: Report['decision']['verdict'] = findings.some((f) => f.severity === 'error') ? 'rejected' : 'approved'): Report => ({
  path: file, name: file, findings, files: {},
  decision: { verdict, risk: 0.1, defects: 0, score: 10, thresholds: { review: 0.5, reject: 0.9 }, profile: 'core', model: 'm', summary: `${verdict}: x`, reasons: [], drivers: [], subject: 'reviewed', probes: 'skipped' },
});
const ctx = { version: '9.9.9', color: false };

describe('github-annotations and github-summary formats', () => {
  it('caps annotations at 10 per type, the first of every template before the second of any, and counts the rest', () => {
    const reports = Array.from({ length: 15 }, (_, i) => report(`t${String(i).padStart(2, '0')}.html`, [finding(`t${i}.html`, 'warning', 1), finding(`t${i}.html`, 'error', 5), finding(`t${i}.html`, 'error', 9)]));
    const lines = githubAnnotations(reports, ctx).trimEnd().split('\n');
    const errors = lines.filter((l) => l.startsWith('::error'));
    const warnings = lines.filter((l) => l.startsWith('::warning'));
    expect(errors).toHaveLength(10);
    expect(warnings).toHaveLength(10);
    // Ten templates each show their first error (line 5), none its second.
    expect(new Set(errors.map((l) => /file=([^,]+)/.exec(l)![1])).size).toBe(10);
    expect(errors.every((l) => l.includes('line=5,'))).toBe(true);
    expect(lines.at(-1)).toBe('::notice title=inboxlint::25 more not shown as annotations (20 errors, 5 warnings): GitHub shows 10 of each type per step; see the job summary or the code scanning results');
    // A template rejected with no error finding gets its verdict as the error.
    expect(githubAnnotations([report('r.html', [finding('r.html', 'warning', 2)], 'rejected')], ctx)).toMatch(/^::error file=r\.html,title=inboxlint%3A rejected::/);
    expect(githubAnnotations([], ctx)).toBe('');
  });

  it('summarises verdicts in a markdown table, worst first, pipes escaped', () => {
    const md = githubSummary([report('ok.html', []), report('bad.html', [finding('bad.html', 'error', 3)])], ctx);
    const rows = md.split('\n').filter((l) => l.startsWith('| `'));
    expect(md).toContain('**2 templates**: 1 rejected, 0 need review, 1 approved (1 errors, 0 warnings).');
    expect(rows[0]).toBe('| `bad.html` | ❌ rejected<br>x | 0.10 | 1 | 0 | `data/missing-variable` 3: problem \\| at 3 |');
    expect(rows[1]).toBe('| `ok.html` | ✅ approved | 0.10 | 0 | 0 | — |');
    expect(githubSummary([], ctx)).toContain('No templates to review.');
  });
});
