/**
 * Our use of Handlebars' AST, checked on edge cases, the samples and generated templates:
 * - parse errors are located where Handlebars' own parser says (the hash its Jison parser builds and drops),
 *   without modifying the shared parser;
 * - the mustache scanner that masks templates before the AST exists (parse/mustache.ts) finds every
 *   statement of the AST, at the offset the AST gives.
 */
import type {} from 'handlebars'; // the global hbs namespace (Handlebars' AST types) comes with handlebars' types
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Handlebars, DEFAULT_MAX_NESTING, parseForRendering, parseHandlebars, parseProgram, shortComments, type KeptParse } from '../../src/parse/handlebars.js';
import { BoundedCache } from '../../src/core/cache.js';
import { scanMustaches } from '../../src/parse/mustache.js';
import { LineIndex } from '../../src/core/line-index.js';
import { parseTemplate } from '../../src/analysis/template-doc.js';

interface Hash {
  text?: string;
  loc?: { first_line: number; first_column: number; last_line: number; last_column: number };
}
type Parser = { parseError: unknown; yy: object };
const shared = (Handlebars as unknown as { Parser: Parser }).Parser;

/** The oracle: Handlebars.parse with its parser's parseError swapped for the test, then put back. */
function jisonHash(input: string): Hash | undefined {
  let hash: Hash | undefined;
  const own = Object.prototype.hasOwnProperty.call(shared, 'parseError');
  const before = shared.parseError;
  shared.parseError = (str: string, h: Hash) => {
    hash = h;
    throw new Error(str);
  };
  try {
    Handlebars.parse(input);
  } catch {
    // located below
  } finally {
    if (own) shared.parseError = before;
    else delete (shared as Partial<Parser>).parseError;
  }
  return hash;
}

/** parseHandlebars agrees with Handlebars.parse on success and failure, and locates a failure at Jison's token. */
function expectLocated(input: string): void {
  const lines = new LineIndex(input);
  let threw = false;
  try {
    Handlebars.parse(input);
  } catch {
    threw = true;
  }
  const r = parseHandlebars(input, lines);
  expect(!!r.error, JSON.stringify(input)).toBe(threw);
  expect(!!r.ast, JSON.stringify(input)).toBe(!threw);
  if (!r.error) return;
  expect(r.error.message.length).toBeGreaterThan(0);
  expect(r.error.span.start).toBeGreaterThanOrEqual(0);
  expect(r.error.span.end).toBeGreaterThan(r.error.span.start);
  expect(r.error.span.start).toBeLessThanOrEqual(input.length);
  const hash = jisonHash(input);
  if (hash?.loc) expect(r.error.span.start, JSON.stringify(input)).toBe(lines.offset(hash.loc.first_line, hash.loc.first_column + 1));
}

/** A BoundedCache that counts the lookups that found a kept entry (`kept` says which entries count). */
class CountingCache<V> extends BoundedCache<string, V> {
  hits = 0;
  constructor(private readonly kept: (v: V) => boolean) {
    super(1000);
  }
  override get(key: string): V | undefined {
    const v = super.get(key);
    if (v !== undefined && this.kept(v)) this.hits++;
    return v;
  }
}

const STATEMENTS = new Set(['MustacheStatement', 'BlockStatement', 'PartialStatement', 'PartialBlockStatement', 'CommentStatement', 'DecoratorBlock', 'Decorator']);

/** Offsets where the AST's statements start (blocks: their opening tag). */
function statementStarts(ast: hbs.AST.Program, lines: LineIndex): number[] {
  const out: number[] = [];
  const walk = (n: unknown): void => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    const node = n as { type?: string; loc?: hbs.AST.SourceLocation; body?: unknown; program?: unknown; inverse?: unknown; chained?: boolean };
    if (node.type && STATEMENTS.has(node.type) && node.loc) out.push(lines.offset(node.loc.start.line, node.loc.start.column + 1));
    walk(node.body);
    walk(node.program);
    walk(node.inverse);
  };
  walk(ast);
  return out;
}

/** Every statement the AST has starts where the scanner found a mustache. */
function expectScannerAgrees(input: string): void {
  const lines = new LineIndex(input);
  const { ast } = parseHandlebars(input, lines);
  // Handlebars' lexer computes columns with /(?:\r\n?|\n).*/, whose `.` stops at U+2028/U+2029: its columns
  // after one of them on a line are not offsets in the line. Those inputs are left out here.
  if (!ast || /[\u2028\u2029]/.test(input)) return;
  const scanned = new Set(scanMustaches(input).mustaches.map((m) => m.span.start));
  for (const at of statementStarts(ast, lines)) expect(scanned.has(at), `${JSON.stringify(input)} @${at}`).toBe(true);
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
  // Long comments end at the first --}} from the opener's own dashes on, as Handlebars' lexer reads them.
  'a {{!--}} b {{!---}} c {{~!--~}} d',
  '{{!-- a -- b }} c --}}{{name}}',
  '{{!-- x --~}} {{~!-- y --}}{{z}}',
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

function samples(): string[] {
  const dir = path.resolve(import.meta.dirname, '../../samples');
  return readdirSync(dir).filter((f) => /\.(html|hbs|mjml|txt)$/.test(f)).map((f) => readFileSync(path.join(dir, f), 'utf8'));
}

function generated(): string[] {
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
  const out: string[] = [];
  for (let i = 0; i < 6000; i++) {
    let s = '';
    const count = 1 + rand(24);
    for (let j = 0; j < count; j++) s += PIECES[rand(PIECES.length)];
    out.push(s);
  }
  return out;
}

function wellFormed(): string[] {
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
  const out: string[] = [];
  for (let i = 0; i < 3000; i++) out.push(gen(0));
  return out;
}

describe('Handlebars parse errors', () => {
  it('are located at the token Handlebars reports, on edge cases, samples and 6,000 generated templates', () => {
    const inputs = [...EDGE_CASES, ...samples(), ...generated()];
    let failed = 0;
    for (const input of inputs) {
      expectLocated(input);
      if (parseHandlebars(input, new LineIndex(input)).error) failed++;
    }
    // The generator must exercise the error path as well as the success path.
    expect(failed).toBeGreaterThan(1000);
    expect(failed).toBeLessThan(inputs.length - 500);
  });

  it('leave the shared parser as it was', () => {
    const keys = Object.keys(shared).sort();
    const yy = shared.yy;
    parseHandlebars('x {{foo bar=}} y', new LineIndex('x {{foo bar=}} y'));
    expect(Object.keys(shared).sort()).toEqual(keys);
    expect(Object.prototype.hasOwnProperty.call(shared, 'parseError')).toBe(false);
    expect(shared.yy).toBe(yy);
    expect(() => Handlebars.parse('x {{foo bar=}} y')).toThrow(/^Parse error on line 1/);
    expect(parseHandlebars('{{ok}}', new LineIndex('{{ok}}')).ast).toBeDefined();
  });
});

describe('the mustache scanner and the AST', () => {
  it('find the same statements on edge cases, samples and 3,000 generated well-formed templates', () => {
    let n = 0;
    for (const input of [...EDGE_CASES, ...samples(), ...wellFormed()]) {
      expectScannerAgrees(input);
      n++;
    }
    expect(n).toBeGreaterThan(3000);
  });
});

describe('long comments read as short ones (shortComments)', () => {
  /** The AST as JSON, comments' own text left out (the only thing the rewrite changes). */
  const shape = (ast: unknown) => JSON.stringify(ast, (_k, v: { type?: string; value?: string }) => (v?.type === 'CommentStatement' ? { ...v, value: v.value!.trim() } : v));
  const cases = [
    'a {{!-- x --}} b',
    '{{~!-- x --~}} b',
    'line\n  {{!-- standalone --}}\nnext',
    '{{!-- {{commented}} out --}}{{!-- y --}}{{name}}',
    '{{!--x-- --}}{{#if a}}{{!-- in a block --}}{{/if}}',
    '你好 {{!-- 注释 --}} {{name}} {{! short }}',
    '{{!-- a --}}{{!-- unclosed',
    '{{!-- a --}}{{#if}}',
    // The opener's dashes close it: Handlebars reads `{{!--}}` as a whole comment.
    'a {{!--}} b {{!---}} c {{~!--}} d {{!--~}} e {{!-- x --}}',
    '{{!--}}{{name}}{{!--}}',
  ];

  it('keep the length, and the AST but for the comments\' spaces', () => {
    for (const t of cases) {
      const rewritten = shortComments(t);
      expect(rewritten.length, t).toBe(t.length);
      let want: string | undefined;
      let wantError: string | undefined;
      try {
        want = shape(Handlebars.parse(t));
      } catch (e) {
        wantError = (e as Error).message;
      }
      if (wantError !== undefined) {
        expect(() => parseProgram(t), t).toThrow();
        expect(parseHandlebars(t, new LineIndex(t)).error, t).toBeDefined();
      } else {
        expect(shape(parseProgram(t)), t).toBe(want);
      }
    }
  });

  it('leave a comment whose body holds }} as it is', () => {
    expect(shortComments('{{!-- {{a}} --}}')).toBe('{{!-- {{a}} --}}');
    expect(shortComments('{{!-- a --}}')).toBe('{{!   a   }}');
    expect(shortComments('{{!--}} {{!---}}')).toBe('{{!  }} {{!   }}');
  });
});

describe('the private parser (nesting counted as tokens are read)', () => {
  // Errors are compared too: the message (with Jison's excerpt of the text around the token) and the
  // location Jison hands its parseError, which the private parser keeps.
  it('gives the AST Handlebars.parse gives, on edge cases, samples and generated templates, and its errors', () => {
    let same = 0;
    let failed = 0;
    for (const input of [...EDGE_CASES, ...samples(), ...wellFormed(), ...generated()]) {
      let want: string | undefined;
      try {
        want = JSON.stringify(Handlebars.parse(shortComments(input)));
      } catch (e) {
        let got: unknown;
        try {
          parseProgram(input);
        } catch (err) {
          got = err;
        }
        expect((got as Error | undefined)?.message, JSON.stringify(input)).toBe((e as Error).message);
        expect(JSON.stringify((got as { hash?: Hash }).hash?.loc), JSON.stringify(input)).toBe(JSON.stringify(jisonHash(shortComments(input))?.loc));
        failed++;
        continue;
      }
      expect(JSON.stringify(parseProgram(shortComments(input))), JSON.stringify(input)).toBe(want);
      same++;
    }
    expect(same).toBeGreaterThan(3000);
    expect(failed).toBeGreaterThan(1000);
  });

  /** Templates whose nesting is n levels deep. */
  const deep = (n: number) => ({
    sexpr: `a {{x${' (y'.repeat(n)}${')'.repeat(n)}}} b`,
    unclosedSexpr: `a {{x${' (y'.repeat(n)}}} b`,
    hashSexpr: `{{x${' k=(y'.repeat(n)}}}`, // unclosed too
    elseIf: `{{#if a}}${'{{else if b}}x'.repeat(n - 1)}{{/if}}`,
    blocks: `${'{{#if a}}'.repeat(n)}x${'{{/if}}'.repeat(n)}`,
    mixed: `${'{{#if a}}{{else if b}}'.repeat(n / 2 - 1)}{{x (y (y))}}${'{{/if}}'.repeat(n / 2 - 1)}`,
  });

  it('parses nesting up to the limit and stops at the first token deeper, located there', () => {
    for (const [name, text] of Object.entries(deep(DEFAULT_MAX_NESTING))) {
      const { error } = parseHandlebars(text, new LineIndex(text));
      // The unclosed one fails, at its end, as Handlebars.parse fails it.
      if (name === 'unclosedSexpr' || name === 'hashSexpr') expect(error?.message, name).toMatch(/cannot parse '}}'/);
      else expect(error, name).toBeUndefined();
    }
    for (const [name, text] of Object.entries(deep(DEFAULT_MAX_NESTING + 2))) {
      const { ast, error } = parseHandlebars(text, new LineIndex(text));
      expect(ast, name).toBeUndefined();
      expect(error?.message, name).toMatch(/nest more than 100 deep/);
      // The 101st opening: of a sub-expression `(`, a block `{{#`, or an `{{else if`.
      expect(text.slice(error!.span.start, error!.span.start + 2), name).toMatch(/^(\(y|\{\{)/);
    }
    // Sequences do not nest: a thousand closed blocks and sub-expressions in a row parse, and so do a
    // thousand paths of two segments in one mustache.
    const flat = '{{#if a}}{{else if b}}{{x (y (z))}}{{/if}}'.repeat(1000) + `{{x${' a.b'.repeat(1000)}${' k=a.b'.repeat(1000)}}}`;
    expect(parseHandlebars(flat, new LineIndex(flat)).ast).toBeDefined();
  });

  it('parses paths of up to 100 segments and stops at the separator of the 101st', () => {
    for (const [path, segments] of [['a', 1], ['@a', 1], ['../a', 2], ['a/b', 2]] as const) {
      const ok = `{{x ${path}${'.b'.repeat(DEFAULT_MAX_NESTING - segments)}}}`;
      expect(parseHandlebars(ok, new LineIndex(ok)).error, path).toBeUndefined();
      const over = `{{x ${path}${'.b'.repeat(DEFAULT_MAX_NESTING - segments + 1)} y}}`;
      const { error } = parseHandlebars(over, new LineIndex(over));
      expect(error?.message, path).toMatch(/path has more than 100 segments/);
      expect(error?.span.start).toBe(over.lastIndexOf('.b'));
    }
  });

  it('stops deep nesting before its cost grows (Handlebars\' parser copies its stack at every reduction)', () => {
    // Step count, not time: tokens the parser asked the lexer for before stopping are bounded by the limit.
    for (const [name, text] of Object.entries({ ...deep(50_000), path: `{{x${'.a'.repeat(50_000)}}}` })) {
      const { error } = parseHandlebars(text, new LineIndex(text));
      expect(error?.span.start, name).toBeLessThan(3_000);
    }
  });
});

describe('long content runs in a short form (parseForRendering, and whitespace control in parseProgram)', () => {
  /** The AST without locations (which parseForRendering does not keep). */
  const withoutLoc = (ast: unknown) => JSON.stringify(ast, (k, v: unknown) => (k === 'loc' ? undefined : v));
  const FILLER = [
    '<p class="x">Dear customer, thank you for your order. It ships soon.</p>',
    '\n  <td style="padding:0 4px">Some cell text that is long enough to be shortened</td>\n',
    '   \t  ',
    '\n\n',
    ' '.repeat(80),
    '\u00a0 <span>non-breaking space before, and a line separator after</span> \u2028',
    '\r\n    <div>carriage returns and line feeds around a long enough run of markup</div>\r\n  ',
    'text with a } brace and a { brace and "quotes" and \'more\' and long enough',
  ];
  const PIECES = [
    '{{x}}', '{{{y}}}', '{{~z~}}', '{{#if a}}', '{{/if}}', '{{else}}', '{{#each xs}}', '{{/each}}', '{{^}}', '{{> p}}',
    '{{! c }}', '{{!-- c }} --}}', '{{"s}}"}}', '{{helper "a" k=v}}', '{{', '}}', '}', '{{{{raw}}}}', '\\{{e}}', '\n', '  ',
    ...FILLER, ...FILLER,
  ];

  /** Random pieces (many do not parse), and well-formed templates whose content is long runs. */
  function inputs(): string[] {
    let seed = 11;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const pick = <T,>(xs: T[]) => xs[rand(xs.length)]!;
    // A backslash or a raw block anywhere makes the whole text parse as it is: most inputs have neither.
    const plain = PIECES.filter((p) => !p.includes('\\') && !p.includes('{{{{'));
    const out: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const pieces = i % 3 === 0 ? PIECES : plain;
      let s = '';
      for (let j = 1 + rand(16); j > 0; j--) s += pieces[rand(pieces.length)];
      out.push(s);
    }
    const t = () => (rand(3) === 0 ? '~' : '');
    const content = () => pick([...FILLER, '', ' ', '\n', '\r\n  ', 'x']) + (rand(2) ? pick(FILLER) : '');
    const gen = (depth: number): string => {
      let s = '';
      for (let n = 1 + rand(4); n > 0; n--) {
        s += content();
        const k = rand(depth < 3 ? 4 : 2);
        if (k === 0) s += pick([`{{${t()}x${t()}}}`, `{{${t()}! c ${t()}}}`, `{{${t()}> p${t()}}}`, `{{${t()}{y}${t()}}}`]);
        else if (k === 1) s += content();
        else {
          const [name, open] = pick([['if', '#if a'], ['each', '#each xs'], ['x', '^x'], ['p', '#> p']]);
          s += `{{${t()}${open}${t()}}}${gen(depth + 1)}`;
          if (name !== 'p' && rand(2)) s += `{{${t()}${pick(['else', '^', 'else if b'])}${t()}}}${gen(depth + 1)}`;
          s += `{{${t()}/${name}${t()}}}`;
        }
      }
      return s + content();
    };
    for (let i = 0; i < 2000; i++) out.push(gen(0));
    return out;
  }

  it('gives Handlebars.parse\'s AST but for locations, and fails where it fails', () => {
    let shortened = 0;
    for (const input of [...inputs(), ...samples()]) {
      let want: string | undefined;
      let wantWithLoc: string | undefined;
      try {
        const ast = Handlebars.parse(shortComments(input));
        want = withoutLoc(ast);
        wantWithLoc = JSON.stringify(ast);
      } catch {
        expect(() => parseForRendering(input), JSON.stringify(input)).toThrow();
        continue;
      }
      const got = parseForRendering(input);
      expect(withoutLoc(got), JSON.stringify(input)).toBe(want);
      // parseProgram hands long contents to whitespace control in a short form too (shortenContents):
      // the AST, locations included, is Handlebars.parse's.
      expect(JSON.stringify(parseProgram(input)), JSON.stringify(input)).toBe(wantWithLoc);
      // Locations in the short form (seen where a shortened run shares a line with a later node): the
      // run-shortening path was taken.
      if (JSON.stringify(got) !== wantWithLoc) shortened++;
    }
    expect(shortened).toBeGreaterThan(300);
  });

  it('gives a text whose skeleton was parsed before the AST its own parse gives, locations included (hbs.parsed)', () => {
    // Other wording inside the long runs: other lengths, line breaks of every kind, astral and CJK text,
    // braces; some make a run too short to stand for a middle (then the skeleton differs: a parse of its own).
    const REWORD: [string, string][] = [
      ['Dear customer, thank you for your order. It ships soon.', 'Liebe Kundin,\nvielen Dank für Ihre Bestellung 😀 — sie wird bald versandt.\r\nBis bald'],
      ['Some cell text that is long enough to be shortened', 'x'],
      ['non-breaking space before, and a line separator after', 'nbsp\n\n\u2028before'],
      ['carriage returns and line feeds around a long enough run of markup', '短い\r文字列\r\n'],
      ['brace and "quotes"', 'brace }} and {\r\n "quotes" and a much longer text than there was before, to move every later line'],
    ];
    // Copies of a kept parse (a skeleton is kept the second time it is parsed).
    const cache = new CountingCache<KeptParse>((v) => v.parse !== undefined);
    const outcome = (r: ReturnType<typeof parseHandlebars>) => JSON.stringify(r.ast ?? r.error);
    let n = 0;
    // Hits for a text other than the one parsed (reworded), whose locations had to be moved.
    let moved = 0;
    for (const first of [...inputs(), ...samples()]) {
      let second = first;
      for (const [a, b] of REWORD) second = second.split(a).join(b);
      for (const text of [first, first, second, first]) {
        const lines = new LineIndex(text);
        const before = cache.hits;
        expect(outcome(parseHandlebars(text, lines, DEFAULT_MAX_NESTING, cache)), JSON.stringify(text)).toBe(outcome(parseHandlebars(text, lines)));
        if (cache.hits > before && text === second && second !== first) moved++;
        n++;
      }
    }
    expect(n).toBeGreaterThan(8000);
    expect(cache.hits).toBeGreaterThan(1000);
    expect(moved).toBeGreaterThan(300);
  });

  it('gives a text whose short form was parsed for rendering before the AST its own parse gives (hbs.rendering)', () => {
    const cache = new CountingCache<{ text: string; ast: hbs.AST.Program | null | undefined }>((v) => Boolean(v.ast));
    let n = 0;
    for (const first of inputs()) {
      // Other wording inside the long runs (the short form keeps only their ends).
      const second = first.split('thank you for your order').join('vielen Dank 😀\r\nfür Ihre Bestellung, wirklich').split('long enough').join('long\nenough');
      for (const text of [first, first, second, first]) {
        let want: string;
        try {
          want = withoutLoc(parseForRendering(text));
        } catch {
          expect(() => parseForRendering(text, DEFAULT_MAX_NESTING, cache), JSON.stringify(text)).toThrow();
          continue;
        }
        expect(withoutLoc(parseForRendering(text, DEFAULT_MAX_NESTING, cache)), JSON.stringify(text)).toBe(want);
        n++;
      }
    }
    expect(n).toBeGreaterThan(1000);
    expect(cache.hits).toBeGreaterThan(500);
  });

  it('parses the HTML the MJML samples compile to as the full parse does', async () => {
    const dir = path.resolve(import.meta.dirname, '../../samples');
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.mjml'))) {
      const text = readFileSync(path.join(dir, f), 'utf8');
      // The compiled HTML with its expressions put back, as render.ts parses it.
      const doc = await parseTemplate({ name: f, path: f, kind: 'mjml', origin: 'files', html: { part: 'html', path: f, text } });
      const html = doc.html!.outputHtml;
      expect(html.length, f).toBeGreaterThan(1000);
      expect(withoutLoc(parseForRendering(html)), f).toBe(withoutLoc(parseProgram(html)));
    }
  });
});
