import { describe, expect, it } from 'vitest';
import { utf8Length } from '../../../src/rules/lib/util.js';

describe('utf8Length', () => {
  it('agrees with Buffer.byteLength, small and large strings alike', () => {
    const cases = ['', 'plain ascii', 'é', '中文邮件', '😀 emoji', 'lone \ud800 high', 'lone \udc00 low', 'end \ud83d', '\u0000'];
    for (const s of cases) {
      expect(utf8Length(s), JSON.stringify(s)).toBe(Buffer.byteLength(s));
      // Long strings are encoded chunk by chunk: a character split across chunks counts once.
      const big = s + 'x'.repeat((1 << 20) + 1) + s;
      expect(utf8Length(big), JSON.stringify(s)).toBe(Buffer.byteLength(big));
    }
  });
});
