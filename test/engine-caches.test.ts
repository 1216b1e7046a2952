/**
 * Caches that outlive a review belong to an engine and stay within their bounds (core/cache.ts): a host
 * that reviews forever holds at most each cache's `max` entries, however many distinct templates it sees.
 */
import { describe, it, expect } from 'vitest';
import { BoundedCache, EngineCaches, cacheKey, textKey } from '../src/core/cache.js';
import { Engine } from '../src/node/engine.js';
import { review } from '../src/review/review.js';
import { INLINE_STYLES, STYLE_INDEXES, COLORS } from '../src/analysis/style.js';
import { COMPILED_SCHEMAS, AJVS } from '../src/analysis/schema.js';
import { sourceFor } from './rule-tester.js';

describe('BoundedCache', () => {
  it('evicts the least recently used entry when full', () => {
    const c = new BoundedCache<string, number>(3);
    c.set('a', 1).set('b', 2).set('c', 3);
    expect(c.get('a')).toBe(1); // a is now the most recent
    c.set('d', 4); // evicts b
    expect([c.has('a'), c.has('b'), c.has('c'), c.has('d')]).toEqual([true, false, true, true]);
    expect(c.size).toBe(3);
    c.set('c', 30); // replacing does not evict
    expect(c.size).toBe(3);
    expect(c.get('c')).toBe(30);
  });

  it('keeps undefined as a value, and refuses a bound below one', () => {
    const c = new BoundedCache<string, number | undefined>(2);
    c.set('x', undefined);
    expect(c.has('x')).toBe(true);
    expect(c.get('x')).toBeUndefined();
    expect(() => new BoundedCache(0)).toThrow(RangeError);
  });

  it('gives one cache per key in an EngineCaches', () => {
    const key = cacheKey<string, number>('test.key', 2);
    const caches = new EngineCaches();
    caches.get(key).set('a', 1);
    expect(caches.get(key).get('a')).toBe(1);
    expect(new EngineCaches().get(key).has('a')).toBe(false);
    expect(caches.sizes()).toEqual({ 'test.key': { size: 1, max: 2 } });
  });
});

describe('engine caches', () => {
  it('stay within their bounds over many distinct templates', async () => {
    const engine = new Engine({ configPath: null, cwd: process.cwd() });
    // One template with more distinct inline styles and colours than the caches hold.
    const cells = Array.from({ length: INLINE_STYLES.max + 200 }, (_, i) => `<td style="color: #${i.toString(16).padStart(6, '0')}; background-color: rgb(${i % 256}, ${(i >> 8) % 256}, 7)">x${i}</td>`);
    await engine.review(sourceFor({ html: `<table><tr>${cells.join('')}</tr></table>` }));
    // More distinct style sheets and schemas than the caches hold.
    for (let i = 0; i < Math.max(STYLE_INDEXES.max, COMPILED_SCHEMAS.max) + 20; i++) {
      // patternProperties: compiled by ajv when reviewed (schema-fast.ts does not judge it), which fills schema.ajv.
      const schema = JSON.stringify({ type: 'object', properties: { [`f${i}`]: { type: 'string' } }, patternProperties: { '^x-': { type: 'string' } } });
      await engine.review({ ...sourceFor({ html: `<html><head><style>.c${i} { display: none }</style></head><body><p class="c${i}">Hello {{f${i}}}</p></body></html>` }), schema: { part: 'schema', path: 't.schema.json', text: schema } });
    }
    const sizes = engine.caches.sizes();
    for (const key of [INLINE_STYLES, STYLE_INDEXES, COLORS, COMPILED_SCHEMAS, AJVS]) {
      expect(sizes[key.name], key.name).toBeDefined();
      expect(sizes[key.name]!.size, key.name).toBeLessThanOrEqual(key.max);
    }
    // The bounds were reached, not merely respected by a few entries.
    for (const key of [INLINE_STYLES, STYLE_INDEXES, COLORS, COMPILED_SCHEMAS]) expect(sizes[key.name]!.size, key.name).toBe(key.max);
  });

  it('give the same findings to a template whose compiled code is reused (hbs.compiled)', async () => {
    // A literal helper name and a partial without arguments: Handlebars' compiler rewrites both in the AST it
    // compiles; rules must see the same AST whether this engine compiled the structure before or not.
    const html = (n: number) => `<html lang="en"><head><title>T</title></head><body><p>{{"shout" name}} {{#each posts}}{{> row}}{{/each}}</p><a href="https://x.example/{{id}}">Go {{name}}</a><!-- ${n} --></body></html>`;
    const bundle = (n: number) => ({ ...sourceFor({ html: html(n), data: { name: 'Ada', id: 7, posts: [{ t: 1 }] } }), partials: { row: { part: 'html' as const, path: 'row.hbs', text: '<i>{{t}}</i>' } } });
    const summary = (r: Awaited<ReturnType<Engine['review']>>) => r.findings.map((f) => `${f.ruleId}:${f.messageId}@${f.line}:${f.column}-${f.endLine}:${f.endColumn}`);
    const warm = new Engine({ configPath: null, cwd: process.cwd() });
    const first = summary(await warm.review(bundle(1)));
    const again = summary(await warm.review(bundle(2)));
    const cold = summary(await new Engine({ configPath: null, cwd: process.cwd() }).review(bundle(2)));
    expect(warm.caches.sizes()['hbs.compiled']?.size).toBeGreaterThan(0);
    expect(again).toEqual(first);
    expect(cold).toEqual(first);
  });

  it('give the same findings to a template whose parse and compiled code are reused (hbs.parsed), reworded', async () => {
    // Long runs of text between the expressions (the skeleton's middles), reworded between reviews: other
    // lengths and line breaks move every later location.
    const html = (words: string) =>
      `<html lang="en"><head><title>Your order</title></head><body>\n  <p>${words} and we hope you enjoy it, ${words}.</p>\n  <p>{{"shout" name}} {{#each posts}}{{> row}}{{/each}}</p>\n  <p>Track it here: <a href="https://x.example/{{id}}">Go {{name}}</a> — ${words}, with thanks from all of us.</p>\n  <img src="http://x.example/{{id}}.png">\n</body></html>`;
    const bundle = (words: string) => ({ ...sourceFor({ html: html(words), data: { name: 'Ada', id: 7, posts: [{ t: 1 }] } }), partials: { row: { part: 'html' as const, path: 'row.hbs', text: '<i>{{t}}</i>' } } });
    const summary = (r: Awaited<ReturnType<Engine['review']>>) => r.findings.map((f) => `${f.ruleId}:${f.messageId}@${f.line}:${f.column}-${f.endLine}:${f.endColumn}`);
    const warm = new Engine({ configPath: null, cwd: process.cwd() });
    const wordings = ['Thank you for your order', 'Vielen Dank für Ihre Bestellung 😀,\nsie ist unterwegs', '感谢您的订单\r\n我们已经发货了，请注意查收'];
    for (const words of [...wordings, ...wordings]) {
      const got = summary(await warm.review(bundle(words)));
      const cold = summary(await new Engine({ configPath: null, cwd: process.cwd() }).review(bundle(words)));
      expect(got, words).toEqual(cold);
      expect(got.length).toBeGreaterThan(0);
    }
    expect(warm.caches.sizes()['hbs.parsed']?.size).toBe(1);
  });

  it('keep long texts under a short key (V8 hashes strings over 16,383 characters by length alone), the text confirming a hit', async () => {
    expect(textKey('a'.repeat(20_000)).length).toBeLessThan(256);
    expect(textKey('short')).toBe('short');
    // Two schemas of one length over 16,383 characters whose keys are the same (they differ outside the
    // slices the key reads): each is validated by its own compilation, however they alternate.
    const schema = (type: string) => `{"description":"${'d'.repeat(200)}","properties":{"a":{"type":"${type}"}},"title":"${'t'.repeat(20_000)}"}`;
    expect(schema('string').length).toBe(schema('number').length);
    expect(textKey(schema('string'))).toBe(textKey(schema('number')));
    const engine = new Engine({ configPath: null, cwd: process.cwd() });
    const invalid = async (type: string) => {
      const r = await engine.review({ ...sourceFor({ html: '<p>{{a}}</p>', data: { a: 'x' } }), schema: { part: 'schema', path: 't.schema.json', text: schema(type) } });
      return r.findings.filter((f) => f.ruleId === 'data/sample-schema').length;
    };
    expect([await invalid('string'), await invalid('number'), await invalid('string'), await invalid('string'), await invalid('number')]).toEqual([0, 1, 0, 0, 1]);
    expect(engine.caches.sizes()['schema.compiled']?.size).toBe(1);
  });

  it('do not keep texts too long to be worth it (a batch of hostile templates would fill them with megabytes each)', async () => {
    const engine = new Engine({ configPath: null, cwd: process.cwd() });
    const long = 'margin: 0; '.repeat(20_000); // 220 KB
    await engine.review({
      ...sourceFor({ html: `<html><head><style>p { ${long} }</style></head><body><p style="${long}">x</p><p style="color: ${'0'.repeat(300)}">y {{a}}</p></body></html>`, data: { a: 'x' } }),
      schema: { part: 'schema', path: 't.schema.json', text: JSON.stringify({ type: 'object', description: 'd'.repeat(200_000) }) },
    });
    // A 440 KB part is parsed without its skeleton being noted (hbs.parsed); a 30 KB one's is.
    await engine.review(sourceFor({ html: `<html><body><p>${'Long text. '.repeat(40_000)}</p><p>{{a}}</p><p>${'More text. '.repeat(10)}</p></body></html>`, data: { a: 'x' } }));
    const sizes = engine.caches.sizes();
    for (const name of ['style.sheets', 'style.colors', 'schema.compiled', 'hbs.parsed']) expect(sizes[name]?.size ?? 0, name).toBe(0);
    expect(sizes['style.inline']?.size, 'only the short inline style').toBe(1);
    await engine.review(sourceFor({ html: `<html><body><p>${'Long text. '.repeat(3_000)}</p><p>{{a}}</p><p>${'More text. '.repeat(10)}</p></body></html>`, data: { a: 'x' } }));
    expect(engine.caches.sizes()['hbs.parsed']?.size).toBe(1);
  });

  it('are the engine\'s own: a review without them leaves them untouched', async () => {
    const engine = new Engine({ configPath: null, cwd: process.cwd() });
    const config = engine.config();
    const r = await review(sourceFor({ html: '<style>.a { color: red }</style><p class="a" style="color: blue">hi</p>' }), { config, rules: engine.rules });
    expect(r.doc.caches).not.toBe(engine.caches);
    expect(engine.caches.sizes()).toEqual({});
    const e = await engine.review(sourceFor({ html: '<style>.a { color: red }</style><p class="a" style="color: blue">hi</p>' }));
    expect(e.doc.caches).toBe(engine.caches);
    expect(engine.caches.sizes()['style.inline']?.size).toBe(1);
  });
});
