/**
 * The fast Handlebars lexer must produce exactly the token stream of the lexer Jison generated: same
 * tokens, texts, lines, columns, states and error messages; and parseProgram (our lexer, LR driver and
 * whitespace control) exactly the ASTs and errors of Handlebars.parse.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars, { jisonLexer, parseProgram, useHandlebarsParser, usingFastLexer } from '../../src/parse/hbs.js';
import { FastLexer as FastLexerClass } from '../../src/parse/hbs-lexer.js';


interface Lexer {
  yy: unknown;
  setInput(s: string): unknown;
  lex(): unknown;
  yytext: string;
  yyleng: number;
  yylineno: number;
  yylloc: unknown;
  match: string;
  conditionStack: string[];
}

function tokens(lexer: Lexer, input: string): unknown[] {
  lexer.yy = {};
  lexer.setInput(input);
  const out: unknown[] = [];
  for (let i = 0; i < 100_000; i++) {
    let token: unknown;
    try {
      token = lexer.lex();
    } catch (e) {
      out.push({ error: (e as Error).message });
      break;
    }
    out.push([token, lexer.yytext, lexer.yyleng, lexer.yylineno, JSON.stringify(lexer.yylloc), lexer.match, lexer.conditionStack.join('/')]);
    if (token === 1 || token === 5) break;
  }
  return out;
}

/** Ours: fast lexer, in-place driver, ported whitespace control. Jison's: Handlebars.parse as shipped. */
function parsed(input: string, which: 'fast' | 'jison'): unknown {
  useHandlebarsParser(which);
  try {
    return JSON.stringify(which === 'fast' ? parseProgram(input) : Handlebars.parse(input));
  } catch (e) {
    const err = e as Error & { hash?: unknown };
    return { message: err.message, hash: JSON.stringify(err.hash ?? null) };
  } finally {
    useHandlebarsParser('fast');
  }
}

/** Handlebars.parse itself (its own whitespace control) over our lexer and driver, or Jison's: what
 * Handlebars.compile and registered partials go through. */
function shipped(input: string, which: 'fast' | 'jison'): unknown {
  useHandlebarsParser(which);
  try {
    return JSON.stringify(Handlebars.parse(input));
  } catch (e) {
    const err = e as Error & { hash?: unknown };
    return { message: err.message, hash: JSON.stringify(err.hash ?? null) };
  } finally {
    useHandlebarsParser('fast');
  }
}

function expectSame(input: string): void {
  const fast = new FastLexerClass(jisonLexer);
  expect(tokens(fast as unknown as Lexer, input), JSON.stringify(input)).toEqual(tokens(jisonLexer as unknown as Lexer, input));
  expect(parsed(input, 'fast'), JSON.stringify(input)).toEqual(parsed(input, 'jison'));
  expect(shipped(input, 'fast'), JSON.stringify(input)).toEqual(shipped(input, 'jison'));
}

const EDGE_CASES = [
  '',
  'plain text',
  '{{name}}',
  'a {{name}} b',
  '{{#if a}}x{{else if b}}y{{else}}z{{/if}}',
  '{{#each items as |item i|}}{{item.name}}{{@index}}{{/each}}',
  '{{^list}}none{{/list}}',
  '{{#list}}{{^}}none{{/list}}',
  '{{> partial a=b}}{{#> layout}}x{{/layout}}',
  '{{#*inline "p"}}x{{/inline}}{{*decorator}}',
  '{{{raw}}} {{& also}} {{~trim~}} {{~{raw}~}}',
  '{{! short comment }}{{!-- long }} comment --}}{{~!-- strip --~}}',
  '{{!-- unclosed comment',
  '\\{{escaped}} \\\\{{not escaped}} \\{{also \\{{x',
  '{{{{raw}}}} {{inside}} {{{{/raw}}}}',
  '{{{{raw}}}} {{{{nested}}}} {{{{/nested}}}} {{{{/raw}}}}',
  '{{helper "str \\" q" \'s \\\' q\' 1 -2.5 true false null undefined key=value}}',
  '{{helper (sub a b) (sub (deep c))}}',
  '{{[segment literal]}}{{a.[b c].d}}{{this/foo}}{{../up}}{{./x}}',
  '{{a}}\r\n{{b}}\r{{c}}\n\n{{d}}',
  'line\u2028sep {{x}}\u2029 {{y\u2028}}',
  'a\n b\u2028c {{x}}\r\n d\u2029e {{y}}',
  'nul \u0000 {{x}}',
  '{{x \u0000}}',
  '{{#if}}unclosed',
  '{{/if}}',
  '{{#a}}{{/b}}',
  '{{',
  '}}',
  '{{x',
  '{{x}',
  '{{ else }}',
  '{{else}}',
  '{{#if a}}\n  {{else}}\n{{/if}}',
  '  {{#each x}}\n    {{this}}\n  {{/each}}\n',
  '{{x.}} {{.}} {{..}} {{x..y}} {{x=}}',
  '{{as |x|}}{{foo as | a b |}}',
  '{{😀}} é {{ü}} 😀',
  '{{#if a}}{{#if b}}{{#if c}}x{{/if}}{{/if}}{{/if}}',
  '<td class="{{cls}}" {{#if x}}data-x{{/if}}>{{{html}}}</td>',
  '{{x~}}\n\n  {{~y}}',
  '{{{{raw}}}}unterminated',
  '{{"unterminated}}',
  "{{'a'}} {{'a\\'b'}}",
  '{{-1}} {{1.}} {{.5}} {{1e5}} {{0x10}}',
  '{{true}} {{truex}} {{nullable}} {{undefinedx}} {{falsey}}',
  '{{@root.x}} {{@../index}}',
  '\\\\\\{{x}}',
  '{{x}}\\',
  '\\',
  '\\{',
  '{{{x}}',
  '{{{{x}}}',
  // whitespace control and standalone lines
  '  {{#if a}}  \r\n  x\n  {{else}}\t\n  y\n  {{/if}}  \n',
  '{{#each xs}}\n  {{> row}}\n{{/each}}\n',
  '  {{> partial}}\n',
  '\t{{! comment }}\t\n',
  '{{#a}}\n{{else if b}}\n{{else}}\n{{/a}}',
  '{{~#a~}}  x  {{~^~}}  y  {{~/a~}}',
  'a\u2028{{#if x}}\u2028b\n{{/if}}\u00a0\n',
  '{{#*inline "p"}}\n  body\n{{/inline}}\n',
  '{{#> layout}}\n  {{#if a}}\n    x\n  {{/if}}\n{{/layout}}',
  '   ',
  '\n',
  '{{x}}   \n   {{y}}',
  'a\n  {{#if a}}\rb\n{{/if}}\n',
  'a\n{{#if a}}\r{{/if}}\r\nb',
  'a\n  {{! c }}\rb',
  '{{! c }}\r',
];

describe('fast Handlebars lexer', () => {
  it('is in use: it knows the installed Handlebars lexer rules (an upgrade must revisit hbs-lexer.ts)', () => {
    expect(usingFastLexer).toBe(true);
  });

  it('matches Jison on edge cases', () => {
    for (const input of EDGE_CASES) expectSame(input);
  });

  it('matches Jison on every sample template', () => {
    const dir = path.resolve(import.meta.dirname, '../../samples');
    let n = 0;
    for (const f of readdirSync(dir)) {
      if (!/\.(html|hbs|mjml|txt)$/.test(f)) continue;
      expectSame(readFileSync(path.join(dir, f), 'utf8'));
      n++;
    }
    expect(n).toBeGreaterThan(20);
  });

  it('matches Jison on 6,000 generated templates', () => {
    const PIECES = [
      '{{', '}}', '{{{', '}}}', '{{{{', '}}}}', '{{#if a}}', '{{/if}}', '{{else}}', '{{else if b}}', '{{^}}', '{{^x}}',
      '{{~', '~}}', '{{!-- c --}}', '{{!--', '--}}', '{{! c }}', '{{!', '\\{{', '\\\\{{', '\\', '{{{{raw}}}}',
      '{{{{/raw}}}}', '"', "'", '(', ')', '=', '..', '.', '/', '@index', '@', 'true', 'false', 'null', 'undefined',
      '-1.5', '42', 'as |x y|', 'as', '|', '[a b]', '[', ']', 'foo', 'bar.baz', ' ', '  ', '\n', '\r\n', '\r',
      '\u2028', '\t', 'é', '😀', '\u0000', 'else', '{{>', '{{#>', '{{#*inline "x"}}', '{{&', '{{*', '<p>', '</p>',
      'text ', '<a href="', '">', '~', '}', '{', '#', '^', '!', '-', '--', '{{~#', '{{~/', '{{~^', '{{~else',
      '{{~>', '{{~!', '{{~{', '{{~&', '{{~*', '{{ else ', ' else', 'elsewhere', '{{else}}', '{{~else~}}', '{{#>',
      '{{#if a}}', '{{/if}}', '{{#each b}}', '{{/each}}', '{{^c}}', '{{/c}}', '{{> p}}', '{{!c}}', '  \n', ' \t', '\r\n  ',
    ];
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let i = 0; i < 6000; i++) {
      let s = '';
      const count = 1 + rand(24);
      for (let j = 0; j < count; j++) s += PIECES[rand(PIECES.length)];
      expectSame(s);
    }
  });

  it('matches Handlebars.parse on 3,000 generated well-formed templates (whitespace control, standalone lines)', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const pick = <T,>(xs: T[]) => xs[rand(xs.length)]!;
    const SPACE = ['', ' ', '  ', '\t', '\n', '\r\n', '\r', '\rx', ' \n ', '\n  ', '  \n', 'x', ' x ', '\nx\n', '\u00a0', '\u2028'];
    const t = () => (rand(3) === 0 ? '~' : '');
    const content = () => pick(SPACE) + (rand(2) ? pick(SPACE) : '');
    const simple = () => {
      const [a, b] = [t(), t()];
      return pick([`{{${a}x${b}}}`, `{{${a}{x}${b}}}`, `{{${a}! c ${b}}}`, `{{${a}!-- c --${b}}}`, `{{${a}> p${b}}}`, `{{${a}&x${b}}}`]);
    };
    const gen = (depth: number): string => {
      let out = '';
      for (let n = 1 + rand(4); n > 0; n--) {
        out += content();
        const k = rand(depth < 3 ? 4 : 2);
        if (k === 0) out += simple();
        else if (k === 1) out += content();
        else {
          const [name, open] = pick([['if', '#if a'], ['each', '#each xs'], ['x', '^x'], ['p', '#> p'], ['with', '#with y']]);
          out += `{{${t()}${open}${t()}}}${gen(depth + 1)}`;
          if (name !== 'p' && rand(2)) out += `{{${t()}${pick(['else', '^', 'else if b'])}${t()}}}${gen(depth + 1)}`;
          out += `{{${t()}/${name}${t()}}}`;
        }
      }
      return out + content();
    };
    for (let i = 0; i < 3000; i++) {
      const input = gen(0);
      expect(parsed(input, 'fast'), JSON.stringify(input)).toEqual(parsed(input, 'jison'));
    }
  });
});
