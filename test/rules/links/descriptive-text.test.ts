import rule from '../../../src/rules/links/descriptive-text.js';
import { ruleTester } from '../../rule-tester.js';

const lists = { vagueLinkText: ['click here', 'here', 'read more', '点击这里'] };

ruleTester(rule, {
  valid: [
    { html: '<a href="https://x.com/invoice">View your invoice</a>', lists },
    { html: '<a href="https://x.com"><img src="https://x.com/l.png" alt="Acme home page"></a>', lists },
    { html: '<a href="https://x.com">Click here to reset your password</a>', lists },
  ],
  invalid: [
    { html: '<p>To pay, <a href="https://x.com/pay"> Click HERE » </a></p>', lists, errors: [{ messageId: 'vague', line: 1, column: 41, evidence: 'click here' }] },
    { html: '<a href="https://x.com/pay">点击这里</a>', lists, errors: [{ messageId: 'vague', line: 1, column: 29 }] },
    { html: '<a href="https://x.com/pay"></a>', lists, errors: [{ messageId: 'noText', line: 1, column: 10 }] },
    { html: '<a href="https://x.com/pay"><img src="https://x.com/b.png" alt=""></a>', lists, errors: [{ messageId: 'noText', line: 1, column: 10, message: 'alt text' }] },
  ],
});
