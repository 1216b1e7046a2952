/**
 * The generated meta-schema validators (src/analysis/meta-validators.generated.ts, npm run schema) report what
 * the ajv analysis/schema.ts compiles with would report from `validateSchema`: the same errors, in the same
 * order, for valid and invalid schemas of every draft. (That the file is current is checked with the other
 * generated validators in test/config/compiled-packs.test.ts.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ajvOf, type Draft } from './ajv-of.js';
import { metaSchemaValidator } from '../../src/analysis/meta-validators.generated.js';

const IDS: Record<Draft, string> = {
  '2020': 'https://json-schema.org/draft/2020-12/schema',
  '2019': 'https://json-schema.org/draft/2019-09/schema',
  '07': 'http://json-schema.org/draft-07/schema#',
};


const samplesDir = new URL('../../samples/', import.meta.url);
const samples = readdirSync(samplesDir)
  .filter((f) => f.endsWith('.schema.json'))
  .map((f) => JSON.parse(readFileSync(new URL(f, samplesDir), 'utf8')) as Record<string, unknown>);

const handWritten: unknown[] = [
  true,
  false,
  {},
  { type: 'int' },
  { type: ['string', 'nul'] },
  { requried: ['a'], properties: { a: { type: 'string', minLength: -1 } } },
  { properties: { a: { $ref: 3 } }, required: 'a' },
  { pattern: '[', format: 7, enum: [] },
  { items: [{ type: 'string' }], additionalItems: 'no', uniqueItems: 'yes' },
  { prefixItems: {}, $defs: { x: 1 }, dependentRequired: { a: [1, 1] } },
  { $dynamicAnchor: 3, $dynamicRef: {}, $recursiveRef: 1, $recursiveAnchor: 'x' },
  { definitions: { a: { type: 'object', properties: { b: { type: 'strng' } } } }, allOf: [], anyOf: [{}], oneOf: 'x' },
  { if: 1, then: { minimum: 'a' }, else: { maximum: null }, not: [] },
  { $id: 5, $anchor: '9bad', $comment: {}, examples: 'x', default: null, readOnly: 'no' },
  { contentEncoding: 1, contentMediaType: 2, contentSchema: 3, unevaluatedProperties: 'x', unevaluatedItems: 4 },
  { type: 'object', properties: { nested: { type: 'array', items: { type: 'object', properties: { deep: { type: 'nope', maxItems: 1.5 } } } } } },
];

/** Each sample with one value at a time replaced by something of the wrong kind: the meta-schema's errors for each path. */
function mutations(schema: unknown): unknown[] {
  const out: unknown[] = [];
  const walk = (v: unknown, set: (x: unknown) => unknown) => {
    for (const bad of [42, 'bogus', null, [1]]) out.push(set(bad));
    if (typeof v !== 'object' || v === null) return;
    for (const [k, x] of Object.entries(v)) {
      walk(x, (bad) => set(Array.isArray(v) ? v.map((y, i) => (String(i) === k ? bad : y)) : { ...v, [k]: bad }));
    }
  };
  walk(schema, (bad) => bad);
  // compileWith sees only objects and booleans (analysis/schema.ts reports any other root itself).
  return out.filter((s) => typeof s === 'object' && s !== null && !Array.isArray(s));
}

describe('generated meta-schema validators', () => {
  const corpus = [...handWritten, ...samples, ...samples.slice(0, 6).flatMap(mutations)];

  it.each(['2020', '2019', '07'] as const)('draft %s: the same verdict and errors as ajv.validateSchema', (draft) => {
    const ajv = ajvOf(draft);
    const validate = metaSchemaValidator(draft);
    let invalid = 0;
    for (const s of corpus) {
      const schema = typeof s === 'object' && s !== null && !Array.isArray(s) ? { ...s, $schema: IDS[draft] } : s;
      const expected = ajv.validateSchema(schema as object);
      const got = validate(schema);
      expect({ schema, valid: got, errors: validate.errors ?? null }).toEqual({ schema, valid: expected, errors: ajv.errors ?? null });
      if (!got) invalid++;
    }
    // The corpus exercises both outcomes.
    expect(invalid).toBeGreaterThan(100);
    expect(invalid).toBeLessThan(corpus.length);
  });

  it('builds each draft once', () => {
    expect(metaSchemaValidator('2020')).toBe(metaSchemaValidator('2020'));
    expect(metaSchemaValidator('07')).not.toBe(metaSchemaValidator('2020'));
  });
});
