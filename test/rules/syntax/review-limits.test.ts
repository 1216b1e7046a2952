import rule from '../../../src/rules/syntax/review-limits.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule, {
  valid: [
    { html: '<div><div><p>x</p></div></div>' },
    { name: 'at the limit', html: '<div>'.repeat(5) + 'x', settings: { limits: { domDepth: 5 } } },
    { name: 'no HTML part', text: 'hello' },
  ],
  invalid: [
    {
      name: 'first element past the limit',
      html: '<div>\n' + '<div>'.repeat(5) + 'x',
      settings: { limits: { domDepth: 4 } },
      errors: [{ messageId: 'domDepth', line: 2, column: 16, message: 'more than 4 deep' }],
    },
    {
      name: '100,000 nested elements, default limit',
      html: '<div>'.repeat(100_000) + 'x',
      errors: [{ messageId: 'domDepth', line: 1, column: 2501, message: 'more than 500 deep' }],
    },
  ],
});
