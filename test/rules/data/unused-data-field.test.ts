import rule from '../../../src/rules/data/unused-data-field.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule, {
  valid: [
    { html: '{{user.name}} {{#each items}}{{sku}}{{/each}}', data: { user: { name: 'a' }, items: [{ sku: 1 }, { sku: 2 }] } },
    { name: 'whole value passed to a helper', html: '{{json user}}', data: { user: { a: 1, b: { c: 2 } } }, settings: { helpers: ['json'] } },
    { name: 'unknown partial: cannot tell, stays quiet', html: '{{> footer}}', data: { a: 1 } },
    { name: 'used in subject only', subject: 'Hi {{name}}', html: '<p>x</p>', data: { name: 'a' } },
  ],
  invalid: [
    {
      name: 'top-level and nested unused fields, list fields reported once',
      html: '{{user.name}}{{#each items}}{{sku}}{{/each}}',
      data: '{\n  "user": { "name": "a", "age": 3 },\n  "legacy": true,\n  "items": [{ "sku": 1, "qty": 1 }, { "sku": 2, "qty": 2 }]\n}',
      errors: [
        { messageId: 'unused', part: 'data', line: 2, column: 26, evidence: 'user.age', severity: 'info' },
        { messageId: 'unused', part: 'data', line: 3, column: 3, evidence: 'legacy' },
        { messageId: 'unused', part: 'data', line: 4, column: 25, evidence: 'items.[].qty' },
      ],
    },
  ],
});
