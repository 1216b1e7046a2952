import rule from '../../../src/rules/compliance/postal-address.js';
import { ruleTester } from '../../rule-tester.js';

const marketing = { category: 'marketing' };
ruleTester(rule, {
  valid: [
    { html: '<body><p>Sale</p></body>', name: 'not marketing' },
    { html: '<body><p>Sale</p><p>Acme Inc., 350 Fifth Avenue, New York, NY 10118</p></body>', settings: marketing },
    { html: '<body><p>Sale</p><p>PO Box 1234, Springfield</p></body>', settings: marketing },
    { html: '<body><p>Sale</p><p>{{company_address}}</p></body>', settings: marketing, name: 'address placeholder' },
    { html: '<body><p>促销</p><p>地址：广东省深圳市南山区科技园路1号</p></body>', settings: marketing },
    { html: '<body><p>*|LIST:ADDRESS|*</p></body>', settings: marketing },
  ],
  invalid: [
    { name: 'no address', html: '<html>\n<body><p>Big sale this week</p></body></html>', settings: marketing, errors: [{ messageId: 'missing', line: 2, column: 1 }] },
    { name: 'text-only template', text: 'Big sale this week', settings: marketing, errors: [{ messageId: 'missing', part: 'text', line: 1, column: 1 }] },
  ],
});
