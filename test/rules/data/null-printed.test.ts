import rule from '../../../src/rules/data/null-printed.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule, {
  valid: [
    { html: '<p>{{name}}</p>', data: { name: 'Ada' } },
    { name: 'null guarded by #if', html: '{{#if phone}}{{phone}}{{/if}}', data: { phone: null } },
  ],
  invalid: [
    {
      name: 'null printed',
      html: '<p>\n Call {{phone}}</p>',
      data: { phone: null },
      errors: [{ messageId: 'null', line: 2, column: 9, severity: 'warning' }],
    },
    {
      name: 'null in one list element',
      html: '{{#each items}}{{price}}{{/each}}',
      data: { items: [{ price: 1 }, { price: null }] },
      errors: [{ messageId: 'null', line: 1, column: 18, message: "'items[1].price'" }],
    },
  ],
});
