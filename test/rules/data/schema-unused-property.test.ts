import rule from '../../../src/rules/data/schema-unused-property.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule, {
  valid: [
    { html: '{{user.name}}{{#each items}}{{sku}}{{/each}}', schema: { properties: { user: { properties: { name: {} } }, items: { items: { properties: { sku: {} } } } } } },
    { name: 'condition counts as a use', html: '{{#if vip}}VIP{{/if}}', schema: { properties: { vip: { type: 'boolean' } } } },
  ],
  invalid: [
    {
      name: 'unused properties, outermost only',
      html: '{{user.name}}',
      schema: '{\n  "properties": {\n    "user": { "properties": { "name": {}, "age": {} } },\n    "legacy": { "properties": { "x": {} } }\n  }\n}',
      errors: [
        { messageId: 'unused', part: 'schema', line: 3, column: 43, evidence: 'user.age' },
        { messageId: 'unused', part: 'schema', line: 4, column: 5, evidence: 'legacy' },
      ],
    },
  ],
});
