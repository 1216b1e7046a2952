import { describe, it, expect } from 'vitest';
import { Handlebars } from '../../src/parse/handlebars.js';
import { COMPILED_TEMPLATES, compactTemplate, compileCompact, restore } from '../../src/analysis/hbs-compile.js';
import { EngineCaches } from '../../src/core/cache.js';

const cases: [string, string, unknown][] = [
  ['plain', '<p>Hello {{name}}, welcome to our long paragraph of text.</p>', { name: 'Ada <b>' }],
  ['whitespace control', '<ul>\n  {{~#each items~}}\n    <li>{{this}} is an item in the list</li>\n  {{~/each~}}\n</ul>', { items: ['a', 'b'] }],
  ['standalone lines', 'Line one of the text part\n{{#if vip}}\nYou are a VIP customer today\n{{else}}\nRegular customer message here\n{{/if}}\nThe end of the message.', { vip: false }],
  ['block params and data', '{{#each rows as |row i|}}<tr><td>{{@index}} {{i}} {{row.name}} and some longer content</td></tr>{{/each}}', { rows: [{ name: 'x' }, { name: 'y' }] }],
  ['triple stash and escapes', '<div>{{{html}}} then \\{{literal}} and more text to compact</div>', { html: '<i>ok</i>' }],
  ['inline partials', '{{#*inline "row"}}<tr><td>{{label}} inside an inline partial</td></tr>{{/inline}}<table>{{> row label="A"}}{{> row label="B"}}</table>', {}],
  ['content with marker-like text', 'Unicode \uFDD0 and \uFDD1 in the template text itself, long enough.', {}],
];

describe('compileCompact', () => {
  it.each(cases)('renders exactly like Handlebars: %s', (_name, text, data) => {
    const expected = Handlebars.create().compile(text)(data);
    expect(compileCompact(Handlebars.create(), text, {})(data)).toBe(expected);
    expect(compileCompact(Handlebars.create(), Handlebars.parse(text), { noEscape: true })(data)).toBe(Handlebars.create().compile(text, { noEscape: true })(data));
  });

  it('gives the content of the AST it is given back', () => {
    const ast = Handlebars.parse('<p>Some long literal content {{x}}</p>{{#if y}} more literal content {{/if}}');
    const contents = (a: unknown) => JSON.stringify(a).match(/"type":"ContentStatement"[^}]*/g);
    const before = contents(ast);
    expect(compileCompact(Handlebars.create(), ast, {})({ x: 1, y: true })).toBe('<p>Some long literal content 1</p> more literal content ');
    expect(contents(ast)).toEqual(before);
  });

  it('leaves the AST as it was: content, locations and literal helper names', () => {
    // Handlebars' compiler turns a literal helper name into a PathExpression in the AST it compiles.
    const ast = Handlebars.parse('<p>Long literal content here {{"lit" x}} and {{a ("sub" b)}} more content</p>\n{{#each items}}{{"x"}}{{> row}}{{/each}}');
    const before = JSON.stringify(ast);
    const env = Handlebars.create();
    env.registerHelper('helperMissing', () => 'h');
    env.registerPartial('row', '|');
    expect(compileCompact(env, ast, {}, new EngineCaches())({ x: 1, items: [1] })).toBe('<p>Long literal content here h and h more content</p>\nh|');
    expect(JSON.stringify(ast)).toBe(before);
  });

  it('shares one compiled spec between templates that differ only in content and positions', () => {
    const caches = new EngineCaches();
    const a = '<p>Hello {{name}}, welcome.</p>{{#each items}}<li>{{this}}</li>{{/each}}</ul>';
    const b = '\n\n<div class="x">Dear {{name}}, a much longer greeting here.</div>\n{{#each items}}<tr><td>{{this}}</td></tr>{{/each}}<!-- 7 -->';
    const ca = compactTemplate(Handlebars.parse(a), {}, caches);
    const cb = compactTemplate(Handlebars.parse(b), {}, caches);
    expect(cb.spec).toBe(ca.spec);
    const data = { name: 'Ada', items: ['x', 'y'] };
    expect(compileCompact(Handlebars.create(), Handlebars.parse(b), {}, caches)(data)).toBe(Handlebars.create().compile(b)(data));
    expect(compileCompact(Handlebars.create(), Handlebars.parse(a), {}, caches)(data)).toBe(Handlebars.create().compile(a)(data));
    // Another expression, other options: other code.
    expect(compactTemplate(Handlebars.parse(a.replace('{{name}}', '{{title}}')), {}, caches).spec).not.toBe(ca.spec);
    expect(compactTemplate(Handlebars.parse(a), { noEscape: true }, caches).spec).not.toBe(ca.spec);
    expect(caches.sizes()[COMPILED_TEMPLATES.name]).toEqual({ size: 3, max: COMPILED_TEMPLATES.max });
  });

  it('keeps at most its bound of compiled specs', () => {
    const caches = new EngineCaches();
    for (let i = 0; i < COMPILED_TEMPLATES.max + 10; i++) compactTemplate(Handlebars.parse(`<p>{{f${i}}}</p>`), {}, caches);
    expect(caches.sizes()[COMPILED_TEMPLATES.name]!.size).toBe(COMPILED_TEMPLATES.max);
  });

  it('puts content back as the marker regex would', () => {
    const values = ['A', 'B', '', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K'];
    const regex = (out: string) => out.replace(/\uFDD0([0-9a-z]+)\uFDD1/g, (m, i: string) => values[parseInt(i, 36)] ?? m);
    const alphabet = ['\uFDD0', '\uFDD1', '0', '1', '2', 'a', 'z', '-', ' ', 'Ω'];
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 3000; n++) {
      let s = '';
      for (let k = Math.floor(next() * 14); k > 0; k--) s += alphabet[Math.floor(next() * alphabet.length)];
      expect(restore(s, values), JSON.stringify(s)).toBe(regex(s));
    }
  });
});
