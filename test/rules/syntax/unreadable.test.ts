import rule from '../../../src/rules/syntax/unreadable.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule, {
  valid: [{ html: '<p>Hi</p>' }, { text: 'Your code is {{code}}' }],
  invalid: [
    { name: 'empty html', html: '   \n  ', errors: [{ messageId: 'empty', line: 1, column: 1 }] },
    { name: 'empty text-only template', text: '', errors: [{ messageId: 'empty', part: 'text', line: 1, column: 1 }] },
    {
      name: 'load issue located in the kept prefix',
      source: {
        name: 'x',
        path: 'x.html',
        kind: 'html',
        origin: 'files',
        loadIssues: [{ kind: 'invalid-utf8', part: 'html', path: 'x.html', message: 'invalid byte 0xe9 at byte 12', span: { start: 10, end: 11 }, fileText: '<p>\nhello c\uFFFDfe</p>' }],
      },
      errors: [{ messageId: 'invalid-utf8', line: 2, column: 7 }],
    },
  ],
});
