import rule from '../../../src/rules/content/shouting.js';
import { ruleTester } from '../../rule-tester.js';

const calm = 'We have updated the terms of service for your account. Nothing changes for you today, and you can read the new terms at any time.';
ruleTester(rule, {
  valid: [
    { html: `<p>${calm}</p>` },
    { html: `<h1>WELCOME</h1><p>${calm}</p>`, name: 'a heading in caps among normal text' },
    { html: '<p>Thanks!</p><p>See you soon!</p>', name: 'two single exclamation marks in a short text are fine' },
    { text: `${calm} Great!` },
    { name: 'one line of capitals is not yelling', text: `${calm}\nREAD THE NEW TERMS BEFORE FRIDAY\n${calm}` },
    { name: 'entity names are not letters: &nbsp; between calm words changes nothing', html: `<p>${calm.replace(/ /g, '&nbsp;')}</p>` },
    { name: 'capital lines with small letters are not yelling', text: `${calm}\nREAD THE NEW TERMS before FRIDAY\nTHIS IS NOT YELLING either\n${calm}` },
    {
      name: 'a shipping address in capitals, as USPS Publication 28 asks, is not yelling',
      html: `<p>${calm}</p>\n<p>Ship to: JANE Q SMITH</p>\n<p>1415 VANTAGE PARK DR STE 700</p>\n<p>CHARLOTTE NC 28277-4012</p>`,
    },
  ],
  invalid: [
    {
      name: 'body mostly in capitals',
      html: '<p>Hello,</p>\n<p>THIS IS THE BEST OFFER YOU WILL EVER SEE IN YOUR WHOLE LIFE, DO NOT MISS IT</p>',
      errors: [{ messageId: 'caps', line: 2, column: 4, evidence: 'caps 75-100%' }],
    },
    {
      // `&nbsp;` is a space to the reader, not the small letters n-b-s-p (which used to pull the share down).
      name: 'capitals joined by &nbsp; are still all capitals',
      html: '<p>BUY&nbsp;OUR&nbsp;AMAZING&nbsp;PRODUCTS&nbsp;TODAY&nbsp;AND&nbsp;SAVE&nbsp;ON&nbsp;EVERY&nbsp;ORDER&nbsp;YOU&nbsp;PLACE&nbsp;THIS&nbsp;WEEK</p>',
      errors: [{ messageId: 'caps', line: 1, column: 22, evidence: 'caps 75-100%' }],
    },
    {
      name: 'lines of yelling written with &nbsp; and a numeric reference',
      html: `<p>${calm} ${calm}</p>\n<p>ACT&nbsp;NOW&nbsp;BEFORE&nbsp;IT&nbsp;ENDS</p>\n<p>LIMITED&nbsp;STOCK&nbsp;FOR&nbsp;VIP&nbsp;BUYER&#83;</p>`,
      errors: [{ messageId: 'yelling', line: 2, column: 4, endColumn: 46 }],
    },
    { name: 'exclamation marks written as references', html: `<p>${calm}</p><p>Wow&#33;&#33;</p>`, errors: [{ messageId: 'bangs', line: 1, column: 143, endColumn: 153 }] },
    { name: 'runs of exclamation marks', html: `<p>${calm}</p><p>Wow!!</p>`, errors: [{ messageId: 'bangs', line: 1, column: 143 }] },
    {
      name: 'lines of yelling (CRLF, indented), at the first one',
      text: `${calm} ${calm}\r\n   ACT NOW BEFORE IT ENDS   \r\nLIMITED STOCK FOR VIP BUYERS\r\n${calm}`,
      errors: [{ messageId: 'yelling', part: 'text', line: 2, column: 4, endLine: 2, endColumn: 26 }],
    },
    {
      name: 'lines of yelling beside an address in capitals: the address lines are not counted, the others are',
      html: `<p>${calm}</p>\n<p>1415 VANTAGE PARK DR STE 700</p>\n<p>ACT NOW BEFORE IT ENDS</p>\n<p>LIMITED STOCK FOR VIP BUYERS</p>`,
      errors: [{ messageId: 'yelling', line: 3, column: 4, endColumn: 26 }],
    },
    {
      name: 'exclamation density in the text part',
      text: 'Great! New! Fast! Cheap! Now!',
      errors: [{ messageId: 'density', part: 'text', line: 1, column: 6 }],
    },
  ],
});
