import rule from '../../../src/rules/html/max-size.js';
import { ruleTester } from '../../rule-tester.js';

const big = `<html>\n<body>${'<p>lorem ipsum dolor sit amet</p>'.repeat(3300)}</body></html>`;

ruleTester(rule, {
  valid: [{ html: '<p>small</p>' }, { name: 'custom limit', html: big, options: { maxBytes: 200_000 } }],
  invalid: [
    { html: big, errors: [{ messageId: 'tooLarge', line: 1, column: 1, evidence: '106.4 KB' }] },
    { name: 'multi-byte characters count as UTF-8 bytes', html: '中'.repeat(40_000), errors: [{ messageId: 'tooLarge', line: 1, column: 1, evidence: '117.2 KB' }] },
    { name: 'custom limit', html: '<p>0123456789</p>', options: { maxBytes: 10 }, errors: [{ messageId: 'tooLarge', line: 1, column: 1 }] },
  ],
});
