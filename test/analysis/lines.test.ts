import { describe, it, expect } from 'vitest';
import { LineIndex, findLineStarts } from '../../src/core/line-index.js';
import { LineOffsets, lineStarts } from '../../src/analysis/lines.js';

describe('lineStarts / LineOffsets', () => {
  const texts = ['', 'a', '\n', 'a\nb', 'a\n\nb\n', 'a\r\nb\rc\nd', '\r\r\n\n', 'x\u2028y\nz', 'last line\n'];
  it('finds the line starts findLineStarts finds', () => {
    for (const t of texts) expect(lineStarts(t), JSON.stringify(t)).toEqual(findLineStarts(t));
  });
  it('maps line and column to the offset LineIndex gives, clamped alike', () => {
    for (const t of texts) {
      const a = new LineIndex(t);
      const b = new LineOffsets(t);
      for (let line = -1; line <= 6; line++) for (let column = -1; column <= 6; column++) expect(b.offset(line, column), `${JSON.stringify(t)} ${line}:${column}`).toBe(a.offset(line, column));
    }
  });
});
