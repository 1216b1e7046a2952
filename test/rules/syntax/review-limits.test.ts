import rule from '../../../src/rules/syntax/review-limits.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule, {
  valid: [
    { html: '<div><div><p>x</p></div></div>' },
    { name: 'at the limit', html: '<div>'.repeat(5) + 'x', settings: { limits: { domDepth: 5 } } },
    { name: 'no HTML part', text: 'hello' },
    { name: 'links nested 16 deep (the 16th link inside 15 others) are read as written', html: '<a href="https://example.com/">x '.repeat(16) + 'y' },
    { name: 'many links one after another', html: '<p><a href="https://example.com/">x</a></p>'.repeat(200) },
  ],
  invalid: [
    {
      name: 'first element past the limit',
      html: '<div>\n' + '<div>'.repeat(5) + 'x',
      settings: { limits: { domDepth: 4 } },
      errors: [{ messageId: 'domDepth', line: 2, column: 16, message: 'more than 4 deep' }],
    },
    {
      name: 'a link inside 16 links',
      html: '<p>\n' + '<a href="https://example.com/">x '.repeat(17) + 'y',
      errors: [{ messageId: 'linkNesting', line: 2, column: 529, message: 'more than 16 deep' }],
    },
    {
      name: '100,000 nested elements, default limit',
      html: '<div>'.repeat(100_000) + 'x',
      errors: [{ messageId: 'domDepth', line: 1, column: 2501, message: 'more than 500 deep' }],
    },
  ],
});
