import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine } from '../src/node/engine.js';
import { loadBundle } from '../src/node/bundle.js';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../samples');
const expected = JSON.parse(readFileSync(path.join(dir, 'expected-content.json'), 'utf8')) as Record<string, Record<string, string> | string>;

describe('content samples', () => {
  for (const [file, byProfile] of Object.entries(expected)) {
    if (file.startsWith('$')) continue;
    for (const [profile, verdict] of Object.entries(byProfile as Record<string, string>)) {
      it(`${file} with ${profile} is ${verdict}`, async () => {
        const src = await loadBundle(path.join(dir, file));
        const r = await new Engine({ profile, configPath: null }).review(src!);
        expect(r.internalErrors).toEqual([]);
        expect(r.decision.verdict, JSON.stringify(r.decision.reasons)).toBe(verdict);
      });
    }
  }
});
