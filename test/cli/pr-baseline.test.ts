/** --baseline / --write-baseline: today's findings are accepted by fingerprint, only new ones fail. */
import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir, runCli, runJson } from '../helpers.js';

const page = (body: string) => `<!doctype html>\n<html lang="en"><head><title>Shipped</title></head><body>\n${body}\n</body></html>\n`;
const files = (html: string) => ({
  'emails/a.html': html,
  'emails/a.txt': 'Your order has shipped.',
  'emails/a.meta.json': '{ "subject": "Your order has shipped" }',
  'emails/a.data.json': '{ "name": "Ada" }',
});

describe('CLI baseline', () => {
  it('accepts the findings it lists, across line shifts, and fails on a new one', async () => {
    const dir = tempDir(files(page('<p>Hi {{nmae}}, your order has shipped.</p>')));
    expect((await runCli(['.'], dir)).code).toBe(1);
    const w = await runCli(['.', '--write-baseline', '--baseline', 'ci/baseline.json'], dir);
    expect(w.code).toBe(0);
    expect(w.stderr).toMatch(/wrote \d+ findings to the baseline ci\/baseline\.json/);
    const b = JSON.parse(readFileSync(path.join(dir, 'ci/baseline.json'), 'utf8'));
    expect(b.version).toBe(1);
    expect(b.files['../emails/a.html'].length).toBeGreaterThan(0);

    // Two lines added above: the old finding moves, and stays accepted.
    writeFileSync(path.join(dir, 'emails/a.html'), page('<p>Order 1</p>\n<p>Order 2</p>\n<p>Hi {{nmae}}, your order has shipped.</p>'));
    const same = await runJson(['.', '--baseline', 'ci/baseline.json'], dir);
    expect(same.code).toBe(0);
    expect(same.json.results[0].findings.filter((f: any) => f.ruleId === 'data/missing-variable')).toEqual([]);
    expect(same.json.results[0].decision.verdict).not.toBe('rejected');
    expect(same.json.results[0].decision.summary).toMatch(/in the baseline/);
    const stylish = await runCli(['.', '--baseline', 'ci/baseline.json'], dir);
    expect(stylish.stderr).toMatch(/\d+ findings? suppressed by the baseline ci\/baseline\.json/);

    // A new problem fails, and only it is reported.
    writeFileSync(path.join(dir, 'emails/a.html'), page('<p>Hi {{nmae}}, your {{ordr}} has shipped.</p>'));
    const fresh = await runJson(['.', '--baseline', 'ci/baseline.json'], dir);
    expect(fresh.code).toBe(1);
    const missing = fresh.json.results[0].findings.filter((f: any) => f.ruleId === 'data/missing-variable');
    expect(missing.map((f: any) => f.evidence ?? f.message)).toEqual([expect.stringContaining('ordr')]);
    expect(fresh.json.results[0].decision.verdict).toBe('rejected');
  });

  it('a missing or malformed baseline is a clear error (exit 2)', async () => {
    const dir = tempDir({ ...files(page('<p>Hello</p>')), 'bad.json': '{"files": 3}', 'broken.json5': '{' });
    const none = await runCli(['emails', '--baseline', 'nope.json'], dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('write one with --write-baseline');
    const bad = await runCli(['emails', '--baseline', 'bad.json'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('is not an inboxlint baseline');
    expect((await runCli(['emails', '--baseline', 'broken.json5'], dir)).stderr).toContain('not valid JSON');
  });
});
