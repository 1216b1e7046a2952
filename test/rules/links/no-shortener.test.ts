import rule from '../../../src/rules/links/no-shortener.js';
import { ruleTester } from '../../rule-tester.js';

const lists = { shorteners: ['bit.ly', 't.co', '.page.link', 't.cn'] };

ruleTester(rule, {
  valid: [
    { html: '<a href="https://example.com/x">Shop</a>', lists },
    { html: '<a href="https://notbit.ly/x">Shop</a>', lists },
    { name: 'the list is data: no list, no findings', html: '<a href="https://bit.ly/x">Shop</a>' },
    { name: 'dynamic host without samples', html: '<a href="{{link}}">Shop</a>', lists },
  ],
  invalid: [
    { html: '<a href="https://bit.ly/3xYz">Shop</a>', lists, errors: [{ messageId: 'shortener', line: 1, column: 10, evidence: 'bit.ly' }] },
    { html: '<a href="https://www.BIT.ly/3xYz">Shop</a>', lists, errors: [{ messageId: 'shortener', line: 1, column: 10 }] },
    { name: 'subdomain entry', html: '<a href="https://shop.page.link/a">Shop</a>', lists, errors: [{ messageId: 'shortener', line: 1, column: 10, evidence: 'shop.page.link' }] },
    { name: 'text part', html: '<p>x</p>', text: 'Track it:\nhttps://t.cn/A6x', lists, errors: [{ messageId: 'shortener', part: 'text', line: 2, column: 1 }] },
    { name: 'resolved from a sample', html: '<a href="{{link}}">Shop</a>', data: [{ link: 'https://example.com' }, { link: 'https://t.co/abc' }], lists, errors: [{ messageId: 'shortener', line: 1, column: 10, message: 'data sample #2' }] },
  ],
});
