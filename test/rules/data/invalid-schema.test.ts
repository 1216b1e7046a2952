import rule from '../../../src/rules/data/invalid-schema.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule, {
  valid: [
    { html: '{{a}}', schema: { type: 'object', properties: { a: { type: 'string', format: 'email' } }, required: ['a'] } },
    { name: 'draft-07 declared', html: '{{a}}', schema: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { a: { type: 'string' } } } },
    { name: 'local $ref', html: '{{a.b}}', schema: { $defs: { x: { type: 'object', properties: { b: { type: 'string' } } } }, properties: { a: { $ref: '#/$defs/x' } } } },
    { name: 'broken JSON is syntax/invalid-json\'s job', html: '{{a}}', schema: '{ "type": ' },
  ],
  invalid: [
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
  ],
});
