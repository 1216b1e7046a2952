/** attributes() (analysis/template-doc.ts) reads start tags as the regular expression it replaced did. */
import { describe, expect, it } from 'vitest';
import type { Element } from 'domhandler';
import { attributes, startTagSpan, type AttrValue, type HtmlPart } from '../../src/analysis/template-doc.js';

const ATTR = /([^\s"'<>/=\uE000-\uF8FF]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** The regular-expression reading attributes() had before (the reference), and the tag's end. */
function byRegex(html: { masked: string; text: string }, start: number): { attrs: AttrValue[]; end: number } {
  let end = html.masked.length;
  let quote = '';
  for (let i = start + 1; i < html.masked.length; i++) {
    const c = html.masked[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') {
      end = i + 1;
      break;
    }
  }
  const open = html.masked.slice(start, end);
  const nameEnd = open.search(/[\s/>]/);
  const out: AttrValue[] = [];
  ATTR.lastIndex = nameEnd < 0 ? open.length : nameEnd;
  for (let m = ATTR.exec(open); m; m = ATTR.exec(open)) {
    const value = m[2] ?? m[3] ?? m[4];
    let s: number;
    let e: number;
    if (value === undefined) s = e = start + m.index + m[0].length;
    else {
      s = start + m.index + m[0].length - value.length - (m[4] === undefined ? 1 : 0);
      e = s + value.length;
    }
    const raw = html.text.slice(s, e);
    out.push({ name: m[1]!.toLowerCase(), raw, span: { start: s, end: e }, dynamic: raw.includes('{{') || html.masked.slice(s, e) !== raw });
  }
  return { attrs: out, end };
}

describe('attributes', () => {
  it('reads generated start tags as the regular expression did', () => {
    const PIECES = [' ', '  ', '\t', '\n', '\u00a0', '\u3000', '\ufeff', 'a', 'href', 'CLASS', 'data-x', 'x:y', '=', ' = ', '"', "'", '"v"', "'v w'", 'v', '`', '<', '>', '/', '/>', '\uE000\uE101\uE001\uE001\uE001', '{{x}}', 'é', '😀', '""', "''", '=>', 'a=b', 'a = "b c"', "a='b'", 'a=', '="x"'];
    let seed = 3;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    let found = 0;
    let dynamic = 0;
    for (let n = 0; n < 20000; n++) {
      let tag = pick(['<a', '<td', '<img', '<x-y', '<A']);
      for (let k = rand(12); k > 0; k--) tag += PIECES[rand(PIECES.length)];
      if (rand(4)) tag += '>';
      const before = rand(2) ? 'text <p>' : '';
      const after = rand(2) ? ' more</p>' : '';
      const text = before + tag + after;
      // The source differs from the masked text where a mask token stands.
      const source = text.replace(/\uE000\uE101\uE001\uE001\uE001/g, '{{y}}');
      const html = { masked: text, text: source } as unknown as HtmlPart;
      const el = { startIndex: before.length } as unknown as Element;
      const got = attributes(html, el);
      const want = byRegex(html, before.length);
      expect(got, JSON.stringify(text)).toEqual(want.attrs);
      expect(startTagSpan(text, el), JSON.stringify(text)).toEqual({ start: before.length, end: want.end });
      dynamic += got.filter((a) => a.dynamic).length;
      found += got.length;
    }
    expect(found).toBeGreaterThan(20000);
    expect(dynamic).toBeGreaterThan(50);

    function pick<T>(xs: T[]): T {
      return xs[rand(xs.length)]!;
    }
  });
});
