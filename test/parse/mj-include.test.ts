/**
 * findMjIncludes finds what the regexes it replaced found (a reference copy below), in linear time: the
 * old attribute regex backtracked over runs of name characters, the old tag regex scanned to the end from
 * every `<mj-include` without a `>`, and the comment test searched back from every tag.
 */
import { describe, expect, it } from 'vitest';
import { findMjIncludes } from '../../src/parse/mj-include.js';
import { growth, tooFast } from '../hostile/growth.js';

function reference(text: string) {
  const TAG = /<mj-include\b((?:[^>"']|"[^"]*"|'[^']*')*)>(?:\s*<\/mj-include\s*>)?/gi;
  const ATTR = /([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  const inComment = (at: number) => {
    const open = text.lastIndexOf('<!--', at);
    if (open < 0) return false;
    const close = text.indexOf('-->', open);
    return close < 0 || close > at;
  };
  const out: { path: string; span: { start: number; end: number } }[] = [];
  for (let m = TAG.exec(text); m; m = TAG.exec(text)) {
    if (inComment(m.index)) continue;
    let path: string | undefined;
    ATTR.lastIndex = 0;
    for (let a = ATTR.exec(m[1]!); a; a = ATTR.exec(m[1]!)) if (a[1]!.toLowerCase() === 'path') path = a[2] ?? a[3] ?? '';
    if (path !== undefined) out.push({ path, span: { start: m.index, end: m.index + m[0].length } });
  }
  return out;
}

const PIECES = ['<mj-include', ' path="a.mjml"', " path='b.mjml'", ' type="css"', ' x-path="c"', 'path=', '"', "'", '>', '/>', '</mj-include>', '<!--', '-->', '<!-->', ' ', '\n', 'text', '<mj-text>', '=', 'pathpath', ':-'];

describe('findMjIncludes', () => {
  it('finds what the old regexes found, on generated texts without a `<` inside a tag', () => {
    let seed = 3;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    let found = 0;
    let compared = 0;
    for (let i = 0; i < 5000; i++) {
      let t = '<mj-include path="x.mjml" />';
      for (let k = 1 + rand(20); k > 0; k--) t += PIECES[rand(PIECES.length)];
      const want = reference(t);
      // A `<` inside a tag's attributes now ends it (the old regex read on): such texts are left out.
      if (want.some((r) => t.slice(r.span.start + 1, r.span.end).replace(/>\s*<\/mj-include\s*>$/i, '').includes('<'))) continue;
      compared++;
      const got = findMjIncludes(t).map((r) => ({ path: r.path, span: r.span }));
      expect(got, JSON.stringify(t)).toEqual(want);
      found += got.length;
    }
    expect(compared).toBeGreaterThan(3000);
    expect(found).toBeGreaterThan(3000);
  });

  it('reads the path and its span', () => {
    const t = '<!-- <mj-include path="no.mjml"/> --><mj-include type="css" path="./a.css" css-inline="inline" />';
    const [inc] = findMjIncludes(t);
    expect(findMjIncludes(t)).toHaveLength(1);
    expect(inc).toMatchObject({ path: './a.css', type: 'css', inline: true });
    expect(t.slice(inc!.pathSpan.start, inc!.pathSpan.end)).toBe('./a.css');
  });

  it('takes time linear in the text (n and 4n in one run: the old regexes grew 15x)', async () => {
    const shapes: Record<string, (n: number) => string> = {
      attrRun: (n) => `<mj-include ${'path'.repeat(n)} />`,
      openTags: (n) => `${'<mj-include '.repeat(n)}`,
      openQuotes: (n) => `${'<mj-include "'.repeat(n)}`,
      afterComment: (n) => `<!-- x -->${'<mj-include path="a.mjml" />'.repeat(n)}`,
    };
    const g = await growth(async (k) => {
      const out: Record<string, number> = {};
      for (const [name, build] of Object.entries(shapes)) {
        const text = build(k);
        const t = performance.now();
        findMjIncludes(text);
        out[name] = performance.now() - t;
      }
      return out;
    }, 6_000);
    expect(tooFast(g)).toEqual([]);
  }, 60_000);
});
