import rule from '../../../src/rules/data/render-error.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule, {
  valid: [
    { html: '<p>{{name}}</p>', data: { name: 'a' } },
    { name: 'SendGrid helpers render', html: '{{#equals n 1}}one{{else}}many{{/equals}} {{formatDate d "YYYY"}} {{length xs}}', data: { n: 1, d: '2024-05-01', xs: [] }, settings: { provider: 'sendgrid' } },
    { name: 'custom helper declared in config renders as pass-through', html: '{{upper name}}', data: { name: 'a' }, settings: { helpers: ['upper'] } },
    { name: 'inline partial', html: '{{#*inline "p"}}<b>{{x}}</b>{{/inline}}{{> p}}', data: { x: 1 } },
    { name: 'config partial', html: '{{> footer}}', data: {}, settings: { partials: { footer: '<p>bye</p>' } } },
    { name: 'no data: nothing to render', html: '{{nope x}}' },
  ],
  invalid: [
    {
      name: 'missing helper located at its call',
      html: '<p>\n{{shout name}}</p>',
      data: { name: 'a' },
      errors: [{ messageId: 'failed', part: 'html', line: 2, column: 3, message: 'Missing helper: "shout"' }],
    },
    {
      name: 'a SendGrid helper under the generic provider',
      text: 'x {{#equals a 1}}y{{/equals}}',
      data: [{ a: 1 }, { a: 2 }],
      errors: [{ messageId: 'failed', part: 'text', line: 1, column: 6, message: 'with TemplateData sample #1' }],
    },
    {
      name: 'missing partial',
      html: '{{> header}}',
      data: { a: 1 },
      errors: [{ messageId: 'failed', part: 'html', line: 1, column: 5, message: 'could not be found' }],
    },
  ],
});
