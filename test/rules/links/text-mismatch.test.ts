import rule from '../../../src/rules/links/text-mismatch.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule, {
  valid: [
    { html: '<a href="https://www.paypal.com/signin">www.paypal.com</a>' },
    { name: 'subdomain of the shown domain', html: '<a href="https://click.example.com/t/1">example.com</a>' },
    { name: 'sibling subdomain (one registrable domain by the Public Suffix List)', html: '<a href="https://click.example.com/t/1">shop.example.com</a>' },
    { name: 'sibling subdomains under a two-label suffix', html: '<a href="https://news.bbc.co.uk/x">sport.bbc.co.uk</a>' },
    { name: 'words, not a URL', html: '<a href="https://evil.example">Sign in to PayPal</a>' },
    { name: 'file names are not domains', html: '<a href="https://files.example.com/r.pdf">report.pdf</a>' },
    { name: 'email address text', html: '<a href="https://example.com/contact">help@other.com</a>' },
    { name: 'dynamic without samples', html: '<a href="{{url}}">{{url}}</a>' },
    { name: 'an @ in the path or query is not a user name', html: '<a href="https://example.com/u/@anna?to=a@b.example">profile</a>' },
    { name: 'mailto: addresses have an @ by nature', html: '<a href="mailto:help@example.com">help@example.com</a>' },
  ],
  invalid: [
    {
      name: 'a site name as the user name of the address (SpamAssassin HTTP_USERNAME_USED), in HTML and in the text part',
      html: '<p><a href="http://www.bank.example@login.example.net/verify">Sign in</a></p>',
      text: 'Sign in:\nhttp://www.bank.example@login.example.net/verify',
      errors: [
        { messageId: 'userinfo', part: 'html', line: 1, column: 13, evidence: 'www.bank.example@' },
        { messageId: 'userinfo', part: 'text', line: 2, column: 1, evidence: 'www.bank.example@' },
      ],
    },
    {
      name: 'a host written in %-escapes (SpamAssassin HTTP_ESCAPED_HOST)',
      html: '<a href="http://w%77w.%65xample.com/a">Open</a>',
      errors: [{ messageId: 'escaped', line: 1, column: 10, evidence: 'escaped host www.example.com' }],
    },
    { html: '<a href="https://evil.example/login">https://www.paypal.com</a>', errors: [{ messageId: 'mismatch', line: 1, column: 10, severity: 'error', evidence: 'www.paypal.com → evil.example' }] },
    { html: '<a href="http://192.0.2.1/x">Log in at www.mybank.com</a>', errors: [{ messageId: 'mismatch', line: 1, column: 10 }] },
    { name: 'same public suffix is not the same site', html: '<a href="https://attacker.co.uk/x">paypal.co.uk</a>', errors: [{ messageId: 'mismatch', line: 1, column: 10, evidence: 'paypal.co.uk → attacker.co.uk' }] },
    { name: 'private suffixes count (github.io)', html: '<a href="https://evil.github.io/">paypal.github.io</a>', errors: [{ messageId: 'mismatch', line: 1, column: 10, evidence: 'paypal.github.io → evil.github.io' }] },
    { name: 'image alt is not link text, but text next to it is', html: '<a href="https://tracker.example.net/c"><img src="https://x.com/a.png" alt="logo"> amazon.com</a>', errors: [{ messageId: 'mismatch', line: 1, column: 10 }] },
    {
      name: 'both resolved per sample, paired inside {{#each}}',
      html: '{{#each links}}<a href="{{href}}">{{label}}</a>{{/each}}',
      data: { links: [{ href: 'https://a.com', label: 'a.com' }, { href: 'https://evil.net', label: 'bank.com' }] },
      errors: [{ messageId: 'mismatch', line: 1, column: 25, evidence: 'bank.com → evil.net', message: 'data sample #1' }],
    },
  ],
});
