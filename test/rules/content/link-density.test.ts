import rule from '../../../src/rules/content/link-density.js';
import { ruleTester } from '../../rule-tester.js';

const para = '<p>We shipped a new version of the dashboard this week, with faster reports, a calendar view and export to spreadsheets for every plan.</p>';
ruleTester(rule, {
  valid: [
    { html: `${para}<a href="https://example.com/a">Read more</a>` },
    { html: `${para}${para}<a href="https://e.com/1">One</a> <a href="https://e.com/2">Two</a> <a href="https://e.com/3">Three</a> <a href="https://e.com/4">Four</a>` },
    { html: '<p>Reset your password: <a href="{{url}}">reset</a></p>', name: 'a short transactional mail with one link' },
  ],
  invalid: [
    {
      name: 'links with almost no text',
      html: '<p>Deals:</p>\n<a href="https://a.example/1">one</a> <a href="https://a.example/2">two</a> <a href="https://a.example/3">three</a> <a href="https://a.example/4">four</a>',
      errors: [{ messageId: 'perLink', line: 2, column: 1, evidence: 'words per link' }],
    },
    {
      name: 'most of the text is link text',
      html: '<p>See <a href="https://a.example/1">the best deals on cheap flights to anywhere in the world</a> and <a href="https://a.example/2">hotel rooms at the lowest prices ever seen online today</a>, <a href="https://a.example/3">car rentals for every budget and every single destination</a>, <a href="https://a.example/4">cruises and package holidays with huge discounts for everyone</a>.</p>',
      errors: [{ messageId: 'share', line: 1, column: 8, evidence: 'linked share' }],
    },
    {
      name: 'a near-empty body with a literal link (option)',
      text: 'Please visit http://prank.example now',
      options: { shortBodyWords: 25 },
      errors: [{ messageId: 'shortWithLink', part: 'text', line: 1, column: 14 }],
    },
  ],
});
