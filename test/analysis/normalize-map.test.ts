import { describe, it, expect } from 'vitest';
import { normalizePieces, normalizeText, VAR } from '../../src/analysis/normalize.js';

/** Offset maps as plain arrays, for readable expectations. */
function maps(n: { map: Int32Array; ends: Int32Array }): [number[], number[]] {
  return [[...n.map], [...n.ends]];
}

describe('normalize offset maps (fast paths)', () => {
  it('copies ASCII runs with single spaces one to one and collapses other whitespace', () => {
    const n = normalizeText('Ab  C\td', 5);
    expect(n.text).toBe('ab c d');
    expect(maps(n)).toEqual([
      [5, 6, 7, 9, 10, 11],
      [6, 7, 8, 10, 11, 12],
    ]);
  });

  it('joins pieces with a space at the next piece start, and keeps astral characters two units wide', () => {
    const n = normalizePieces(
      [
        { text: 'Hi', start: 0 },
        { text: '😀 ok', start: 10 },
      ],
      { entities: false },
    );
    expect(n.text).toBe('hi 😀 ok');
    expect(maps(n)).toEqual([
      [0, 1, 10, 10, 10, 12, 13, 14],
      [1, 2, 10, 12, 12, 13, 14, 15],
    ]);
  });

  it('maps entities, folded characters and mask runs to their whole source', () => {
    const n = normalizeText('x&amp;\u00DF\uE000\uE000y &bogus; \u200B', 0, true);
    expect(n.text).toBe(`x&ss${VAR}y &bogus; `);
    expect(n.map.length).toBe(n.text.length);
    expect([...n.map.slice(0, 6)]).toEqual([0, 1, 6, 6, 7, 9]);
    expect([...n.ends.slice(0, 6)]).toEqual([1, 6, 7, 7, 9, 10]);
  });

  it('reads leetspeak only in tokens that mix letters with digits or symbols, anywhere in a long text', () => {
    const long = `${'plain words here '.repeat(50)}V1AGRA c@sh 2024 ab12 h3llo-w0rld`;
    expect(normalizeText(long).text.endsWith('viagra cash 2024 abi2 hello world')).toBe(true);
  });

  it('gives the same text without the offset maps (maps: false) as with them', () => {
    const alphabet = ['Free', ' ', '  ', '\n', 'F-R-E-E', 'v.i.a.g.r.a', 'V1AGRA', 'c@sh', '&amp;', '&nbsp;', '&#70;', '\u00DF', '\uE000\uE000', '免 费', 'ＦＲＥＥ', '😀', '\u200B', 'é', 'a-b', '!', 'x'];
    let seed = 5;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let i = 0; i < 2000; i++) {
      const pieces = Array.from({ length: 1 + Math.floor(rand() * 3) }, (_, k) => ({
        text: Array.from({ length: Math.floor(rand() * 12) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join(''),
        start: k * 100,
      }));
      const entities = rand() < 0.5;
      const full = normalizePieces(pieces, { entities });
      expect(normalizePieces(pieces, { entities, maps: false }).text).toBe(full.text);
    }
  });
});
