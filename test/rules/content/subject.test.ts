import type { TemplateSource } from '../../../src/core/source.js';
import { subjectMissing, subjectLength } from '../../../src/rules/content/subject.js';
import { ruleTester } from '../../rule-tester.js';

const aws = (html: string): TemplateSource => ({ name: 'reset', path: 'reset.json', kind: 'html', origin: 'aws', html: { part: 'html', path: 'reset.json', text: html } });
const tencent = (html: string): TemplateSource => ({ name: 'verify', path: 'verify.json', kind: 'html', origin: 'tencent', html: { part: 'html', path: 'verify.json#TemplateContent.Html', text: html } });

ruleTester(subjectMissing, {
  valid: [
    { html: 'x', subject: 'Your receipt' },
    // The subject is given at send time: Tencent templates and plain files without a meta subject.
    { name: 'plain file without meta', html: '<p>x</p>' },
    { name: 'meta without a subject', html: '<p>x</p>', meta: { category: 'transactional' } },
    { name: 'Tencent template', source: tencent('<p>您的验证码是 {{code}}</p>') },
  ],
  invalid: [
    { name: 'AWS template without SubjectPart', source: aws('<p>x</p>'), errors: [{ messageId: 'missing', part: 'html', line: 1, column: 1 }] },
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
