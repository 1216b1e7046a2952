/**
 * Profiles extend core and never score a template lower than the profile they are stricter than: weights,
 * per-signal points and category multipliers are at least as high, thresholds at most as high, severities
 * at least as severe, and every list core uses is still used.
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { kindOf, resolveConfig, type ResolvedConfig } from '../../src/config/resolve.js';
import { createPackReader } from '../../src/node/packs.js';
import { builtinRules } from '../../src/rules/index.js';
import { review } from '../../src/review/review.js';
import { loadBundle } from '../../src/node/bundle.js';

const reader = createPackReader();
const resolved = new Map<string, ResolvedConfig>();
const resolve = (profile: string) => {
  let c = resolved.get(profile);
  if (!c) resolved.set(profile, (c = resolveConfig({ rules: builtinRules, reader, profile })));
  return c;
};
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

/** Settings that describe how the mail is sent (not how strictly it is judged). */
const SETUP = ['adLabelAdded'];

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
  interface Pack {
    thresholds?: unknown;
    sources?: { id: string }[];
    rules?: Record<string, { source?: string }>;
  }
  const coreSources = (parse(readFileSync(path.join(root, 'core.yaml'), 'utf8')) as Pack).sources ?? [];

  it('every bundled profile loads, extends core and cites its sources', () => {
    expect(ids).toEqual(expect.arrayContaining(['core', 'isp/gmail', 'isp/outlook', 'isp/yahoo', 'isp/qq', 'isp/netease', 'enterprise/m365', 'enterprise/strict', 'provider/tencent', 'provider/aws']));
    for (const id of ids) {
      const c = resolve(id);
      expect(c.layers[0]).toMatch(/core\.yaml$/);
      const pack = parse(readFileSync(path.join(root, `${id}.yaml`), 'utf8')) as Pack;
      expect(pack.thresholds, id).toEqual({ review: expect.any(Number), reject: expect.any(Number) });
      expect(pack.sources?.length, id).toBeGreaterThan(0);
      // Every rule a profile sets cites one of its sources or core's.
      const cited = new Set([...(pack.sources ?? []), ...(id === 'core' ? [] : coreSources)].map((x) => x.id));
      for (const [ruleId, entry] of Object.entries(pack.rules ?? {})) {
        expect(entry, `${id} ${ruleId}`).toEqual(expect.objectContaining({ source: expect.any(String) }));
        expect(cited, `${id} ${ruleId} cites ${entry.source}`).toContain(entry.source);
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
      const verdict = async (id: string, settings?: Record<string, unknown>) => {
        const key = `${id} ${JSON.stringify(settings ?? {})}`;
        if (!verdicts.has(key)) verdicts.set(key, rank[(await review(src, { config: resolve(id), rules: builtinRules, ...(settings ? { settings } : {}) })).decision.verdict]);
        return verdicts.get(key)!;
      };
      for (const [base, strict] of ORDER) {
        // What a profile says about the sender's setup is a fact about the sending, not strictness: Tencent
        // adds the 广告 label itself (settings.adLabelAdded), so the base profile is judged with that too.
        const setup = SETUP.filter((k) => k in resolve(strict).settings).map((k) => [k, resolve(strict).settings[k]]);
        const b = await verdict(base, setup.length ? Object.fromEntries(setup) : undefined);
        expect(await verdict(strict), `${f}: ${strict} vs ${base}`).toBeGreaterThanOrEqual(b);
      }
    }
  });
});
