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
    { name: 'loops within the budget', html: '{{#each a}}{{#each ../a}}{{this}}{{/each}}{{/each}}', data: { a: Array.from({ length: 100 }, (_, i) => i) } },
    { name: 'a missing helper called by name is data/unknown-helper\'s finding', html: '{{shout name}}', data: { name: 'a' } },
  ],
  invalid: [
    {
      name: 'built-in helper misuse fails at render time; located at the sample',
      html: '<p>{{#if a b}}x{{/if}}</p>',
      data: '{\n  "a": 1,\n  "b": 2\n}',
      errors: [{ messageId: 'failed', part: 'data', line: 1, column: 1, message: '#if requires exactly one argument' }],
    },
    {
      name: 'dynamic partial named by the data, in sample #2 only',
      text: '{{> (lookup . "which")}}',
      data: [{ which: 'known' }, { which: 'nope' }],
      settings: { partials: { known: 'k' } },
      errors: [{ messageId: 'failed', part: 'data', line: 5, column: 3, message: 'text part with TemplateData sample #2 fails: The partial nope could not be found' }],
    },
    {
      name: 'render bomb: nested loops over one list stop at the step budget',
      html: '{{#each a}}{{#each ../a}}{{#each ../../a}}{{#each ../../../a}}{{this}}{{/each}}{{/each}}{{/each}}{{/each}}',
      data: { a: Array.from({ length: 200 }, (_, i) => i) },
      errors: [{ messageId: 'budget', part: 'data', line: 1, column: 1, message: 'more than 100000 steps' }],
    },
    {
      name: 'output budget from settings.limits',
      text: '{{#each a}}{{../s}}{{/each}}',
      data: { a: [1, 2, 3], s: 'x'.repeat(100) },
      settings: { limits: { renderOutput: 250 } },
      errors: [{ messageId: 'budget', part: 'data', line: 1, column: 1, message: 'more than 250 characters' }],
    },
    {
      name: 'a partial that includes itself',
      text: '{{> self}}',
      data: { a: 1 },
      settings: { partials: { self: 'x{{> self}}' } },
      errors: [{ messageId: 'budget', part: 'data', line: 1, column: 1, message: 'nests too deeply' }],
    },
  ],
});
