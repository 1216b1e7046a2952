import rule from '../../../src/rules/images/require-alt.js';
import { ruleTester } from '../../rule-tester.js';
import { col } from '../pos.js';

const mj = '<mjml><mj-body><mj-section><mj-column><mj-image src="https://x.com/a.png" /></mj-column></mj-section></mj-body></mjml>';

ruleTester(rule, {
  valid: [
    { html: '<img src="https://x.com/a.png" alt="Our new shop in Lyon">' },
    { name: 'decorative', html: '<img src="https://x.com/spacer.gif" alt="">' },
    { html: '<img src="https://x.com/a.png" alt="{{productName}}">' },
    { html: '<img src="https://x.com/a.png" role="presentation">' },
  ],
  invalid: [
    { html: '<p>Hi</p>\n<img src="https://x.com/a.png">', errors: [{ messageId: 'missing', line: 2, column: 1 }] },
    { html: '<img src="https://x.com/a.png" alt="IMG_2041.jpg">', errors: [{ messageId: 'filename', line: 1, column: 37 }] },
    { name: 'MJML mj-image', mjml: mj, errors: [{ messageId: 'missing', line: 1, column: col(mj, '<mj-image') }] },
  ],
});
