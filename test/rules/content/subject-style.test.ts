import rule from '../../../src/rules/content/subject-style.js';
import { ruleTester } from '../../rule-tester.js';

// Subjects live in <name>.meta.json as {"subject": "..."} (line 2, the value starts at column 15).
ruleTester(rule, {
  valid: [
    { subject: 'Your receipt from Acme' },
    { subject: 'Welcome aboard!' },
    { subject: 'NASA and USA news' , name: 'short acronyms are not shouting' },
    { subject: 'Order {{ORDER_ID}} shipped 📦', name: 'one emoji; expressions are not letters' },
    { subject: 'Report: Q3 results', name: 'a colon is not a reply prefix' },
    { html: '<p>No subject part at all</p>' },
  ],
  invalid: [
    { name: 'all caps', subject: 'FINAL NOTICE ABOUT YOUR ACCOUNT', errors: [{ messageId: 'allCaps', part: 'subject', line: 2, column: 15 }] },
    { name: 'repeated exclamation marks', subject: 'Big news!!!', errors: [{ messageId: 'exclamations', part: 'subject', line: 2, column: 23, endColumn: 26 }] },
    { name: 'dollar signs', subject: 'Earn $$$ today', errors: [{ messageId: 'dollars', part: 'subject', line: 2, column: 20 }] },
    { name: 'many emoji', subject: 'Sale 🔥🔥🔥 now', errors: [{ messageId: 'emoji', part: 'subject', line: 2, column: 20 }] },
    { name: 'fake reply prefix', subject: 'RE: your invoice', errors: [{ messageId: 'fakeReply', part: 'subject', line: 2, column: 15, endColumn: 18 }] },
    { name: 'Chinese forward prefix', subject: '转发：优惠信息', errors: [{ messageId: 'fakeReply', part: 'subject', line: 2, column: 15 }] },
    {
      name: 'the rendered subject shouts through TemplateData',
      subject: '{{headline}}',
      data: { headline: 'FREE MONEY INSIDE NOW' },
      errors: [{ messageId: 'allCaps', part: 'subject', line: 2, column: 15, message: 'rendered with sample 1' }],
    },
  ],
});
