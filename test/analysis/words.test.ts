/** Word breaking of unspaced scripts: long stretches are segmented a window at a time, with the same words. */
import { describe, expect, it } from 'vitest';
import { segmentWords } from '../../src/analysis/words.js';

const direct = (s: string) => [...new Intl.Segmenter('zh', { granularity: 'word' }).segment(s)].filter((x) => x.isWordLike).map((x) => [x.index, x.index + x.segment.length]);
const ours = (s: string) => {
  const out: [number, number][] = [];
  segmentWords(s, 0, s.length, (a, b) => out.push([a, b]));
  return out;
};

describe('segmentWords', () => {
  it('gives the words ICU gives for ordinary text', () => {
    for (const s of ['您的订单已发货', '感谢您的购买我们已经收到您的付款', 'ありがとうございました']) expect(ours(s)).toEqual(direct(s));
  });

  it('a stretch longer than a window: the same words, windows restarting at word boundaries', () => {
    const s = '您的订单已发货请注意查收'.repeat(200);
    expect(s.length).toBeGreaterThan(2000);
    expect(ours(s)).toEqual(direct(s));
  });

  it('covers a long stretch of one repeated word completely and in order', () => {
    const s = '如果'.repeat(5000);
    const w = ours(s);
    expect(w.every(([a, b], i) => b > a && (i === 0 || a >= w[i - 1]![1]!))).toBe(true);
    expect(w.reduce((n, [a, b]) => n + b! - a!, 0)).toBe(s.length);
  });
});
