import { subjectMissing, subjectLength } from '../../../src/rules/content/subject.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(subjectMissing, {
  valid: [{ html: 'x', subject: 'Your receipt' }],
  invalid: [
    { html: '<p>x</p>', errors: [{ messageId: 'missing', part: 'html', line: 1, column: 1 }] },
    { html: 'x', meta: '{\n  "subject": "  "\n}', errors: [{ messageId: 'empty', part: 'subject', line: 2, column: 15 }] },
  ],
});

ruleTester(subjectLength, {
  valid: [{ html: 'x', subject: 'a'.repeat(100) }, { name: 'code points, not UTF-16 units', html: 'x', subject: '😀'.repeat(100) }],
  invalid: [
    { html: 'x', subject: 'a'.repeat(101), errors: [{ messageId: 'long', part: 'subject', line: 2, column: 115, evidence: '101' }] },
    { html: 'x', subject: 'Hello there', options: { max: 5 }, errors: [{ messageId: 'long', part: 'subject', line: 2, column: 20 }] },
  ],
});
