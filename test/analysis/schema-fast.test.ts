/**
 * fastValidity (src/analysis/schema-fast.ts) answers "is this data valid?" without compiling the schema: it
 * must answer what the ajv analysis/schema.ts compiles with answers, for every schema it takes, and refuse
 * (undefined) the schemas it cannot judge as ajv does. Compared here on the samples' schemas with their data
 * and many mutations of it, and on hand-written schemas for each keyword with edge values.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ajvOf, type Draft } from './ajv-of.js';
import { parse as parseJsonc } from 'jsonc-parser';
import { fastValidity } from '../../src/analysis/schema-fast.js';
import { metaSchemaOf } from '../../src/analysis/schema.js';
import { plainCopy } from '../../src/analysis/plain-json.js';
import { parseJson } from '../../src/parse/json.js';

/** The value as parse/json.ts gives it: objects without a prototype. */
const nullPrototype = (v: unknown): unknown => (v === undefined ? v : parseJson(JSON.stringify(v)).value);



const draftOf = (schema: unknown): Draft => (typeof schema === 'object' && schema && typeof (schema as { $schema?: unknown }).$schema === 'string' ? (metaSchemaOf((schema as { $schema: string }).$schema)?.draft ?? '2020') : '2020');

/** ajv's answer (with the $schema spelling schema.ts gives it), or 'refused' when it does not compile. */
function ajvValidity(schema: unknown, draft: Draft): ((d: unknown) => boolean) | 'refused' {
  const ajv = ajvOf(draft);
  let s = schema as object | boolean;
  const declared = typeof schema === 'object' && schema ? (schema as { $schema?: unknown }).$schema : undefined;
  if (typeof declared === 'string') s = { ...(schema as object), $schema: metaSchemaOf(declared)!.id };
  try {
    const v = ajv.compile(plainCopy(s));
    return (d) => v(d) as boolean;
  } catch {
    return 'refused';
  }
}

/** The data, and variants with one value changed, removed or added at every place in it. */
function mutations(data: unknown): unknown[] {
  const out: unknown[] = [data];
  const replacements: unknown[] = [null, 0, 1.5, -1, 1e9, true, '', 'x', 'x'.repeat(300), 'not a url', 'https://example.com/a', 'a@b.co', '2026-12-04', '😀😀', [], [1], {}, { extra: 1 }];
  const visit = (value: unknown, set: (v: unknown) => unknown) => {
    for (const r of replacements) out.push(set(r));
    if (Array.isArray(value)) {
      value.forEach((x, i) => visit(x, (v) => set(value.map((y, j) => (j === i ? v : y)))));
      out.push(set([...value, ...value]), set(value.slice(1)));
    } else if (value && typeof value === 'object') {
      const o = value as Record<string, unknown>;
      for (const k of Object.keys(o)) {
        visit(o[k], (v) => set({ ...o, [k]: v }));
        const rest = { ...o };
        delete rest[k];
        out.push(set(rest));
      }
      out.push(set({ ...o, zz_extra: 'x' }));
    }
  };
  visit(data, (v) => v);
  return out;
}

function compare(schema: unknown, data: unknown[]): { judged: boolean; checked: number } {
  const draft = draftOf(schema);
  const fast = fastValidity(nullPrototype(schema), draft);
  const slow = ajvValidity(schema, draft);
  if (!fast) return { judged: false, checked: 0 };
  // A schema fastValidity takes is one ajv compiles.
  expect(slow, JSON.stringify(schema)).not.toBe('refused');
  // fastValidity reads what parse/json.ts gives (prototype-less objects); ajv reads plain copies, as schema.ts
  // gives it (its deep equality throws on objects without a prototype).
  const answer = (f: (d: unknown) => boolean, d: unknown) => {
    try {
      return f(d);
    } catch (e) {
      return `throws ${(e as Error).constructor.name}`;
    }
  };
  for (const d of data) {
    const expected = answer(slow as (d: unknown) => boolean, plainCopy(d));
    const got = answer(fast, nullPrototype(d));
    // fast-deep-equal calls an own `toString` or `valueOf` key as a method; schema.ts answers that throw with an error.
    // It compares own `constructor` keys by identity first: equal objects under that key are unequal to it
    // (fastValidity, right by JSON Schema, then says valid; schema.ts takes that answer).
    if (expected === 'throws TypeError') expect(typeof got, `${JSON.stringify(schema)} on ${JSON.stringify(d)}`).toBe('boolean');
    else if (expected === false && got === true && JSON.stringify(d).includes('"constructor":{')) continue;
    else expect(got, `${JSON.stringify(schema)} on ${JSON.stringify(d)}`).toBe(expected);
  }
  return { judged: true, checked: data.length };
}

const samplesDir = new URL('../../samples/', import.meta.url);
const read = (f: string) => parseJsonc(readFileSync(new URL(f, samplesDir), 'utf8')) as unknown;

describe('fastValidity', () => {
  it("answers as ajv on the samples' schemas, their data and mutations of it", () => {
    let judged = 0;
    let checked = 0;
    const schemas = readdirSync(samplesDir).filter((f) => f.endsWith('.schema.json'));
    for (const f of schemas) {
      const dataFile = f.replace('.schema.json', '.data.json');
      const data = readdirSync(samplesDir).includes(dataFile) ? read(dataFile) : {};
      const samples = Array.isArray(data) ? data : [data];
      const r = compare(read(f), samples.flatMap(mutations));
      if (r.judged) judged++;
      checked += r.checked;
    }
    // Most of the samples' schemas are in the subset (the point of it), and were compared on many values.
    expect(judged).toBe(schemas.length);
    expect(checked).toBeGreaterThan(5000);
  });

  const values: unknown[] = [null, true, false, 0, -0, 1, 2.5, -3, 2 ** 31, 1e21, '', 'a', 'abc', '😀', 'é', 'A1', 'https://x.y/z', 'http://x', 'mailto:a@b.c', 'a@b.co', 'not an email', '2026-12-04', '2026-13-40', '12:30:00Z', '550e8400-e29b-41d4-a716-446655440000', '1.2.3.4', '::1', 'host.example', [], [1], [1, 2, 3], ['a'], [{}], {}, { a: 1 }, { a: 'x', b: 2 }, { a: null }, { b: [1] }, { toString: 1 }, Object.create(null), { valueOf: 1 }, { constructor: { a: 1 } }, { a: { b: [1, { c: 2 }] } }, [{ a: 1 }], [[1], { a: [] }]];
  const handWritten: unknown[] = [
    true,
    false,
    {},
    { type: 'string' },
    { type: 'integer' },
    { type: 'number' },
    { type: ['string', 'null'] },
    { type: ['integer', 'number'] },
    { type: ['array', 'object'] },
    { type: 'object', properties: { a: { type: 'integer' } }, required: ['a'] },
    { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false },
    { properties: { a: true, b: false } },
    { additionalProperties: { type: 'integer' } },
    { additionalProperties: false },
    { required: ['a', 'toString'] },
    { minProperties: 1, maxProperties: 1 },
    { minLength: 2, maxLength: 3 },
    { maxLength: 1 },
    { pattern: '^a' },
    { pattern: '\\p{L}' },
    { minimum: 0, maximum: 10 },
    { exclusiveMinimum: 0, exclusiveMaximum: 3 },
    { minItems: 1, maxItems: 2, items: { type: 'integer' } },
    { items: false },
    { items: true },
    { enum: [1, 'a', null, { a: 1 }, [1]] },
    { enum: ['a'] },
    { const: { a: 1 } },
    { const: { a: { b: [1, { c: 2 }] } } },
    { const: [{ a: 1 }] },
    { enum: [{ a: { b: [1, { c: 2 }] } }, [[1], { a: [] }], { constructor: { a: 1 } }] },
    { properties: { a: { enum: [{ b: [1] }, 1] } } },
    { const: { valueOf: 1 } },
    { const: 'abc' },
    { const: null },
    ...['email', 'uri', 'uri-reference', 'date', 'date-time', 'time', 'uuid', 'ipv4', 'ipv6', 'hostname', 'int32', 'float', 'regex', 'duration', 'url', 'byte', 'password'].map((format) => ({ format })),
    { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { a: { type: 'string', format: 'email' } } },
    { $schema: 'https://json-schema.org/draft/2019-09/schema', items: { type: 'string' } },
    { $id: 'https://example.com/s.json', type: 'object' },
    { title: 't', description: 'd', $comment: 'c', examples: [1], default: 1, deprecated: false, type: 'integer' },
    { $defs: { n: { type: 'integer', minimum: 0 }, s: { type: 'string' } }, properties: { a: { $ref: '#/$defs/n' }, b: { items: { $ref: '#/$defs/s' } } } },
    { $defs: { n: { type: 'integer' }, list: { type: 'array', items: { $ref: '#/$defs/n' } } }, properties: { b: { $ref: '#/$defs/list' } } },
    { allOf: [{ type: 'string' }, { minLength: 2 }] },
    { anyOf: [{ type: 'string' }, { type: 'integer', minimum: 2 }] },
    { oneOf: [{ type: 'number' }, { type: 'integer' }, { type: 'null' }] },
    { not: { type: 'object' } },
    { properties: { a: { oneOf: [{ type: 'string', format: 'email' }, { type: 'string', maxLength: 1 }] } } },
    { $schema: 'http://json-schema.org/draft-07/schema#', definitions: { n: { type: 'integer' } }, properties: { a: { $ref: '#/definitions/n' } } },
  ];

  it('answers as ajv on hand-written schemas for every keyword it takes', () => {
    const values2 = [...values, ...values.filter((v) => typeof v === 'object' && v).map((v) => ({ a: v }))];
    for (const s of handWritten) expect(compare(s, values2).judged, JSON.stringify(s)).toBe(true);
  });

  it('refuses what it cannot judge as ajv does (ajv compiles those, or reports why it cannot)', () => {
    const refused: unknown[] = [
      { $ref: '#/$defs/a', $defs: { a: { type: 'string' } } },
      { $defs: { a: { items: { $ref: '#/$defs/a' } } }, items: { $ref: '#/$defs/a' } },
      { $defs: { a: { type: 'string' } }, properties: { x: { $ref: '#/$defs/a', minLength: 1 } } },
      { $defs: { a: { type: 'string' } }, properties: { x: { $ref: '#/$defs/b' } } },
      { $defs: { a: { type: 'string' }, b: { if: {} } } },
      { $defs: { a: { type: 'string' } }, properties: { x: { $ref: '#/definitions/a' } } },
      { $schema: 'http://json-schema.org/draft-07/schema#', $defs: { a: { type: 'string' } } },
      { if: { type: 'string' }, then: { minLength: 1 } },
      { patternProperties: { '^a': { type: 'string' } } },
      { items: [{ type: 'string' }], $schema: 'http://json-schema.org/draft-07/schema#' },
      { prefixItems: [{ type: 'string' }] },
      { uniqueItems: true },
      { multipleOf: 0.1 },
      { format: 'no-such-format' },
      { pattern: '(' },
      { enum: [] },
      { unknownKeyword: 1 },
      { properties: { a: { $id: 'https://example.com/a' } } },
      { $id: 'urn:x' },
      { formatMinimum: '2020-01-01', format: 'date' },
      { properties: JSON.parse('{"__proto__": {"type": "string"}}') as object },
    ];
    for (const s of refused) expect(fastValidity(s, draftOf(s)), JSON.stringify(s)).toBeUndefined();
  });
});
