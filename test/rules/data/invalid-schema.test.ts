import rule from '../../../src/rules/data/invalid-schema.js';
import { ruleTester } from '../../rule-tester.js';
import { MAX_SCHEMA_PATTERNS } from '../../../src/analysis/schema.js';

// ajv's compile grows with the square of the patterns (4,000 took 5.4 s): past the bound, not compiled.
const patterns = (n: number) => JSON.stringify({ type: 'object', patternProperties: Object.fromEntries(Array.from({ length: n }, (_, i) => [`^x${i}$`, { type: 'number' }])) });

ruleTester(rule, {
  valid: [
    { html: '{{a}}', schema: { type: 'object', properties: { a: { type: 'string', format: 'email' } }, required: ['a'] } },
    { name: 'draft-07 declared', html: '{{a}}', schema: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { a: { type: 'string' } } } },
    { name: 'local $ref', html: '{{a.b}}', schema: { $defs: { x: { type: 'object', properties: { b: { type: 'string' } } } }, properties: { a: { $ref: '#/$defs/x' } } } },
    { name: 'broken JSON is syntax/invalid-json\'s job', html: '{{a}}', schema: '{ "type": ' },
    ...[
      'https://json-schema.org/draft-07/schema',
      'http://json-schema.org/draft-07/schema',
      'https://json-schema.org/draft-07/schema#',
      'http://json-schema.org/draft-06/schema#',
      'http://json-schema.org/draft/2020-12/schema',
      'https://json-schema.org/draft/2020-12/schema#',
      'http://json-schema.org/draft/2019-09/schema#',
      'https://json-schema.org/draft/2019-09/schema',
    ].map((id) => ({ name: `$schema spelled ${id}`, html: '{{a}}', data: { a: 'x' }, schema: { $schema: id, type: 'object', properties: { a: { type: 'string' } } } })),
    // The meta-schema check gets a plain copy: ajv's deep equality (uniqueItems) threw on objects without a prototype.
    { name: 'draft-07: enum of equal-looking objects is checked, not failed', html: '{{a}}', schema: { $schema: 'http://json-schema.org/draft-07/schema#', enum: [{ a: 1 }, { a: 2 }] } },
    { name: 'recursion through a property is fine', html: '{{a.a.a}}', schema: { type: 'object', properties: { a: { $ref: '#' } } } },
    { name: 'patternProperties up to the bound are compiled', html: '{{a}}', data: { a: 1 }, schema: patterns(MAX_SCHEMA_PATTERNS) },
  ],
  invalid: [
    {
      name: 'draft-07: objects with a key valueOf that ajv cannot compare (uniqueItems of enum) are named',
      html: '{{a}}',
      schema: { $schema: 'http://json-schema.org/draft-07/schema#', enum: [{ valueOf: 1 }, { valueOf: 1 }] },
      errors: [{ messageId: 'invalid', part: 'schema', line: 1, column: 1, message: "a key named 'valueOf'" }],
    },
    {
      name: 'object items under type: located, not "a.valueOf is not a function"',
      html: '{{a}}',
      schema: '{\n  "type": [{"a": 1}, {"a": 1}]\n}',
      errors: [
        { messageId: 'invalid', part: 'schema', line: 2, column: 11, evidence: 'type' },
        { messageId: 'invalid', part: 'schema', line: 2, column: 12, evidence: 'type' },
        { messageId: 'invalid', part: 'schema', line: 2, column: 22, evidence: 'type' },
      ],
    },
    {
      name: 'wrong type name',
      html: '{{age}}',
      schema: '{\n  "type": "object",\n  "properties": { "age": { "type": "int" } }\n}',
      errors: [{ messageId: 'invalid', part: 'schema', line: 3, column: 36, evidence: 'type' }],
    },
    {
      name: 'unknown keyword (typo)',
      html: '{{a}}',
      schema: '{\n  "type": "object",\n  "requried": ["a"]\n}',
      errors: [{ messageId: 'invalid', part: 'schema', line: 3, column: 3, evidence: 'requried' }],
    },
    {
      name: 'a schema that is its own reference',
      html: '{{a}}',
      data: { a: 1 },
      schema: '{ "$ref": "#" }',
      errors: [{ messageId: 'invalid', part: 'schema', line: 1, column: 3, evidence: '$ref', message: 'never end' }],
    },
    {
      name: '$dynamicRef back to the root',
      html: '{{a}}',
      data: { a: 1 },
      schema: '{\n  "$dynamicAnchor": "m",\n  "allOf": [{ "$dynamicRef": "#m" }]\n}',
      errors: [{ messageId: 'invalid', part: 'schema', line: 3, column: 15, evidence: '$dynamicRef' }],
    },
    {
      name: 'two definitions referring to each other',
      html: '{{a}}',
      schema: '{ "$defs": { "a": { "$ref": "#/$defs/b" }, "b": { "$ref": "#/$defs/a" } }, "$ref": "#/$defs/a" }',
      errors: [{ messageId: 'invalid', part: 'schema', line: 1, column: 51, evidence: '$ref' }],
    },
    {
      name: 'unknown meta-schema',
      html: '{{a}}',
      schema: '{ "$schema": "http://json-schema.org/draft-04/schema#" }',
      errors: [{ messageId: 'invalid', part: 'schema', line: 1, column: 14, evidence: '$schema' }],
    },
    {
      name: 'unresolvable $ref',
      html: '{{a}}',
      schema: '{ "properties": { "a": { "$ref": "#/$defs/nope" } } }',
      errors: [{ messageId: 'invalid', part: 'schema', line: 1, column: 26, evidence: '$ref' }],
    },
    {
      name: 'unknown format',
      html: '{{a}}',
      schema: '{ "properties": { "a": { "format": "emali" } } }',
      errors: [{ messageId: 'invalid', line: 1, column: 26, evidence: 'format', message: "unknown format 'emali'" }],
    },
    { name: 'not an object', html: '{{a}}', schema: '[1]', errors: [{ messageId: 'invalid', line: 1, column: 1 }] },
    {
      name: 'more patternProperties than ajv compiles in time',
      html: '{{a}}',
      data: { a: 1 },
      schema: patterns(MAX_SCHEMA_PATTERNS + 1),
      errors: [{ messageId: 'invalid', line: 1, column: 18, evidence: 'patternProperties', message: `holds more than ${MAX_SCHEMA_PATTERNS} patterns in all` }],
    },
  ],
});
