import { describe, it, expect } from 'vitest';
import { LineIndex, findLineStarts } from '../../src/core/line-index.js';

/** Line starts by another route: the ends of the line breaks a regular expression finds. */
function byRegex(text: string): number[] {
  return [0, ...[...text.matchAll(/\r\n|\r|\n/g)].map((m) => m.index + m[0].length)];
}

describe('findLineStarts', () => {
  const texts = ['', 'a', '\n', 'a\nb', 'a\n\nb\n', 'a\r\nb\rc\nd', '\r\r\n\n', 'x\u2028y\nz', 'last line\n'];
  it('finds the starts of every kind of line break, with and without \\r (its indexOf path and its loop)', () => {
    for (const t of texts) expect(findLineStarts(t), JSON.stringify(t)).toEqual(byRegex(t));
  });
  it('LineIndex maps offsets and lines through them', () => {
    const t = 'ab\ncd\r\nef';
    const x = new LineIndex(t);
    expect(x.position(4)).toEqual({ line: 2, column: 2 });
    expect(x.offset(3, 2)).toBe(8);
  });
});
