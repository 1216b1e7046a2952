import rule, { latinWordHash, MAX_WORDS_READ, wordOverlap } from '../../../src/rules/content/text-html-mismatch.js';
import { describe, it, expect } from 'vitest';
import { ruleTester } from '../../rule-tester.js';

const words = 'Your monthly statement for September is ready. Review recent transactions, download the invoice, and update your payment details before the next billing date to avoid service interruption for your team members.';
ruleTester(rule, {
  valid: [
    { html: `<p>${words}</p>`, text: words },
    { html: `<p>${words}</p>`, text: words.split(' ').slice(0, 25).join(' '), name: 'a shorter text part with the same content' },
    { html: '<p>Short note</p>', text: 'Something else', name: 'too few words to compare' },
    { html: `<p>${words}</p>`, name: 'no text part (content/missing-text-part reports that)' },
  ],
  invalid: [
    {
      name: 'the text part says something else',
      html: `<p>${words}</p>`,
      text: 'Cheap watches and pills, visit our shop today for great prices on replica goods of every kind.',
      errors: [{ messageId: 'differs', part: 'text', line: 1, column: 1 }],
    },
  ],
});

describe('wordOverlap', () => {
  // The plain definition: distinct words as strings.
  const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
  const words = (t: string) =>
    new Set([
      ...(t.match(/[a-z][a-z0-9']{2,}/g) ?? []),
      ...(t.match(/[\u4e00-\u9fff]+/g) ?? []).flatMap((run) => [...segmenter.segment(run)].filter((s) => s.isWordLike).map((s) => s.segment)),
    ]);
  const reference = (html: string, text: string) => {
    const h = words(html);
    const t = words(text);
    return { distinct: h.size, shared: [...h].filter((w) => t.has(w)).length, any: t.size > 0 };
  };

  it('counts distinct and shared words as string sets would, on generated text', () => {
    const alphabet = ['ab', 'abc', 'free', 'order', "don't", 'x1y', '12', '免', '费', ' ', ' ', '-', 'abcd', 'q', 'zz9'];
    let seed = 11;
    const rnd = (k: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % k);
    const gen = () => Array.from({ length: rnd(40) }, () => alphabet[rnd(alphabet.length)]).join(rnd(2) ? ' ' : '');
    for (let k = 0; k < 2000; k++) {
      const html = gen();
      const text = gen();
      expect(wordOverlap(html, text), `${html} | ${text}`).toEqual(reference(html, text));
    }
  });

  it('stays exact when two different words share a hash', () => {
    // Find two words with the same 30-bit hash (birthday search over generated words).
    const byHash = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let n = 0; !pair; n++) {
      const w = `w${n.toString(36)}`;
      const h = latinWordHash(w);
      const other = byHash.get(h);
      if (other !== undefined) pair = [other, w];
      else byHash.set(h, w);
    }
    const [a, b] = pair;
    expect(a).not.toBe(b);
    expect(latinWordHash(a)).toBe(latinWordHash(b));
    for (const [html, text] of [
      [`${a} ${b} order`, `${b}`],
      [`${a} order`, `${b}`],
      [`${a} ${b}`, `${a} ${b} ${a}`],
      [`${b} ${a} ${a}`, `order ${a}`],
    ]) expect(wordOverlap(html!, text!), `${html} | ${text}`).toEqual(reference(html!, text!));
  });
});

describe('long parts', () => {
  // 25 distinct words repeated past the bound, then 100 others that only the text part has.
  const first = Array.from({ length: 25 }, (_, i) => `first${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`).join(' ');
  const prefix = `${first} `.repeat(Math.ceil(MAX_WORDS_READ / (first.length + 1)) + 1);
  const later = Array.from({ length: 100 }, (_, i) => `later${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`).join(' ');

  it('reads words from the first MAX_WORDS_READ characters of each part', () => {
    expect(prefix.length).toBeGreaterThan(MAX_WORDS_READ);
    // Read whole, the HTML has 125 distinct words and the text part 100 of them; read to the bound, 25 and none.
    expect(wordOverlap(`${prefix}${later}`, later)).toEqual({ distinct: 25, shared: 0, any: true });
    expect(wordOverlap(`${later} ${prefix}`, later)).toEqual({ distinct: 125, shared: 100, any: true });
  });

  it('reads Chinese to the bound too (Intl.Segmenter is the costly part)', () => {
    const zh = '中奖，稳赚'.repeat(MAX_WORDS_READ);
    const r = wordOverlap(zh, zh);
    expect(r.shared).toBe(r.distinct);
    expect(r.distinct).toBeGreaterThan(0);
  });
});
