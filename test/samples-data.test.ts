/** The samples/data-* bundles get the verdicts recorded in samples/expected-data.json. */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Engine } from '../src/node/engine.js';
import { loadBundle } from '../src/node/bundle.js';

const dir = path.resolve(import.meta.dirname, '../samples');
const expected: Record<string, string> = JSON.parse(readFileSync(path.join(dir, 'expected-data.json'), 'utf8'));

describe('data samples', () => {
  const engine = new Engine({ configPath: null });
  for (const [file, verdict] of Object.entries(expected)) {
    it(`${file} → ${verdict}`, async () => {
      const src = await loadBundle(path.join(dir, file));
      const r = await engine.review(src!);
      expect(r.internalErrors).toEqual([]);
      expect(r.decision.verdict, r.findings.map((f) => `${f.ruleId} ${f.message}`).join('\n')).toBe(verdict);
    });
  }
});
