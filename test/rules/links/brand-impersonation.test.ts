import rule from '../../../src/rules/links/brand-impersonation.js';
import { ruleTester } from '../../rule-tester.js';

const brands = [
  { brand: 'PayPal', names: ['paypal'], stems: ['paypal'], domains: ['paypal.com', 'paypalobjects.com'] },
  { brand: 'Apple', names: ['apple', 'icloud'], stems: ['icloud'], domains: ['apple.com', 'icloud.com'], text: ['Apple ID'] },
  { brand: 'Facebook', names: ['facebook'], domains: ['facebook.com'] },
  { brand: 'Alibaba', names: ['alipay'], domains: ['alipay.com'], text: ['支付宝'] },
];
const lists = { brands };

ruleTester(rule, {
  valid: [
    { name: "the brand's own mail links to its own domains", html: '<p>Dear PayPal member,</p><a href="https://www.paypal.com/signin">Sign in</a> <a href="https://t.paypalobjects.com/x">x</a>', lists },
    { name: 'a brand named in passing is not the identity of the mail', html: '<p>Pay with PayPal or card at checkout.</p><a href="https://shop.example.com/cart">Your cart</a>', lists },
    { name: "another listed brand's domain (a social footer link) does not count", html: '<p>Your Apple ID was used to sign in.</p><a href="https://www.apple.com/account">Review</a> <a href="https://www.facebook.com/apple">Follow</a>', lists },
    { name: 'a click-tracking service (options.ignore)', html: '<p>Dear PayPal customer,</p><a href="https://u1.ct.sendgrid.net/ls/click?x">Open</a>', lists },
    { name: 'no link at all', html: '<p>Your PayPal account is limited. Read the attached form.</p>', lists },
    { name: 'a dynamic link host without samples', html: '<p>Dear PayPal member,</p><a href="{{link}}">Open</a>', lists },
    { name: 'a subject naming a brand without an account cue', subject: 'Our PayPal checkout is live', html: '<a href="https://shop.example.com/">Shop</a>', lists },
    { name: 'the list is data: no list, no findings', html: '<p>Dear PayPal member,</p><a href="https://evil.example.net/">x</a>' },
  ],
  invalid: [
    {
      name: 'a salutation as the brand, a link elsewhere',
      html: '<p>Dear PayPal member,</p>\n<p>Please <a href="http://secure-check.example.net/login">confirm</a>.</p>',
      lists,
      errors: [{ messageId: 'impersonation', line: 1, column: 4, evidence: 'PayPal → secure-check.example.net', message: '"Dear PayPal member" speaks as PayPal' }],
    },
    {
      name: 'the brand owned by the reader, an IP link beside a real brand link',
      html: '<img src="https://www.paypal.com/logo.png" alt="PayPal">\n<p>We limited your PayPal account.</p>\n<a href="https://www.paypal.com/">PayPal</a> <a href="http://192.0.2.7/verify">Verify</a>',
      lists,
      errors: [{ messageId: 'impersonation', line: 2, column: 15, evidence: 'PayPal → 192.0.2.7' }],
    },
    { name: 'text names (Apple ID) and the text part', html: '<p>x</p>', text: 'Hello,\nyour Apple ID password expires today.\nhttps://appleid-renew.example.org/', lists, errors: [{ messageId: 'impersonation', part: 'text', line: 2, column: 1, evidence: 'Apple → appleid-renew.example.org' }] },
    { name: 'a subject with an account cue', subject: 'PayPal: unusual sign-in activity', html: '<a href="https://secure.example.net/">Review</a>', lists, errors: [{ messageId: 'impersonation', part: 'subject', line: 2, column: 15, evidence: 'PayPal → secure.example.net' }] },
    {
      name: 'read through character references',
      html: '<p>Dear P&#97;yPal member,</p>\n<a href="https://limits.example.net/">Restore</a>',
      lists,
      errors: [{ messageId: 'impersonation', line: 1, column: 4, endColumn: 26, message: '"Dear P&#97;yPal member" speaks as PayPal' }],
    },
    {
      name: 'read through look-alike letters (Cyrillic Р and а)',
      html: '<p>Your \u0420\u0430yPal account is limited.</p>\n<a href="https://limits.example.net/">Restore</a>',
      lists,
      errors: [{ messageId: 'impersonation', line: 1, column: 4, endColumn: 23, evidence: 'PayPal → limits.example.net' }],
    },
    { name: 'Chinese: 尊敬的支付宝用户', html: '<p>尊敬的支付宝用户：</p><p>请<a href="http://verify.example.cn/x">验证</a>。</p>', lists, errors: [{ messageId: 'impersonation', line: 1, column: 4, evidence: 'Alibaba → verify.example.cn' }] },
    { name: 'resolved from a TemplateData sample', html: '<p>Dear PayPal customer,</p><a href="{{link}}">Open</a>', data: [{ link: 'https://www.paypal.com/x' }, { link: 'https://paypal.example.net/x' }], lists, errors: [{ messageId: 'impersonation', line: 1, column: 4, evidence: 'PayPal → paypal.example.net' }] },
  ],
});
