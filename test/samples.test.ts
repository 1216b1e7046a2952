/**
 * The CLI over samples/ gives every sample the verdict listed in samples/expected*.json. An entry is a
 * verdict (with the core profile), or { verdict, rules?, profiles? }: rules is the exact set of rule ids the
 * sample must trigger, profiles maps other profiles to the verdict they must give.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { runCli } from './helpers.js';

type Expectation = string | { verdict: string; rules?: string[]; profiles?: Record<string, string> };
const dir = path.resolve('samples');
const expected: Record<string, Expectation> = {};
for (const f of readdirSync(dir).filter((f) => /^expected.*\.json$/.test(f))) {
  for (const [k, v] of Object.entries(JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Record<string, Expectation>)) if (!k.startsWith('$')) expected[k] = v;
}
const verdictOf = (e: Expectation) => (typeof e === 'string' ? e : e.verdict);

describe('samples', () => {
  it('has at least 12 samples with expectations', () => {
    expect(Object.keys(expected).length).toBeGreaterThanOrEqual(12);
  });

  it('every sample gets its expected verdict (and rules, where listed)', async () => {
    const r = await runCli(['.', '-f', 'json'], dir);
    expect(r.stderr).toBe('');
    const results = JSON.parse(r.stdout).results as { path: string; decision: { verdict: string }; findings: { ruleId: string }[] }[];
    const byPath = new Map(results.map((x) => [x.path.split(path.sep).join('/'), x]));
    const problems: string[] = [];
    for (const [file, want] of Object.entries(expected)) {
      const got = byPath.get(file);
      const rules = got ? [...new Set(got.findings.map((f) => f.ruleId))].sort() : [];
      if (!got) problems.push(`${file}: not reviewed`);
      else if (got.decision.verdict !== verdictOf(want)) problems.push(`${file}: expected ${verdictOf(want)}, got ${got.decision.verdict} (${rules.join(', ')})`);
      else if (typeof want === 'object' && want.rules && JSON.stringify(rules) !== JSON.stringify([...want.rules].sort())) problems.push(`${file}: expected rules ${want.rules.join(', ')}, got ${rules.join(', ')}`);
    }
    expect(problems).toEqual([]);
    // Every reviewed template has an expectation.
    expect([...byPath.keys()].filter((k) => !(k in expected))).toEqual([]);
    expect(r.code).toBe(1);
  });

  const byProfile = Object.entries(expected).flatMap(([file, e]) => (typeof e === 'object' && e.profiles ? Object.entries(e.profiles).map(([p, v]) => [file, p, v] as const) : []));
  it.each(byProfile)('%s with profile %s is %s', async (file, profile, verdict) => {
    const r = await runCli([file, '-f', 'json', '-p', profile], dir);
    expect(r.stderr).toBe('');
    const result = JSON.parse(r.stdout).results[0];
    expect(result.decision.profile).toBe(profile);
    expect(result.decision.verdict, JSON.stringify(result.decision.reasons)).toBe(verdict);
  });
});
