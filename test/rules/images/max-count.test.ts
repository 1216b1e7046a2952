import rule from '../../../src/rules/images/max-count.js';
import { ruleTester } from '../../rule-tester.js';

const imgs = (n: number) => Array.from({ length: n }, (_, i) => `<img src="https://x.com/${i}.png" alt="">`).join('\n');

ruleTester(rule, {
  valid: [{ html: imgs(50) }, { html: imgs(3), options: { max: 3 } }],
  invalid: [
    { html: imgs(51), errors: [{ messageId: 'tooMany', line: 51, column: 1, message: '51 images, over 50' }] },
    { html: imgs(4), options: { max: 3 }, errors: [{ messageId: 'tooMany', line: 4, column: 1 }] },
  ],
});
