import { describe, it, expect } from 'vitest';
import { normalizeText, sourceSpan, VAR } from '../../src/analysis/normalize.js';
import { countWords } from '../../src/analysis/text.js';

describe('normalizeText', () => {
  const cases: [string, string][] = [
    ['Get V1AGRA now!!!', 'get viagra now!!!'],
    ['F-R-E-E and f r e e and v.i.a.g.r.a', 'free and free and viagra'],
    ['ＦＲＥＥ ｃａｓｈ', 'free cash'],
    ['fr\u200Bee c\u0430sh', 'free cash'],
    ['caf\u00e9 na\u00efve', 'cafe naive'],
    ['免 费 领 取', '免费领取'],
    ['risk-free', 'risk free'],
    ['U.S.A. e.g. A-B', 'usa. e.g. a b'],
    ['free!', 'free!'],
    ['mp3 and 24h', 'mpe and 24h'],
    // Leet is read between the first and the last letter-digit pair of the text, wherever they are; a hyphen
    // that leet reading puts between letters reads as a space.
    ['plain words here 24/7 and the m1 route, then v1agra', 'plain words here 24/7 and the m1 route, then viagra'],
    [`v1agra ${'plain '.repeat(20)}c@sh and fr3e-b1e`, `viagra ${'plain '.repeat(20)}cash and free bie`],
    ['ab1-cd', 'abi cd'],
    // Typographic quotes and dashes read as ASCII (the same map: one unit each).
    ['You\u2019ve won \u201CFree\u201D', `you've won "free"`],
    ['F\u2014R\u2014E\u2014E now \u2013 today', 'free now - today'],
  ];
  for (const [input, out] of cases) it(`${JSON.stringify(input)} → ${JSON.stringify(out)}`, () => expect(normalizeText(input).text).toBe(out));

  it('decodes entities only for HTML and maps back to the source', () => {
    const src = 'a&nbsp;&amp;&#70;ree';
    const n = normalizeText(src, 10, true);
    expect(n.text).toBe('a &free');
    const at = n.text.indexOf('free');
    expect(sourceSpan(n, at, at + 4)).toEqual({ start: 10 + src.indexOf('&#70;'), end: 10 + src.length });
    expect(normalizeText(src).text).toBe('a&nbsp;&amp;&#70;ree');
  });

  it('turns each run of mask characters into one VAR', () => {
    expect(normalizeText('Hi \uE000\uE101\uE102\uE001 there').text).toBe(`hi ${VAR} there`);
  });

  it('keeps astral characters aligned with the map', () => {
    const n = normalizeText('🔥 free');
    expect(n.text).toBe('🔥 free');
    expect(sourceSpan(n, 3, 7)).toEqual({ start: 3, end: 7 });
  });

  // How its work grows with the input is measured in test/hostile/growth.test.ts (text parts at n and 4n).
  it('normalises a 550 KB input whole, mapping every character back to the source', () => {
    const big = 'free money '.repeat(50_000);
    const n = normalizeText(big);
    expect(n.text).toBe(big);
    expect(sourceSpan(n, n.text.length - 6, n.text.length - 1)).toEqual({ start: big.length - 6, end: big.length - 1 });
  });
});

describe('countWords', () => {
  it('counts Latin words, CJK words (as Intl.Segmenter splits them) and variables apart', () => {
    expect(countWords(normalizeText('Hello 2 world, 你好 \uE000\uE101\uE102').text)).toEqual({ latin: 2, cjk: 1, vars: 1, total: 3 });
    // 您 的 订单 已 发货 / 请 注意 查收: words a reader counts, not the 12 characters.
    expect(countWords(normalizeText('您的订单已发货，请注意查收。').text).cjk).toBe(9);
    expect(countWords('ภาษาไทยง่ายนิดเดียว').cjk).toBe(5);
  });

  it("counts accented and other-script words, apostrophes inside words, not numbers alone", () => {
    // (raw text, not normalised: the counter sees what it is given)
    // Korean is written with spaces: 한국 is one word like Ελληνικά; カタカナ is one word too.
    expect(countWords("don't 42 3rd naïve Ελληνικά カタカナ 한국 'quoted'")).toEqual({ latin: 6, cjk: 1, vars: 0, total: 7 });
  });

  it('returns a fresh object for a text counted before (callers may change it)', () => {
    const a = countWords('one two');
    a.total = 99;
    expect(countWords('one two').total).toBe(2);
  });
});
