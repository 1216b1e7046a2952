import rule from '../../../src/rules/data/unescaped-output.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule, {
  valid: [
    { html: '<p>{{name}}</p>' },
    { name: 'raw in the text part is not HTML', html: '<p>x</p>', text: '{{{name}}}' },
  ],
  invalid: [
    { html: '<p>\n  {{{bio}}}</p>', errors: [{ messageId: 'raw', line: 2, column: 3, endColumn: 12, evidence: 'bio', suggestions: [{ title: 'Escape: {{bio}}', output: '<p>\n  {{bio}}</p>' }] }] },
    { name: 'ampersand form', html: '<div>{{& user.note}}</div>', errors: [{ messageId: 'raw', line: 1, column: 6, evidence: 'user.note', suggestions: [{ output: '<div>{{user.note}}</div>' }] }] },
  ],
});
