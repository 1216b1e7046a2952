import rule from '../../../src/rules/data/object-printed.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule, {
  valid: [
    { html: '<p>{{user.name}}</p>', data: { user: { name: 'Ada' } } },
    { name: 'condition on an object is fine', html: '{{#if user}}{{user.name}}{{/if}}', data: { user: { name: 'Ada' } } },
    { name: 'list passed to a helper', html: '{{length items}}', data: { items: [1] }, settings: { provider: 'sendgrid' } },
  ],
  invalid: [
    {
      name: 'object printed',
      html: '<p>Hello {{user}}</p>',
      data: { user: { name: 'Ada' } },
      errors: [{ messageId: 'object', line: 1, column: 12, message: '[object Object]' }],
    },
    {
      name: 'list printed',
      text: 'Tags:\n{{{tags}}}',
      data: { tags: ['a', 'b'] },
      errors: [{ messageId: 'list', part: 'text', line: 2, column: 4, message: '"a,b"' }],
    },
  ],
});
