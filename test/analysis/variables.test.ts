import { describe, it, expect } from 'vitest';
import { parseTemplate } from '../../src/analysis/template-doc.js';
import { variables, displayPath, EACH } from '../../src/analysis/variables.js';
import { inferShape, shapeToSchema } from '../../src/analysis/infer-schema.js';
import { lookupRef } from '../../src/analysis/data-paths.js';
import { sourceFor, type Case } from '../rule-tester.js';

async function model(c: Case, opts = {}) {
  const doc = await parseTemplate(sourceFor(c));
  return { doc, m: variables(doc, opts) };
}

const paths = (refs: { path: string[]; use: string }[]) => refs.map((r) => `${r.use}:${displayPath(r.path)}`);

describe('variable model', () => {
  it('resolves scopes: #each, #with, block params, ../, @root, this', async () => {
    const { m } = await model({
      html: '{{#each orders as |o i|}}{{o.id}} {{i}} {{@index}} {{this.total}} {{../user.name}} {{@root.brand}}{{#with o.ship}}{{city}}{{/with}}{{/each}}',
    });
    expect(paths(m.refs)).toEqual(['each:orders', 'print:orders[].id', 'print:orders[].total', 'print:user.name', 'print:brand', 'with:orders[].ship', 'print:orders[].ship.city']);
  });

  it('spans point at the path in each part', async () => {
    const { doc, m } = await model({ html: '<p>\n  {{ user.name }}</p>', text: 'x {{code}}' });
    const r = m.refs[0]!;
    expect(doc.html!.text.slice(r.span.start, r.span.end)).toBe('user.name');
    expect(m.refs[1]!.part).toBe('text');
    expect(doc.text!.text.slice(m.refs[1]!.span.start, m.refs[1]!.span.end)).toBe('code');
  });

  it('helpers are calls, their arguments variables; lookup with a literal key is a path', async () => {
    const { m } = await model({ html: '{{formatDate sent "YYYY"}} {{lookup labels "en"}} {{#equals a b}}x{{/equals}}' }, { provider: 'sendgrid' });
    expect(m.helpers.map((h) => h.name)).toEqual(['formatDate', 'lookup', 'equals']);
    expect(paths(m.refs)).toEqual(['param:sent', 'param:labels.en', 'param:a', 'param:b']);
  });

  it('conditions make references optional; guards are recorded', async () => {
    const { m } = await model({ html: '{{#if vip}}{{perk}}{{else}}{{pitch}}{{/if}}{{name}}' });
    expect(m.refs.map((r) => [displayPath(r.path), r.optional])).toEqual([['vip', true], ['perk', true], ['pitch', true], ['name', false]]);
    expect(m.refs[2]!.guards).toEqual([{ path: ['vip'], truthy: false }]);
  });

  it('partials: hash aliases and context, reported at the call site', async () => {
    const { doc, m } = await model({ html: '{{#*inline "card"}}{{title}} {{price}}{{/inline}}{{> card p title=heading}}' });
    expect(paths(m.refs)).toEqual(['partial:p', 'param:heading', 'print:heading', 'print:p.price']);
    const r = m.refs[3]!;
    expect(r.via).toBe('card');
    expect(doc.html!.text.slice(r.span.start, r.span.end)).toBe('card');
  });

  it('marks @key loops and unknown partials', async () => {
    const { m } = await model({ html: '{{#each prices}}{{@key}}{{/each}}{{> nope}}' });
    expect(m.refs[0]!.keyed).toBe(true);
    expect(m.partials).toMatchObject([{ name: 'nope', found: false }]);
    expect(m.incomplete).toBe(true);
  });

  it('survives deep nesting and recursive partials', async () => {
    const deep = '{{#with a}}'.repeat(90) + '{{x}}' + '{{/with}}'.repeat(90);
    const { m } = await model({ html: deep + '{{#*inline "r"}}{{> r}}{{/inline}}{{> r}}' });
    expect(m.refs.at(-1)!.path.length).toBe(91);
  });

  it('items.length is understood; lookups follow each per element', async () => {
    const { doc, m } = await model({ html: '{{items.length}}{{#each items}}{{#if sale}}{{salePrice}}{{/if}}{{/each}}' });
    const ref = m.refs.find((r) => r.path.join('.') === `items.${EACH}.salePrice`)!;
    const res = lookupRef({ items: [{ sale: false }, { sale: true, salePrice: 2 }] }, ref);
    expect(res.missing).toEqual([]);
    expect(res.found.map((f) => f.value)).toEqual([2]);
    expect(doc.html).toBeDefined();
  });
});

describe('schema inference', () => {
  it('nested objects, arrays with item properties, optional under #if', async () => {
    const { doc, m } = await model({
      html: '{{user.name}} {{#each items}}{{sku}} {{qty}}{{/each}} {{#if coupon}}{{coupon.code}}{{/if}} {{tags.length}}',
      data: { user: { name: 'a' }, items: [{ sku: 'x', qty: 2 }], coupon: { code: 'c' }, tags: [] },
    });
    const schema = shapeToSchema(inferShape(m), doc.samples, 'T');
    expect(schema).toEqual({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'T',
      type: 'object',
      properties: {
        user: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
        items: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' }, qty: { type: 'integer' } }, required: ['sku', 'qty'] } },
        coupon: { type: 'object', properties: { code: { type: 'string' } }, required: ['code'] },
        tags: { type: 'array', items: {} },
      },
      required: ['user', 'items', 'tags'],
    });
  });
});
