import rule from '../../../src/rules/compliance/min-length.js';
import { ruleTester } from '../../rule-tester.js';

const tencent = { provider: 'tencent' };
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}x`).join(' ');
ruleTester(rule, {
  valid: [
    { html: '<body><p>Hi</p></body>', name: 'not Tencent: not checked' },
    { html: `<body><p>${words(60)}</p></body>`, settings: tencent },
    { html: `<body><p>${words(160)}</p></body>`, settings: { ...tencent, category: 'marketing' } },
    { html: `<body><p>${'您的订单已发货，请注意查收。'.repeat(6)}</p></body>`, settings: tencent, name: 'Chinese counted in words (Intl.Segmenter): 54 words' },
  ],
  invalid: [
    { name: 'short transactional', html: '<html>\n<body><p>Your code is {{code}}</p></body></html>', settings: tencent, errors: [{ messageId: 'short', line: 2, column: 1, message: '3 words' }] },
    { name: 'marketing needs 150', html: `<body><p>${words(80)}</p></body>`, settings: { ...tencent, category: 'marketing' }, errors: [{ messageId: 'short', line: 1, column: 1 }] },
    { name: 'text part, option always', text: '验证码：{{code}}', options: { always: true }, errors: [{ messageId: 'short', part: 'text', line: 1, column: 1, message: 'has 2 words' }] },
    {
      name: 'Chinese: 60 characters are 45 words, fewer than 50',
      html: `<body><p>${'您的订单已发货，请注意查收。'.repeat(5)}</p></body>`,
      settings: tencent,
      errors: [{ messageId: 'short', line: 1, column: 1, message: 'has 45 words' }],
    },
  ],
});
