/** The image/link samples give the verdicts and rule sets samples/expected-links.json records. */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Engine } from '../src/node/engine.js';
import { loadBundle } from '../src/node/bundle.js';

const dir = path.resolve(import.meta.dirname, '../samples');
const expected = JSON.parse(readFileSync(path.join(dir, 'expected-links.json'), 'utf8')) as { samples: Record<string, { verdict: string; rules: string[] }> };

describe('samples/expected-links.json', () => {
  for (const [name, want] of Object.entries(expected.samples)) {
    it(name, async () => {
      const source = await loadBundle(path.join(dir, `${name}.html`));
      const r = await new Engine({ configPath: null }).review(source!);
      expect(r.decision.verdict).toBe(want.verdict);
      expect([...new Set(r.findings.map((f) => f.ruleId))].sort()).toEqual(want.rules);
    });
  }
});
