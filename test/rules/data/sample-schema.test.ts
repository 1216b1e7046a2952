import rule from '../../../src/rules/data/sample-schema.js';
import { describe, expect, it, vi } from 'vitest';
import { ruleTester, runRule } from '../../rule-tester.js';
import invalidSchema from '../../../src/rules/data/invalid-schema.js';
import { MAX_ONE_OF_BRANCHES } from '../../../src/analysis/schema.js';

const schema = {
  type: 'object',
  required: ['email', 'items'],
  additionalProperties: false,
  properties: {
    email: { type: 'string', format: 'email' },
    items: { type: 'array', items: { type: 'object', properties: { qty: { type: 'integer', minimum: 1 } } } },
  },
};

ruleTester(rule, {
  valid: [
    { html: '{{email}}', data: { email: 'a@example.com', items: [{ qty: 1 }] }, schema },
    { name: 'invalid schema: nothing to validate with', html: '{{a}}', data: { a: 1 }, schema: { type: 'nope' } },
    // Samples and schemas are objects without a prototype (parse/json.ts); ajv's deep equality used to throw on them.
    { name: 'enum with an object', html: '{{x.a}}', data: { x: { a: 1 } }, schema: { properties: { x: { enum: [{ a: 1 }] } } } },
    { name: 'const with nested objects and arrays', html: '{{x.a}}', data: { x: { a: { b: [1, { c: 2 }] } } }, schema: { properties: { x: { const: { a: { b: [1, { c: 2 }] } } } } } },
    { name: 'const with an array of objects', html: '{{x}}', data: { x: [{ a: 1 }] }, schema: { properties: { x: { const: [{ a: 1 }] } } } },
    { name: 'uniqueItems with distinct objects', html: '{{x}}', data: { x: [{ a: 1 }, { a: 2 }] }, schema: { properties: { x: { uniqueItems: true } } } },
    { name: 'enum of objects at the root (draft-07)', html: '{{a}}', data: { a: 1 }, schema: { $schema: 'http://json-schema.org/draft-07/schema#', enum: [{ a: 2 }, { a: 1 }] } },
    { name: 'keys named like Object.prototype members', html: '{{x}}', data: { x: { constructor: { a: 1 }, valueOf: 1 } }, schema: { properties: { x: { enum: [{ constructor: { a: 1 }, valueOf: 1 }] } } } },
  ],
  invalid: [
    {
      name: 'format, type and extra property, each at its value',
      html: '{{email}}',
      data: '{\n  "email": "not-an-email",\n  "items": [{ "qty": 0 }, { "qty": "2" }],\n  "extra": 1\n}',
      schema,
      errors: [
        { messageId: 'invalid', part: 'data', line: 2, column: 12, message: 'valid email' },
        { messageId: 'invalid', part: 'data', line: 3, column: 22, message: "'items[0].qty'" },
        { messageId: 'invalid', part: 'data', line: 3, column: 36, message: 'must be integer' },
        { messageId: 'invalid', part: 'data', line: 4, column: 3, message: "'extra', which the schema does not allow" },
      ],
    },
    {
      name: 'missing required property in sample #2',
      html: '{{email}}',
      data: [{ email: 'a@b.co', items: [] }, { items: [] }],
      schema,
      errors: [{ messageId: 'invalid', part: 'data', line: 6, column: 3, message: "TemplateData sample #2: the data lacks the required property 'email'" }],
    },
    {
      name: 'enum with an object: a different object is located at its value',
      html: '{{x.a}}',
      data: '{\n  "x": {"a": 2}\n}',
      schema: { properties: { x: { enum: [{ a: 1 }, [{ a: 2 }]] } } },
      errors: [{ messageId: 'invalid', part: 'data', line: 2, column: 8, message: `'x' must be one of {"a":1}, [{"a":2}]` }],
    },
    {
      name: 'const with nested objects',
      html: '{{x}}',
      data: '{\n  "x": {"a": {"b": [1, {"c": 3}]}}\n}',
      schema: { properties: { x: { const: { a: { b: [1, { c: 2 }] } } } } },
      errors: [{ messageId: 'invalid', part: 'data', line: 2, column: 8, message: `'x' must be {"a":{"b":[1,{"c":2}]}}` }],
    },
    {
      name: 'uniqueItems with equal objects',
      html: '{{x}}',
      data: '{\n  "y": 1,\n  "x": [{"a": [1]}, {"a": [1]}]\n}',
      schema: { properties: { x: { uniqueItems: true } } },
      errors: [{ messageId: 'invalid', part: 'data', line: 3, column: 8, message: 'must NOT have duplicate items' }],
    },
    {
      name: 'enum of objects at the root (draft-07, checked against its meta-schema first)',
      html: '{{a}}',
      data: '{"a": 3}',
      schema: { $schema: 'http://json-schema.org/draft-07/schema#', enum: [{ a: 2 }, { a: 1 }] },
      errors: [{ messageId: 'invalid', part: 'data', line: 1, column: 1, message: 'the data must be one of' }],
    },
    {
      name: 'a key named valueOf that ajv cannot compare: an error at the data, not a crash',
      html: '{{x}}',
      data: '{\n  "x": [{"valueOf": 1}, {"valueOf": 1}]\n}',
      schema: { properties: { x: { uniqueItems: true } } },
      errors: [{ messageId: 'invalid', part: 'data', line: 1, column: 1, message: 'cannot be validated' }],
    },
  ],
});

describe('a schema past ajv\'s compile bounds', () => {
  // ajv nests the code of each oneOf branch in the one before: 8,000 branches took 22 s to compile here, and
  // where V8's parser overflowed, ajv wrote the whole generated function (1.8 MB for 4,000) to the console.
  it('is not compiled: data/invalid-schema says why, and nothing goes to the console', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const oneOf = Array.from({ length: MAX_ONE_OF_BRANCHES + 1 }, (_, i) => ({ const: `v${i}` }));
      const c = { html: '{{name}}', data: { name: 'Ada' }, schema: { type: 'object', properties: { name: { oneOf } } } };
      expect((await runRule(rule, c)).findings.filter((f) => f.ruleId === rule.meta.id)).toEqual([]);
      expect((await runRule(invalidSchema, c)).findings.filter((f) => f.ruleId === invalidSchema.meta.id).map((f) => f.message)).toEqual([expect.stringContaining(`'oneOf' has ${MAX_ONE_OF_BRANCHES + 1} branches, more than ${MAX_ONE_OF_BRANCHES}`)]);
      expect(error).not.toHaveBeenCalled();
      expect(log).not.toHaveBeenCalled();
    } finally {
      error.mockRestore();
      log.mockRestore();
    }
  });
});
