import rule from '../../../src/rules/links/require-https.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule, {
  valid: [{ html: '<a href="https://x.com">x</a>' }, { html: '<a href="{{url}}">x</a>' }, { text: 'See https://x.com/a' }, { html: '<img src="http://x.com/a.png" alt="">' }],
  invalid: [
    { html: '<a href="http://x.com/a">x</a>', errors: [{ messageId: 'http', line: 1, column: 10, evidence: 'http://x.com/a' }], output: '<a href="https://x.com/a">x</a>' },
    { html: '<a href="http://{{host}}/a">x</a>', errors: [{ messageId: 'http', line: 1, column: 10 }], output: '<a href="https://{{host}}/a">x</a>' },
    { text: 'Hello,\nsee http://x.com/a.', errors: [{ messageId: 'http', part: 'text', line: 2, column: 5, evidence: 'http://x.com/a' }], output: 'Hello,\nsee https://x.com/a.' },
    { html: '<a href="{{u}}">x</a>', data: [{ u: 'http://a.com' }, { u: 'http://a.com' }], errors: [{ messageId: 'http', line: 1, column: 10, message: 'data samples #1, #2' }] },
  ],
});
