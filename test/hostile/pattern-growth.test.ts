/**
 * The regexes packs add (pattern entries of the bundled lists) on inputs their own literals suggest, at n and
 * 4n: like the rule code, their work may grow about 4x, not 16x. This extends the load-time backtracking
 * check (src/config/lists.ts), which judges a pattern's shape, with a measurement.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { growth, timeIt, tooFast } from './growth.js';

const dir = new URL('../../rules/lists/', import.meta.url);
const patterns: { file: string; pattern: string }[] = [];
for (const f of readdirSync(dir).filter((x) => x.endsWith('.yaml'))) {
  const entries = (parse(readFileSync(new URL(f, dir), 'utf8')) as { entries?: { pattern?: string }[] }).entries ?? [];
  for (const e of entries) if (typeof e.pattern === 'string') patterns.push({ file: f, pattern: e.pattern });
}

/** Repeated units an attack on this pattern would use: its own words and characters, and the usual suspects. */
function units(pattern: string): string[] {
  const words = pattern.match(/\p{L}{2,}/gu) ?? [];
  const chars = [...new Set(pattern.replace(/\\[a-zA-Z]|\[[^\]]*\]|[()|?*+{}^$\\]/g, '').split(''))].filter((c) => c.trim());
  return [...new Set([...words, ...words.map((w) => `${w} `), ...chars, 'a', '1', ' ', 'a ', '1 ', '.', '!'])].slice(0, 24);
}

describe('pack patterns grow linearly', () => {
  it('has patterns to check', () => expect(patterns.length).toBeGreaterThan(0));
  for (const { file, pattern } of patterns) {
    it(`${file}: /${pattern}/`, async () => {
      // As content/spam-phrases runs them: global, case-insensitive, Unicode, over normalised text.
      const re = new RegExp(pattern, 'giu');
      const us = units(pattern);
      const g = await growth(async (n) => {
        const out: Record<string, number> = {};
        for (const u of us) {
          const text = u.repeat(Math.ceil(n / u.length));
          out[JSON.stringify(u)] = await timeIt(() => {
            for (const _ of text.matchAll(re));
          });
        }
        return out;
      }, 20_000);
      expect(tooFast(g)).toEqual([]);
    }, 120_000);
  }
});
