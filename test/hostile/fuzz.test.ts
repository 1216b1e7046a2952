/**
 * A small fixed-seed run of the fuzzer (scripts/fuzz.ts; `npm run fuzz` runs long ones) and the inputs it
 * kept as regression fixtures (test/fixtures/hostile/): no exception escapes review(), no rule fails.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { Engine } from '../../src/node/engine.js';
import { fromCase, fuzz, type FuzzCase } from '../../scripts/fuzz.js';

const FIXTURES = new URL('../fixtures/hostile/', import.meta.url);

describe('fuzz', () => {
  it('300 mutated samples (seed 1): no exceptions, no internal errors', async () => {
    const r = await fuzz({ seed: 1, count: 300, corpus: [new URL('../../samples', import.meta.url).pathname] });
    expect(r.count).toBe(300);
    expect(r.exceptions.map((e) => e.error.split('\n')[0])).toEqual([]);
    expect(r.internalErrors.map((e) => `${e.ruleId}: ${e.message}`)).toEqual([]);
  }, 600_000);

  const engine = new Engine({ configPath: null });
  for (const f of readdirSync(FIXTURES).filter((x) => x.endsWith('.json'))) {
    it(`fixture ${f}`, async () => {
      const c = JSON.parse(readFileSync(new URL(f, FIXTURES), 'utf8')) as FuzzCase;
      const r = await engine.review(fromCase(c));
      expect(r.internalErrors).toEqual([]);
    }, 120_000);
  }
});
