import rule from '../../../src/rules/content/text-html-mismatch.js';
import { ruleTester } from '../../rule-tester.js';

const words = 'Your monthly statement for September is ready. Review recent transactions, download the invoice, and update your payment details before the next billing date to avoid service interruption for your team members.';
ruleTester(rule, {
  valid: [
    { html: `<p>${words}</p>`, text: words },
    { html: `<p>${words}</p>`, text: words.split(' ').slice(0, 25).join(' '), name: 'a shorter text part with the same content' },
    { html: '<p>Short note</p>', text: 'Something else', name: 'too few words to compare' },
    { html: `<p>${words}</p>`, name: 'no text part (content/missing-text-part reports that)' },
  ],
  invalid: [
    {
      name: 'the text part says something else',
      html: `<p>${words}</p>`,
      text: 'Cheap watches and pills, visit our shop today for great prices on replica goods of every kind.',
      errors: [{ messageId: 'differs', part: 'text', line: 1, column: 1 }],
    },
  ],
});
