import rule from '../../../src/rules/data/schema-undeclared-variable.js';
import { ruleTester } from '../../rule-tester.js';

const closed = { type: 'object', additionalProperties: false, properties: { user: { type: 'object', properties: { firstName: { type: 'string' } } }, items: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' } } } } } };

ruleTester(rule, {
  valid: [
    { html: '{{user.firstName}} {{#each items}}{{sku}} {{@index}}{{/each}} {{items.length}}', schema: closed },
    { name: 'open object without properties says nothing', html: '{{anything.at.all}}', schema: { type: 'object' } },
    { name: 'additionalProperties schema declares any key', html: '{{labels.foo}}', schema: { properties: { labels: { type: 'object', additionalProperties: { type: 'string' } } } } },
    { name: 'via $ref and allOf', html: '{{a.b}} {{c}}', schema: { allOf: [{ properties: { a: { $ref: '#/$defs/A' } } }, { properties: { c: {} } }], $defs: { A: { properties: { b: {} } } } } },
  ],
  invalid: [
    {
      name: 'closed schema: error with did-you-mean',
      html: '<p>\n{{usr.firstName}}</p>',
      schema: closed,
      errors: [{ messageId: 'closed', line: 2, column: 3, severity: 'error', message: "Did you mean 'user'?" }],
    },
    {
      name: 'open schema: warning; inside #each',
      html: '{{#each items}}{{price}}{{/each}}',
      schema: { properties: { items: { type: 'array', items: { properties: { sku: {} } } } } },
      errors: [{ messageId: 'open', line: 1, column: 18, severity: 'warning', message: "'items[].price'" }],
    },
  ],
});
