import rule from '../../../src/rules/syntax/invalid-meta.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule, {
  valid: [{ html: 'x', meta: { subject: 'Hi', category: 'marketing', locale: 'zh-CN', provider: 'tencent' } }, { html: 'x', meta: { subject: 'Hi', custom: 1 } }],
  invalid: [
    { html: 'x', meta: '{\n  "subject": "Hi",\n  "category": "promo"\n}', errors: [{ messageId: 'invalid', part: 'meta', line: 3, column: 15, evidence: 'category' }] },
    { html: 'x', meta: '{ "subject": 42 }', errors: [{ messageId: 'invalid', part: 'meta', line: 1, column: 14 }] },
    { html: 'x', meta: '[1, 2]', errors: [{ messageId: 'notObject', part: 'meta', line: 1, column: 1 }] },
  ],
});
