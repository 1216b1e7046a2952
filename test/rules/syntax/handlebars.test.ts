import rule from '../../../src/rules/syntax/handlebars.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule, {
  valid: [
    { html: '<p>Hello {{name}}</p>{{#each items}}<li>{{this}}</li>{{/each}}' },
    { html: '{{#if a}}x{{else if b}}y{{else}}z{{/if}}' },
    { html: '\\{{not a mustache}} and {{!-- a {{comment}} --}}' },
    { text: 'Code: {{code}}', subject: 'Your code {{code}}' },
    { html: '<a href="{{url}}" title="{{t "}}"}}">x</a>' },
  ],
  invalid: [
    {
      name: 'unclosed block reported at its opening tag, not at end of file',
      html: '<p>a</p>\n  {{#each items}}\n<li>{{name}}</li>\n',
      errors: [{ messageId: 'unclosed', part: 'html', line: 2, column: 3, endColumn: 18 }],
    },
    {
      name: 'mismatched close names both blocks',
      html: '{{#if a}}\n{{#each xs}}\n{{/if}}',
      errors: [{ messageId: 'mismatch', line: 3, column: 1, message: "does not match the open block '{{#each}}' (line 2)" }],
    },
    { name: 'close without open', html: 'a {{/if}}', errors: [{ messageId: 'unopened', line: 1, column: 3 }] },
    { name: 'unterminated mustache', html: '<p>{{name</p>', errors: [{ messageId: 'unterminated', line: 1, column: 4 }] },
    {
      name: 'parser error located at the token',
      html: 'line one\nx {{foo bar=}} y',
      errors: [{ messageId: 'parse', line: 2, column: 12 }],
    },
    { name: 'subject part', subject: 'Hi {{#if vip}}VIP', errors: [{ messageId: 'unclosed', part: 'subject', line: 2, column: 18 }] },
    {
      name: 'deep nesting stops parsing with one finding',
      html: '{{#if a}}'.repeat(150) + 'x' + '{{/if}}'.repeat(150),
      errors: [{ messageId: 'tooDeep', line: 1, column: 901 }],
    },
  ],
});
