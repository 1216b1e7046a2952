import rule from '../../../src/rules/data/unknown-helper.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule, {
  valid: [
    { html: '{{#if a}}{{lookup map key}}{{/if}}{{#each xs}}{{this}}{{/each}}{{#with u}}{{n}}{{/with}}{{log a}}' },
    { name: 'custom helpers from settings', html: '{{money total}}', settings: { helpers: ['money'] } },
    { name: 'SendGrid set on sendgrid', html: '{{#greaterThan n 1}}x{{/greaterThan}}{{insert name "default=you"}}', settings: { provider: 'sendgrid' } },
  ],
  invalid: [
    {
      name: 'typo with did-you-mean',
      html: '<p>\n{{#unles a}}x{{/unles}}</p>',
      errors: [{ messageId: 'unknown', line: 2, column: 4, message: "Did you mean 'unless'?" }],
    },
    {
      name: 'with/lookup are not in SendGrid\'s set',
      html: '{{#with user}}{{name}}{{/with}}',
      settings: { provider: 'sendgrid' },
      errors: [{ messageId: 'unknown', line: 1, column: 4, message: 'for sendgrid' }],
    },
    {
      name: 'SendGrid helper on AWS',
      subject: 'Hi {{formatDate d "YYYY"}}',
      html: '<p>x</p>',
      settings: { provider: 'aws' },
      errors: [{ messageId: 'unknown', part: 'subject', line: 2, column: 20, message: 'is a SendGrid helper' }],
    },
    {
      name: 'in a sub-expression, with a provider',
      text: '{{#if (isVip user)}}VIP{{/if}}',
      settings: { provider: 'aws' },
      errors: [{ messageId: 'unknown', part: 'text', line: 1, column: 8 }],
    },
    {
      name: 'no provider: a helper of the sender\'s own renderer (Bitwarden\'s {{usd}}) is advice, not a failed render',
      html: '<p>Credit:\n{{usd amount}} added. {{#link "Log in" url}}{{/link}}</p>',
      errors: [
        { messageId: 'unknownOwn', line: 2, column: 3, message: 'settings.helpers' },
        { messageId: 'unknownOwn', line: 2, column: 26 },
      ],
    },
    {
      name: 'no provider: a near miss of a built-in is still a typo',
      html: '{{#iff a}}x{{/iff}}',
      errors: [{ messageId: 'unknown', line: 1, column: 4, message: "Did you mean 'if'?" }],
    },
  ],
});
