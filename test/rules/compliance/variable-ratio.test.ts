import rule from '../../../src/rules/compliance/variable-ratio.js';
import { ruleTester } from '../../rule-tester.js';

const tencent = { provider: 'tencent' };
ruleTester(rule, {
  valid: [
    { html: '<p>{{a}} {{b}}</p>', name: 'not Tencent' },
    { html: '<p>Hello {{name}}, your order has shipped today and arrives soon.</p>', settings: tencent },
    { html: '<p>{{#if vip}}Dear customer, thank you for your order with us today.{{/if}}</p>', settings: tencent, name: 'blocks are not variables' },
  ],
  invalid: [
    { name: 'mostly variables', html: '<p>Hi\n{{name}} {{greeting}} {{body}} {{footer}}</p>', settings: tencent, errors: [{ messageId: 'ratio', line: 2, column: 1 }] },
    { name: 'option always, text part', text: '{{a}}：{{b}}', options: { always: true }, errors: [{ messageId: 'ratio', part: 'text', line: 1, column: 1 }] },
  ],
});
