import rule from '../../../src/rules/content/missing-text-part.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule, {
  valid: [{ html: '<p>Hi</p>', text: 'Hi' }, { name: 'text-only template', text: 'Hi' }, { name: 'empty html is another rule', html: '' }],
  invalid: [
    { html: '<p>Hi</p>', errors: [{ messageId: 'missing', line: 1, column: 1, message: 'template.txt' }] },
    { html: '<p>Hi</p>', text: '  \n', errors: [{ messageId: 'empty', part: 'text', line: 1, column: 1 }] },
  ],
});
