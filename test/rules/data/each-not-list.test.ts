import rule from '../../../src/rules/data/each-not-list.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule, {
  valid: [
    { html: '{{#each items}}{{name}}{{/each}}', data: { items: [{ name: 'a' }] } },
    { name: 'missing or empty: the else branch renders', html: '{{#each items}}x{{else}}none{{/each}}', data: { items: null } },
    { name: 'object iterated with @key', html: '{{#each prices}}{{@key}}: {{this}}{{/each}}', data: { prices: { eur: 1 } } },
  ],
  invalid: [
    {
      name: 'a string',
      html: '<ul>\n{{#each items}}<li>{{this}}</li>{{/each}}</ul>',
      data: { items: 'a,b,c' },
      errors: [{ messageId: 'notList', line: 2, column: 9, message: 'not a list' }],
    },
    {
      name: 'an object without @key (warning)',
      text: '{{#each order}}{{name}}{{/each}}',
      data: { order: { name: 'x' } },
      errors: [{ messageId: 'object', part: 'text', line: 1, column: 9, severity: 'warning' }],
    },
    {
      name: 'nested list element',
      html: '{{#each rows}}{{#each cells}}{{this}}{{/each}}{{/each}}',
      data: [{ rows: [{ cells: [1] }, { cells: 5 }] }],
      errors: [{ messageId: 'notList', line: 1, column: 23, message: "'rows[1].cells'" }],
    },
  ],
});
