import rule from '../../../src/rules/accessibility/html-lang.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule, {
  valid: [{ html: '<html lang="en"><body></body></html>' }, { html: '<p>fragment</p>' }, { mjml: '<mjml lang="zh-CN"><mj-body></mj-body></mjml>' }, { html: '<html lang="{{locale}}"></html>' }],
  invalid: [
    { html: '<!doctype html>\n<html>\n<body></body></html>', errors: [{ messageId: 'missing', line: 2, column: 1 }] },
    { html: '<html lang="">', errors: [{ messageId: 'empty', line: 1, column: 13 }] },
    { mjml: '<mjml><mj-body></mj-body></mjml>', meta: { subject: 'x', locale: 'zh-CN' }, errors: [{ messageId: 'missing', line: 1, column: 1, message: 'lang="zh-CN"' }] },
  ],
});
