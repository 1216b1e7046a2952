import { describe, it, expect } from 'vitest';
import { IGNORABLE_BLOCKS, isIgnorableCodePoint } from '../../src/analysis/confusables.js';

describe('isIgnorableCodePoint', () => {
  it('agrees with \\p{Default_Ignorable_Code_Point} over all of Unicode', () => {
    const property = /^\p{Default_Ignorable_Code_Point}$/u;
    const wrong: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue; // surrogates are not characters
      if (isIgnorableCodePoint(cp) !== property.test(String.fromCodePoint(cp))) wrong.push(cp.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it('keeps its ranges in order and disjoint (the lookup stops at the first range past the code point)', () => {
    for (let i = 0; i < IGNORABLE_BLOCKS.length; i++) {
      const [first, last] = IGNORABLE_BLOCKS[i]!;
      expect(first).toBeLessThanOrEqual(last);
      if (i > 0) expect(first).toBeGreaterThan(IGNORABLE_BLOCKS[i - 1]![1]);
    }
  });
});
