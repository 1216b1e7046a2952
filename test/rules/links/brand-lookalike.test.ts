import rule from '../../../src/rules/links/brand-lookalike.js';
import { ruleTester } from '../../rule-tester.js';

const brands = [
  { brand: 'PayPal', names: ['paypal'], stems: ['paypal'], domains: ['paypal.com', 'paypalobjects.com'] },
  { brand: 'Apple', names: ['apple', 'icloud'], stems: ['icloud'], domains: ['apple.com', 'icloud.com'] },
  { brand: 'UPS', names: ['ups'], domains: ['ups.com'] },
];
const lists = { brands };

ruleTester(rule, {
  valid: [
    { name: "the brand's own domains and their subdomains", html: '<a href="https://www.paypal.com/signin">PayPal</a> <a href="https://t.paypalobjects.com/x">x</a> <a href="https://support.apple.com/">Apple</a>', lists },
    { name: 'a name inside a word is not the name: pineapple, groups', html: '<a href="https://pineapple.com/">Fruit</a> <a href="https://groups.io/g">Group</a>', lists },
    { name: 'a mail service that gives customers subdomains (options.ignore)', html: '<a href="https://paypal.sendgrid.net/ls/click">Open</a>', lists },
    { name: 'IP hosts are links/no-ip-host', html: '<a href="http://192.0.2.7/paypal">x</a>', lists },
    { name: 'the list is data: no list, no findings', html: '<a href="https://paypal-login.com/">x</a>' },
    { name: 'a dynamic host without samples', html: '<a href="https://{{host}}/x">x</a>', lists },
  ],
  invalid: [
    {
      name: 'a brand name as a part of a foreign host, and a coined stem at the start of a part',
      html: '<p>Dear member,</p>\n<a href="https://paypal-secure-login.com/verify">Verify</a> <a href="https://icloudsupport.net/">Unlock</a>',
      lists,
      errors: [
        { messageId: 'lookalike', line: 2, column: 10, evidence: 'paypal-secure-login.com', message: 'names PayPal but is not one of PayPal' },
        { messageId: 'lookalike', line: 2, column: 70, evidence: 'icloudsupport.net', message: 'names Apple' },
      ],
    },
    { name: "the brand's domain as a subdomain of another", html: '<a href="http://paypal.com.login-user2456.info/cgi-bin/webscr">Log in</a>', lists, errors: [{ messageId: 'lookalike', line: 1, column: 10, evidence: 'paypal.com.login-user2456.info' }] },
    { name: 'text part', html: '<p>x</p>', text: 'Track your parcel:\nhttps://ups-tracking.info/p/1', lists, errors: [{ messageId: 'lookalike', part: 'text', line: 2, column: 1, evidence: 'ups-tracking.info' }] },
    { name: 'resolved from a TemplateData sample', html: '<a href="{{link}}">Pay</a>', data: [{ link: 'https://www.paypal.com/pay' }, { link: 'https://apple-id-verify.com/' }], lists, errors: [{ messageId: 'lookalike', line: 1, column: 10, message: 'data sample #2' }] },
  ],
});
