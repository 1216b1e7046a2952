import rule from '../../../src/rules/links/no-ip-host.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule, {
  valid: [
    { html: '<a href="https://example.com/1.2.3.4">x</a>' },
    { html: '<a href="https://1password.com">x</a>' },
    { html: '<a href="mailto:a@[192.0.2.1]">x</a>' },
  ],
  invalid: [
    { html: '<a href="http://192.0.2.10/login">x</a>', errors: [{ messageId: 'ip', line: 1, column: 10, evidence: '192.0.2.10' }] },
    { name: 'decimal IPv4 normalised', html: '<a href="http://3232235777/">x</a>', errors: [{ messageId: 'ip', line: 1, column: 10, evidence: '192.168.1.1', message: 'written as 3232235777' }] },
    { name: 'hex IPv4 and private range', html: '<a href="http://0x7f.0.0.1/">x</a>', errors: [{ messageId: 'ip', line: 1, column: 10, evidence: '127.0.0.1', message: 'loopback' }] },
    { name: 'IPv6 image', html: '<img src="https://[2001:db8::1]/a.png" alt="">', errors: [{ messageId: 'ip', line: 1, column: 11, message: 'Image URL' }] },
    { name: 'text part', text: 'Go to http://203.0.113.9:8080/x now', errors: [{ messageId: 'ip', part: 'text', line: 1, column: 7 }] },
    {
      name: 'an IPv4 written in %-escapes, port too (invalid to the URL standard, read as filters decode it)',
      html: '<area href="http://%31%39%32%2E%30%2E%32%2E%31:%38%30/x" shape="rect">',
      errors: [{ messageId: 'ip', line: 1, column: 13, evidence: '192.0.2.1', message: 'written as %31%39%32%2e%30%2e%32%2e%31' }],
    },
    { name: 'static host of a dynamic URL', html: '<a href="http://10.1.2.3/u/{{id}}">x</a>', errors: [{ messageId: 'ip', line: 1, column: 10, message: 'private address' }] },
  ],
});
