import { describe, it, expect } from 'vitest';
import { compileList, matchAll } from '../../../src/rules/content/matcher.js';
import { normalizeText } from '../../../src/parse/normalize.js';

describe('matchAll', () => {
  const list = [
    { phrase: 'free', weight: 1, category: 'a' },
    { phrase: 'free money', weight: 2, category: 'a' },
    { phrase: 'free!', weight: 1, category: 'b' },
    { phrase: 'you won', weight: 1, category: 'c' },
    { phrase: '免费', weight: 1, category: 'd' },
    { pattern: '\\bonly \\$ ?\\d', label: 'only $N', weight: 1, category: 'e' },
  ];
  const m = compileList(list);
  const run = (s: string) => matchAll(m, normalizeText(s).text).map((x) => [x.evidence, x.from, x.to]);

  it('prefers the longest phrase at a word start and needs word boundaries', () => {
    expect(run('Free money, freely free! you wont you won 免费 only $5')).toEqual([
      ['free money', 0, 10],
      ['free!', 19, 24],
      ['you won', 34, 41],
      ['免费', 42, 44],
      ['only $N', 45, 52],
    ]);
  });

  it('finds nothing in text without the phrases', () => {
    expect(run('nothing to see here, just words and 42 numbers')).toEqual([]);
  });
});
