/**
 * A long-running host (the HTTP service, a language server, a watch loop) reviews templates forever: nothing
 * a review leaves behind in the engine's caches may keep the template's source alive. V8 keeps a whole string
 * alive for any slice of it that survives, so a cache entry holding a 20-character colour value sliced from
 * a 400 KB template kept all 400 KB (measured: 180 MB retained after 150 such templates); ajv kept ~30 KB
 * of every schema it ever compiled.
 */
import { describe, it, expect } from 'vitest';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Engine } from '../src/node/engine.js';
import { review } from '../src/review/review.js';
import { parseTemplate } from '../src/analysis/template-doc.js';
import { sourceFor } from './rule-tester.js';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as (options?: { type: 'minor' | 'major' }) => void;
const youngUsed = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_used_size;

describe('memory', () => {
  it('keeps no template source alive after its review', async () => {
    const engine = new Engine({ configPath: null, cwd: process.cwd() });
    const config = engine.config();
    const template = (i: number) =>
      `<html><head><style>.c${i} { color: rgb(10, 20, ${i % 255}) } .d { display: none }</style></head><body><!-- ${String(i).repeat(10)} ${'x'.repeat(400_000)} --><p class="c${i}" style="color: rgb(1, 2, ${i % 255})">Hello {{name}} <a href="https://example.com/a/long/path/${i}">link</a></p></body></html>`;
    await review(sourceFor({ html: template(0) }), { config, rules: engine.rules, caches: engine.caches }); // load everything once
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 1; i <= 40; i++) await review(sourceFor({ html: template(i) }), { config, rules: engine.rules, caches: engine.caches });
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    // 40 templates of 400 KB (800 KB as masked two-byte text): a leak would be tens of MB.
    expect(grown).toBeLessThan(8_000_000);
  }, 120_000);

  it('keeps no template source alive through a cache entry it found (a hit)', async () => {
    // A cache hit made the entry most recent by setting it again under the key the lookup was given: a
    // slice of the template under review (an inline style, a sheet's textKey), which kept that template's
    // whole source alive until the entry was next found or evicted.
    const engine = new Engine({ configPath: null, cwd: process.cwd() });
    const config = engine.config();
    const style = (i: number) => `color: rgb(1, 2, ${i}); font-size: 14px`;
    const template = (i: number) => `<html><body><!-- ${String(i).repeat(10)} ${'x'.repeat(400_000)} --><p style="${style(i)}">Hello {{name}}</p></body></html>`;
    // Every style once (their entries are made from copies), then each template finds its own.
    await review(sourceFor({ html: Array.from({ length: 21 }, (_, i) => `<p style="${style(i)}">Hello</p>`).join('') }), { config, rules: engine.rules, caches: engine.caches });
    await review(sourceFor({ html: template(0) }), { config, rules: engine.rules, caches: engine.caches });
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 1; i <= 20; i++) await review(sourceFor({ html: template(i) }), { config, rules: engine.rules, caches: engine.caches });
    gc();
    // One 400 KB template left behind per review would be 8 MB (16 MB as two-byte masked text).
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(4_000_000);
  }, 120_000);

  it('keeps no template source alive in a kept Handlebars parse', async () => {
    // hbs.parsed keeps the parse of a skeleton it has seen twice (parse/handlebars.ts): a copy of the AST,
    // whose content strings were slices of the template that parsed it.
    const engine = new Engine({ configPath: null, cwd: process.cwd() });
    const template = (i: number, j: number) => `<p>Hello {{name${i}}}</p><!-- ${String(j).repeat(10)} ${'x'.repeat(200_000)} --><p>{{#if x}}Bye{{/if}}</p>`;
    const parse = (i: number, j: number) => parseTemplate(sourceFor({ html: template(i, j) }), { caches: engine.caches });
    await parse(0, 0);
    await parse(0, 1);
    gc();
    const before = process.memoryUsage().heapUsed;
    // Each skeleton parsed twice: the second parse is kept.
    for (let i = 1; i <= 20; i++) for (let j = 0; j < 2; j++) await parse(i, j);
    gc();
    expect(engine.caches.sizes()['hbs.parsed']!.size).toBe(21);
    // A kept 200 KB template per skeleton would be 4 MB.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(1_500_000);
  }, 120_000);

  it("leaves a parse's DOM to the young generation's collector once the doc is gone", async () => {
    // Nothing in V8's old generation may point at a review's objects: the scavenger takes anything an
    // old object points at as alive (it cannot tell a dead old object from a live one), copies it and then
    // promotes it. An accessor in an object literal (HtmlPart's \`dom\`, with a closure over the parse) lived
    // in the object's hidden class, in the old generation, and so kept every review's DOM and masked text
    // alive until the next mark-compact.
    const html = `<html><body>${'<table><tr><td class="a" style="color: red">Hello there</td></tr></table>'.repeat(2000)}</body></html>`;
    for (let i = 0; i < 3; i++) await parseTemplate(sourceFor({ html: `${html}<!-- ${i} -->` }));
    gc();
    const parse = async () => expect((await parseTemplate(sourceFor({ html: `${html}<!-- x -->` }))).html!.document.children.length).toBe(2);
    await parse();
    await new Promise((r) => setImmediate(r));
    gc({ type: 'minor' });
    // Its DOM and masked text are 2.6 MB (8,000 nodes); what survives is a few stray objects.
    expect(youngUsed()).toBeLessThan(500_000);
  });

  it('does not grow with every new TemplateData schema it compiles', async () => {
    const engine = new Engine({ configPath: null, cwd: process.cwd() });
    const config = engine.config();
    const reviewWithSchema = (i: number) => {
      const schema = JSON.stringify({ type: 'object', properties: Object.fromEntries(Array.from({ length: 30 }, (_, k) => [`f${i}_${k}`, { type: 'string', description: 'x'.repeat(200) }])), required: [`f${i}_0`] });
      return review({ ...sourceFor({ html: `<p>Hello {{f${i}_0}}</p>` }), schema: { part: 'schema', path: 't.schema.json', text: schema } }, { config, rules: engine.rules, caches: engine.caches });
    };
    // The first 400 fill the bounded caches (the last 100 compiled schemas are kept on purpose).
    for (let i = 0; i < 400; i++) await reviewWithSchema(i);
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 400; i < 800; i++) await reviewWithSchema(i);
    gc();
    // ajv kept ~30 KB per compiled schema: 400 more would add ~12 MB.
    // With the fix it grows ~0.1 MB.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(5_000_000);
  }, 120_000); // 800 reviews: a generous timeout for a loaded machine, not a timing
});
