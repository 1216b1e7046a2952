/**
 * parseSheet: css-tree's parse of a style sheet, read in pieces when the sheet is badly broken so that the
 * time stays linear in its length (css-tree formats a source excerpt of the whole text per syntax error).
 */
import { describe, expect, it } from 'vitest';
import * as csstree from 'css-tree';
import { parseSheet, parseSheetInPieces } from '../../src/analysis/css-sheet.js';
import { growth, tooFast } from '../hostile/growth.js';

const OPTIONS = { parseValue: false, parseAtrulePrelude: false, parseCustomProperty: false, onParseError: () => {} };
const whole = (css: string) => csstree.parse(css, OPTIONS) as csstree.StyleSheet;

/** What the style reader takes from the nodes: rules with selectors and their declarations, and @media with its rules. */
function rules(nodes: csstree.CssNode[]): string {
  return nodes
    .map((n) => {
      if (n.type === 'Rule') {
        if (n.prelude.type !== 'SelectorList') return ''; // style.ts skips a rule whose selector did not parse
        const decls = n.block.children.toArray().filter((d: csstree.CssNode): d is csstree.Declaration => d.type === 'Declaration');
        return `${n.prelude.type}:${csstree.generate(n.prelude)}{${decls.map((d: csstree.Declaration) => `${d.property}:${(d.value as csstree.Raw).value}!${String(d.important)}`).join(';')}}`;
      }
      if (n.type === 'Atrule') return `@${n.name}${n.name === 'media' && n.block ? `{${rules(n.block.children.toArray())}}` : ''}`;
      return '';
    })
    .filter(Boolean)
    .join('\n');
}

const WELL_FORMED = [
  'p{color:red} .a{display:none!important} @media screen{.b{font-size:0}} #c{opacity:0}',
  '@import url("x.css"); @font-face{font-family:x;src:url(a.woff)} a:hover{color:blue} td[class~="x"]>p{visibility:hidden}',
  '/* c */ p { color : red ! important ; --x: 1 ; *zoom: 1 } @media only screen and (max-width:600px){ .m{display:none} }',
];
const MILDLY_BROKEN = ['p{color:red;;b;0 2} .x{display:none', 'p{color:rgb(1,2} q{display:none}', '{{#if x}}p{color:red}{{/if}} .a{display:{{d}}}'];
const BADLY_BROKEN = [
  'p{0\t2;color:red;0;b;} .x{display:none}'.repeat(50),
  `p{${'0\t2;'.repeat(300)}display:none}.q{color:blue}`,
  `p{${'b;color : red ! important ;*zoom:1;--x: 1 ;a:!;x:y!ie;c:rgb(1,2;3);d:e f ; '.repeat(100)}display:none}`,
  `@media screen{${'p{b;c;d;e;f;display:none}'.repeat(100)}}`,
  'a; b{color:red} c{x:y}'.repeat(100),
  `p{color:rgb(1,2}${'q{display:none}'.repeat(20)}`,
  '{{#if x}}p{color:red}{{/if}} .a{display:{{d}};b;c;d;e;f;g;h}'.repeat(40),
  `p{color:red;/* b; c; d; e; f; */;;;;;;;x;y;z;w;display:none}${'"abc;}" p{a;b;c;d;e;f}'.repeat(30)}`,
  `${'@font-face{a;b;c;d;e;f}'.repeat(30)}p{display:none}`,
  `p{a:b{c;d;e;f;g};display:none;${'x;'.repeat(100)}}`,
  `${'@import x; p{b;c;display:none !important} @media screen{q{b;c;d;e;opacity:0}} r{x;y;z;w;color:red} 0{a:b}'.repeat(30)} trailing 0\t2;`,
  `${'p{b}'.repeat(600)}.q{visibility:hidden}${'a;b{c}'.repeat(300)}`,
  `p{@a{0;0;0;0;0;0;0;}display:none;${'b;'.repeat(200)}@media x{q{a:b}} opacity:0;& a{b:c}color:red}`,
  `p{display:none !important x;${'color: red /* c */ ;'.repeat(3)}${'x;'.repeat(100)}font: 0/0 a !important}`,
  `${'{x}'.repeat(300)}.q{display:none}${' {a:b} \n{}0{x}'.repeat(100)}p{opacity:0}`,
];

describe('parseSheet', () => {
  it('is css-tree\'s parse of a well-formed or mildly broken sheet', () => {
    for (const css of [...WELL_FORMED, ...MILDLY_BROKEN]) {
      expect(parseSheet(css).map((n) => csstree.generate(n)), css).toEqual(whole(css).children.toArray().map((n: csstree.CssNode) => csstree.generate(n)));
    }
  });

  it('reads a badly broken sheet in pieces to the same rules and declarations as one parse', () => {
    for (const css of [...WELL_FORMED, ...MILDLY_BROKEN, ...BADLY_BROKEN]) {
      expect(rules(parseSheetInPieces(css)), css.slice(0, 60)).toBe(rules(whole(css).children.toArray()));
    }
  });

  it('keeps the rules after 60 KB of errors in one block (the sheet is not dropped)', () => {
    const css = `p{${'0\t2;'.repeat(15_000)}display:none}.q{visibility:hidden}`;
    expect(rules(parseSheet(css))).toBe('SelectorList:p{display:none!false}\nSelectorList:.q{visibility:hidden!false}');
  });

  it('takes time linear in the length of a badly broken sheet', async () => {
    const inputs: Record<string, (n: number) => string> = {
      errorsInABlock: (n) => `p{${'0\t2;'.repeat(n)}display:none}`,
      errorsOnLines: (n) => `p{${'0\t2;\n'.repeat(n)}display:none}`,
      badDeclarations: (n) => `p{${'a:!;'.repeat(n)}display:none}`,
      badRules: (n) => 'p{b}'.repeat(n),
      mediaErrors: (n) => `@media screen{p{${'b;'.repeat(n)}}}`,
      // fuzz seed 202 #7789: 60 KB of `{x}` took 0.9 s (two css-tree errors per block, each with a stack)
      blocksWithoutSelector: (n) => '{x}'.repeat(n),
      badSelectors: (n) => '0{x}'.repeat(n),
    };
    const g = await growth(async (n) => {
      const out: Record<string, number> = {};
      for (const [name, build] of Object.entries(inputs)) {
        const css = build(n);
        const t = performance.now();
        parseSheet(css);
        out[name] = performance.now() - t;
      }
      return out;
    }, 6_000);
    expect(tooFast(g)).toEqual([]);
  }, 120_000);
});
