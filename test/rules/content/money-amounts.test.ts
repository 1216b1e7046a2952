import rule from '../../../src/rules/content/money-amounts.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule, {
  valid: [
    { html: '<p>Your total: $49.00 (tax $3.20)</p>' },
    { html: '<p>Total: {{total}}</p>', name: 'amounts from TemplateData are not judged here' },
    { text: '订单金额：¥128' },
    { name: 'a price with a decimal point is not a thousands group', html: '<p>Gas $3.50 a gallon, €1,50 each, R$ 9,90</p>' },
  ],
  invalid: [
    { name: 'millions', html: '<p>Claim\n$2,500,000 today</p>', errors: [{ messageId: 'large', line: 2, column: 1, evidence: 'millions' }] },
    { name: 'written-out units', text: 'Make 50 thousand dollars a month', errors: [{ messageId: 'large', part: 'text', line: 1, column: 6, evidence: 'large amount' }] },
    { name: 'character references read as the reader sees them (EUR&nbsp;25,000)', html: '<p>Win EUR&nbsp;25,000 now</p>', errors: [{ messageId: 'large', line: 1, column: 8, endColumn: 23, evidence: 'large amount' }] },
    {
      name: 'thousands grouped by dots, as Brazil and most of Europe write them (R$ 45.930,21; 12.500 Euro)',
      html: '<p>Você possui\nR$45.930,21 pendentes de saque</p><p>Gewinn: 12.500 Euro</p>',
      text: 'Ganhe 15 mil reais',
      errors: [
        { messageId: 'large', line: 2, column: 1, endColumn: 12, evidence: 'large amount' },
        { messageId: 'large', line: 2, column: 46, evidence: 'large amount' },
        { messageId: 'large', part: 'text', line: 1, column: 7, evidence: 'large amount' },
      ],
    },
    { name: 'Chinese amounts', html: '<p>轻松月入5万元</p>', errors: [{ messageId: 'large', line: 1, column: 8, evidence: 'large amount' }] },
    {
      name: 'many amounts',
      html: '<p>$1 $2 $3 $4 $5 $6 $7 $8 $9</p>',
      errors: [{ messageId: 'many', line: 1, column: 4, evidence: 'many amounts' }],
    },
  ],
});
