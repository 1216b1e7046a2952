import { describe, expect, it } from 'vitest';
import { detached } from '../../src/core/detach.js';

describe('detached', () => {
  it.each([
    ['short', 'color: red'],
    ['ASCII', '.a { color: red; background: blue }'.repeat(3)],
    ['astral and CJK', '.a::after { content: "😀 你好 ünïcode" }'.repeat(3)],
    ['a lone high surrogate', '.a { font-family: "x\uD800" } .b { color: red }'],
    ['a lone low surrogate', '\uDC00 .a { color: red } .b { color: blue }'],
    ['lone surrogates beyond one chunk', 'x\uD83D'.repeat(10_000)],
  ])('returns a string equal to its input: %s', (_name, s) => {
    expect(detached(s)).toBe(s);
  });
});
