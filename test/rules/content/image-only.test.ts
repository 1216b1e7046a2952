import rule, { textBytes } from '../../../src/rules/content/image-only.js';
import { ruleTester } from '../../rule-tester.js';
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { collapse, htmlToText } from '../../../src/analysis/urls.js';
import { utf8Length } from '../../../src/rules/lib/util.js';

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i % 10}`).join(' ');

ruleTester(rule, {
  valid: [
    { html: `<p>${words(10)}</p>`, name: 'no images' },
    { html: `<img src="https://x.com/a.png" alt=""><p>${words(600)}</p>`, name: 'plenty of text' },
  ],
  invalid: [
    { html: '<html><body><img src="https://x.com/a.png" alt="Sale"></body></html>', errors: [{ messageId: 'lowText', line: 1, column: 1, evidence: 'HTML_IMAGE_ONLY_04' }] },
    { html: `<img src="https://x.com/a.png" alt=""><p>${words(90)}</p>`, errors: [{ messageId: 'lowText', line: 1, column: 1, evidence: 'HTML_IMAGE_ONLY_08' }] },
    { name: 'rendered with the sample', html: '<img src="https://x.com/a.png" alt=""><p>{{intro}}</p>', data: { intro: words(500) }, errors: [{ messageId: 'lowText', line: 1, column: 1, evidence: 'HTML_IMAGE_ONLY_32', message: 'data sample #1' }] },
  ],
});

// textBytes counts in one pass what the regex pipeline below computes by building the text: the two must
// agree on every input (and, with a limit, agree below it and both reach it above it).

const reference = (html: string) => utf8Length(collapse(htmlToText(html)));

describe('textBytes', () => {
  const pieces = ['<', '>', '<!--', '-->', '<b>', '</p>', '<style>', '</style >', '<SCRIPT a=1>', '</script>', '<img src=x>', '&amp;', '&nbsp;', '&#x41;', '&#32;', '&copy', '&bogus;', '&', ' ', '\n', '\u00a0', '\u3000', 'word', 'é', '免费', '😀', '\ud800', 'a', '-', '!', ';', '<p class="x">'];
  const rand = (seed: number) => () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  it('equals the regex pipeline on generated markup', () => {
    const r = rand(7);
    for (let i = 0; i < 5000; i++) {
      let s = '';
      const len = Math.floor(r() * 40);
      for (let k = 0; k < len; k++) s += pieces[Math.floor(r() * pieces.length)];
      const exact = reference(s);
      expect(textBytes(s), JSON.stringify(s)).toBe(exact);
      const limit = Math.floor(r() * 30);
      const cut = textBytes(s, limit);
      if (exact < limit) expect(cut).toBe(exact);
      else expect(cut).toBeGreaterThanOrEqual(limit);
    }
  });
  it('equals the regex pipeline on the samples', () => {
    const dir = path.resolve('samples');
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(path.join(dir, f), 'utf8');
      expect(textBytes(html), f).toBe(reference(html));
    }
  });
});
