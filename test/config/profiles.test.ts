/**
 * Profiles extend core and never score a template lower than the profile they are stricter than: weights,
 * per-signal points and category multipliers are at least as high, thresholds at most as high, severities
 * at least as severe, and every list core uses is still used.
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { kindOf, resolveConfig, type ResolvedConfig } from '../../src/config/resolve.js';
import { createPackReader } from '../../src/node/packs.js';
import { builtinRules } from '../../src/rules/index.js';
import { review } from '../../src/review/review.js';
import { loadBundle } from '../../src/node/bundle.js';

const reader = createPackReader();
const resolve = (profile: string) => resolveConfig({ rules: builtinRules, reader, profile });
const RANK = { off: 0, info: 1, warning: 2, error: 3 } as const;

const ORDER: [string, string][] = [
  ['core', 'isp/gmail'],
  ['core', 'isp/outlook'],
  ['core', 'isp/yahoo'],
  ['core', 'isp/qq'],
  ['core', 'isp/netease'],
  ['core', 'enterprise/m365'],
  ['enterprise/m365', 'enterprise/strict'],
  ['core', 'provider/aws'],
  ['core', 'provider/tencent'],
];

/** A stricter profile may turn advice into risk or a defect, never the other way. */
const KIND_RANK = { advice: 0, risk: 1, defect: 2 } as const;

function weaker(base: ResolvedConfig, strict: ResolvedConfig): string[] {
  const problems: string[] = [];
  if (strict.thresholds.review > base.thresholds.review) problems.push('review threshold');
  if (strict.thresholds.reject > base.thresholds.reject) problems.push('reject threshold');
  for (const [id, r] of base.rules) {
    const s = strict.rules.get(id)!;
    if (RANK[s.severity] < RANK[r.severity]) problems.push(`${id} severity`);
    if (KIND_RANK[kindOf(s, 'default', s.severity === 'off' ? 'info' : s.severity)] < KIND_RANK[kindOf(r, 'default', r.severity === 'off' ? 'info' : r.severity)]) problems.push(`${id} kind`);
    const ro = r.options as Record<string, any>;
    const so = s.options as Record<string, any>;
    if (Array.isArray(ro.lists) && ro.lists.some((l: string) => !so.lists.includes(l))) problems.push(`${id} lists`);
  }
  for (const [name, list] of Object.entries(base.lists)) if (strict.lists[name] !== list && (strict.lists[name]?.length ?? 0) < list.length) problems.push(`list ${name}`);
  return problems;
}

describe('profiles', () => {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../rules');
  const ids = reader.packIds();

  it('every bundled profile loads, extends core and cites its sources', () => {
    expect(ids).toEqual(expect.arrayContaining(['core', 'isp/gmail', 'isp/outlook', 'isp/yahoo', 'isp/qq', 'isp/netease', 'enterprise/m365', 'enterprise/strict', 'provider/tencent', 'provider/aws']));
    for (const id of ids) {
      const c = resolve(id);
      expect(c.layers[0]).toMatch(/core\.yaml$/);
      const text = readFileSync(path.join(root, `${id}.yaml`), 'utf8');
      expect(text, id).toMatch(/^thresholds:/m);
      expect(text, id).toMatch(/^sources:/m);
      // Every rule a profile sets cites a source.
      const own = /^rules:\n((?: {2}.*\n| {4}.*\n)*)/m.exec(text)?.[1] ?? '';
      for (const line of own.split('\n').filter((l) => /^ {2}[a-z-]+\/[a-z-]+:/.test(l))) {
        const id2 = line.trim().split(':')[0]!;
        const block = own.slice(own.indexOf(line)).split(/\n {2}(?=[a-z])/)[0]!;
        expect(block, `${id} ${id2}`).toMatch(/source: [a-z0-9-]+/);
      }
    }
  });

  for (const [base, strict] of ORDER) {
    it(`${strict} is at least as strict as ${base}`, () => expect(weaker(resolve(base), resolve(strict))).toEqual([]));
  }

  it('a stricter profile never gives the same template a milder verdict (samples)', async () => {
    const dir = path.resolve(root, '../samples');
    const files = readdirSync(dir).filter((f) => /^content-.*\.(html|mjml)$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const src = (await loadBundle(path.join(dir, f)))!;
      const rank = { approved: 0, needs_review: 1, rejected: 2 } as const;
      const verdicts = new Map<string, number>();
      for (const id of new Set(ORDER.flat())) verdicts.set(id, rank[(await review(src, { config: resolve(id), rules: builtinRules })).decision.verdict]);
      for (const [base, strict] of ORDER) {
        if (strict === 'provider/tencent') continue; // Tencent adds the 广告 label itself (settings.adLabelAdded)
        expect(verdicts.get(strict)!, `${f}: ${strict} vs ${base}`).toBeGreaterThanOrEqual(verdicts.get(base)!);
      }
    }
  });
});
