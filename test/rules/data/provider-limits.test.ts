import rule from '../../../src/rules/data/provider-limits.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule, {
  valid: [
    { html: '{{a}}', data: { a: 'x'.repeat(700) }, settings: { provider: 'tencent' } },
    { name: 'generic has no limits here', html: '{{a}}', data: { a: 'x'.repeat(5000) } },
    { name: 'aws small', html: '{{a}}', data: { a: 'x' }, settings: { provider: 'aws' } },
  ],
  invalid: [
    {
      name: 'tencent: 800 bytes per recipient, counted in UTF-8',
      html: '{{a}}',
      data: [{ a: 'ok' }, { a: '优'.repeat(300) }],
      settings: { provider: 'tencent' },
      errors: [{ messageId: 'tencentData', part: 'data', line: 5, column: 3, message: 'TemplateData sample #2 is 908 bytes' }],
    },
    {
      name: 'aws: template over 500 KB and TemplateData over 262,144 characters',
      html: '<p>{{a}}</p>' + 'x'.repeat(520 * 1024),
      data: { a: 'y'.repeat(270_000) },
      settings: { provider: 'aws' },
      errors: [
        { messageId: 'awsTemplate', part: 'html', line: 1, column: 1 },
        { messageId: 'awsData', part: 'data', line: 1, column: 1 },
      ],
    },
    { name: 'options lower the limit', html: '{{a}}', data: { a: 'abcdef' }, settings: { provider: 'tencent' }, options: { tencentDataBytes: 10 }, errors: [{ messageId: 'tencentData', line: 1, column: 1 }] },
  ],
});
