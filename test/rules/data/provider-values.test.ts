import rule from '../../../src/rules/data/provider-values.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule, {
  valid: [
    { html: '{{name}}', data: { name: 'Ada', code: '1234' }, settings: { provider: 'tencent' } },
    { name: 'other providers take any JSON', html: '{{user.name}}', data: { user: { name: '<b>x</b>' }, n: 1 } },
  ],
  invalid: [
    {
      name: 'nested, non-string and HTML values',
      html: '{{name}}',
      data: '{\n  "user": { "name": "Ada" },\n  "count": 3,\n  "note": "<b>hi</b>"\n}',
      settings: { provider: 'tencent' },
      errors: [
        { messageId: 'nested', part: 'data', line: 2, column: 11 },
        { messageId: 'notString', part: 'data', line: 3, column: 12, message: 'Send it as "3"' },
        { messageId: 'html', part: 'data', line: 4, column: 11 },
      ],
    },
  ],
});
