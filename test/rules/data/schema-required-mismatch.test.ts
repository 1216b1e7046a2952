import rule from '../../../src/rules/data/schema-required-mismatch.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule, {
  valid: [
    { html: '{{name}} {{#if coupon}}{{coupon}}{{/if}}', schema: { required: ['name'], properties: { name: {}, coupon: {} } } },
    { name: 'list items', html: '{{#each items}}{{sku}}{{/each}}', schema: { required: ['items'], properties: { items: { items: { required: ['sku'], properties: { sku: {} } } } } } },
    { name: 'guarded parent: child required within it', html: '{{#if user}}{{user.name}}{{/if}}', schema: { properties: { user: { required: ['name'], properties: { name: {} } } } } },
  ],
  invalid: [
    {
      name: 'always rendered but optional in the schema',
      html: '<p>{{name}}</p>',
      schema: '{\n  "properties": { "name": { "type": "string" } }\n}',
      errors: [{ messageId: 'notRequired', part: 'schema', line: 2, column: 19, severity: 'warning' }],
    },
    {
      name: 'required but only rendered under #if',
      html: '{{#if coupon}}{{coupon}}{{/if}}',
      schema: '{\n  "required": ["coupon"],\n  "properties": { "coupon": {} }\n}',
      errors: [{ messageId: 'onlyOptional', part: 'schema', line: 3, column: 19, severity: 'info' }],
    },
  ],
});
