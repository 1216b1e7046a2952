import { describe, it, expect } from 'vitest';
import { tempDir, runCli } from './helpers.js';
import type { Finding, Report } from '../src/core/types.js';
import { ANNOTATION_LIMIT, byImportance, byVerdict, decisionAnnotation, findingAnnotation, github } from '../src/format/github.js';
import { githubAnnotations } from '../src/format/github-summary.js';
import { streamingFormats } from '../src/format/stream.js';

const files = {
  'bad.html': '<html lang="en"><head><title>x</title></head><body>\n{{#each items}}\n<p>50% off, line\none</p>\n</body></html>\n',
  'bad.txt': 'x',
  'bad.meta.json': '{ "subject": "Items" }',
  'ok.html': '<!doctype html>\n<html lang="en"><head><title>Hi</title></head><body><p>Your order has shipped.</p></body></html>',
  'ok.txt': 'Your order has shipped.',
  'ok.meta.json': '{ "subject": "Your order has shipped" }',
};

describe('formats', () => {
  it('sarif: results with locations, rule metadata, fingerprints and decisions', async () => {
    const r = await runCli(['.', '-f', 'sarif'], tempDir(files));
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('inboxlint');
    const result = run.results.find((x: any) => x.ruleId === 'syntax/handlebars');
    expect(result).toMatchObject({
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'bad.html', uriBaseId: 'SRCROOT' }, region: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 16 } } }],
    });
    expect(result.partialFingerprints['inboxlint/v1']).toMatch(/^[0-9a-f]{16}$/);
    expect(run.tool.driver.rules[result.ruleIndex].id).toBe('syntax/handlebars');
    expect(run.properties.decisions.map((d: any) => `${d.template} ${d.verdict}`)).toEqual(['bad.html rejected', 'ok.html approved']);
  });

  it('github: one workflow command per finding, escaped', async () => {
    const r = await runCli(['.', '-f', 'github'], tempDir(files));
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe("::error file=bad.html,line=2,col=1,endLine=2,endColumn=16,title=inboxlint syntax/handlebars::'{{#each}}' is never closed: add '{{/each}}' where the block should end.");
    // '%' in a message is escaped, so '50% off' cannot start an escape sequence.
    expect(lines.find((l) => l.includes('content/spam-phrases'))).toContain('50%25 off');
    // Verdicts are in the job summary (github-summary), not annotations; nothing was left out.
    expect(lines.some((l) => l.includes('title=inboxlint%3A'))).toBe(false);
    expect(lines.some((l) => l.startsWith('::notice title=inboxlint::'))).toBe(false);
    for (const l of lines) expect(l).toMatch(/^::(error|warning|notice) [^\n]*::/);
  });

  it('a verdict the risk decided says what drove it, in the annotation and the job summary', async () => {
    const dir = tempDir({
      'lure.html': '<!doctype html><html lang="en"><head><title>Delivery on hold</title></head><body><p>Dear DHL customer,</p>\n<p>Your parcel is on hold at our depot. A customs fee of 1.99 EUR is due before delivery.</p>\n<p><a href="https://parcel-release.web.app/pay">Pay and release</a></p></body></html>',
      'lure.txt': 'Your parcel is on hold.',
    });
    const annotations = (await runCli(['.', '-f', 'github'], dir)).stdout.trim().split('\n');
    const verdict = annotations.find((l) => l.includes('title=inboxlint%3A rejected'));
    expect(verdict).toMatch(/::lure\.html: rejected: risk [01]\.\d\d ≥ 0\.9; driven by phishing wording 1:\d+, /);
    const summary = (await runCli(['.', '-f', 'github-summary'], dir)).stdout;
    expect(summary).toMatch(/\| `lure\.html` \| [^|]*rejected[^|]*driven by phishing wording 1:\d+/);
  });
});

/** Reports with random findings and verdicts. */
function randomReports(seed: number, n: number): Report[] {
  let x = seed;
  const rnd = (k: number) => ((x = (x * 1103515245 + 12345) % 2 ** 31), x % k);
  const sev = ['error', 'warning', 'info'] as const;
  const kinds = ['defect', 'risk', 'advice'] as const;
  const verdicts = ['rejected', 'needs_review', 'approved'] as const;
  return Array.from({ length: n }, (_, i) => {
    const path = `t${rnd(4)}/${i}.html`;
    const findings: Finding[] = Array.from({ length: rnd(9) }, (_, j) => {
      const line = 1 + rnd(30);
      return { ruleId: `html/r${j}`, messageId: 'm', category: 'html', severity: sev[rnd(3)]!, kind: kinds[rnd(3)]!, message: `m${i}.${j}`, part: 'html', path, span: { start: 0, end: 1 }, line, column: 1 + rnd(5), endLine: line, endColumn: 9, fingerprint: `${i}.${j}` };
    });
    const decision = { verdict: verdicts[rnd(3)]!, risk: rnd(10) / 10, defects: 0, score: 0, thresholds: { review: 0.5, reject: 0.9 }, profile: 'core', model: 'm', summary: 's', reasons: [], drivers: [], subject: 'reviewed', probes: 'skipped' } as Report['decision'];
    return { path, name: path, findings, files: {}, decision };
  });
}

/** The cap as documented, written the plain way: templates worst first take turns, each type up to 10. */
function reference(reports: Report[]): string[] {
  const queues = [...reports].sort(byVerdict).map((r) => {
    const q = [...r.findings].sort(byImportance).map((f) => ({ type: f.severity === 'info' ? 'notice' : f.severity, line: findingAnnotation(f) }));
    if (r.decision.verdict === 'rejected' && !r.findings.some((f) => f.severity === 'error')) q.unshift({ type: 'error', line: decisionAnnotation(r) });
    return q;
  });
  const shown: Record<string, { round: number; line: string }[]> = { error: [], warning: [], notice: [] };
  const left: Record<string, number> = { error: 0, warning: 0, notice: 0 };
  for (let round = 0; queues.some((q) => q.length > round); round++) {
    for (const q of queues) {
      const item = q[round];
      if (!item) continue;
      if (shown[item.type]!.length < ANNOTATION_LIMIT) shown[item.type]!.push({ round, line: item.line });
      else left[item.type]!++;
    }
  }
  const rest = left.error! + left.warning! + left.notice!;
  if (rest && shown.notice!.length === ANNOTATION_LIMIT) {
    shown.notice!.pop();
    left.notice!++;
  }
  const order = queues.flatMap((q, t) => q.map((item, round) => ({ key: round * 1e6 + t, line: item.line })));
  const picked = new Set(Object.values(shown).flatMap((l) => l.map((x) => x.line)));
  const lines = order.sort((a, b) => a.key - b.key).filter((x) => picked.has(x.line)).map((x) => x.line);
  const total = left.error! + left.warning! + left.notice!;
  if (total) lines.push(`::notice title=inboxlint::${total} more not shown as annotations (${(['error', 'warning', 'notice'] as const).filter((t) => left[t]).map((t) => `${left[t]} ${t}${left[t] === 1 ? '' : 's'}`).join(', ')}): GitHub shows 10 of each type per step; see the job summary or the code scanning results`);
  return lines;
}

describe('github format: annotations capped as GitHub shows them', () => {
  const ctx = { version: '9.9.9', color: false };
  it('picks what the documented round-robin picks, in whatever order the reports arrive (streamed or whole)', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const reports = randomReports(seed, 1 + (seed % 13) * 3);
      const want = reference(reports);
      expect(github(reports, ctx).trimEnd().split('\n').filter(Boolean), `seed ${seed}`).toEqual(want);
      const shuffled = [...reports].reverse();
      const s = streamingFormats.github!(ctx);
      expect(shuffled.map((r) => s.write(r)).join('') + s.end(), `seed ${seed} streamed`).toBe(github(reports, ctx));
      const counts = { error: 0, warning: 0, notice: 0 };
      for (const l of want) counts[/^::(\w+)/.exec(l)![1] as keyof typeof counts]++;
      expect(Math.max(counts.error, counts.warning, counts.notice)).toBeLessThanOrEqual(ANNOTATION_LIMIT);
    }
  });

  it('keeps a notice slot for the line that counts the rest', () => {
    const notices = randomReports(3, 30).map((r) => ({ ...r, decision: { ...r.decision, verdict: 'approved' as const }, findings: r.findings.map((f) => ({ ...f, severity: 'info' as const })) }));
    const lines = github(notices, ctx).trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::notice'))).toHaveLength(ANNOTATION_LIMIT);
    expect(lines.at(-1)).toMatch(/^::notice title=inboxlint::\d+ more not shown as annotations \(\d+ notices\)/);
    expect(github([], ctx)).toBe('');
    expect(githubAnnotations).toBe(github);
  });
});
