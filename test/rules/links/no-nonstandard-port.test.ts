import rule from '../../../src/rules/links/no-nonstandard-port.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule, {
  valid: [{ html: '<a href="https://example.com:443/x">x</a>' }, { html: '<a href="http://example.com:80/">x</a>' }, { html: '<a href="https://{{host}}/x">x</a>' }],
  invalid: [
    { html: '<a href="https://example.com:8443/x">x</a>', errors: [{ messageId: 'port', line: 1, column: 10, evidence: ':8443' }] },
    { html: '<img src="http://img.example.com:81/a.png" alt="">', errors: [{ messageId: 'port', line: 1, column: 11, message: 'Image URL uses port 81' }] },
  ],
});
