import rule from '../../../src/rules/html/require-title.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule, {
  valid: [
    { html: '<html lang="en"><head><title>Receipt</title></head><body>x</body></html>' },
    { name: 'title from a variable', html: '<html><head><title>{{subject}}</title></head></html>' },
    { name: 'fragment', html: '<table><tr><td>x</td></tr></table>' },
    { mjml: '<mjml><mj-head><mj-title>Hi</mj-title></mj-head><mj-body></mj-body></mjml>' },
  ],
  invalid: [
    { html: '<!doctype html>\n<html>\n<head></head><body>x</body></html>', errors: [{ messageId: 'missing', line: 3, column: 1 }] },
    { html: '<html><head><title> </title></head></html>', errors: [{ messageId: 'empty', line: 1, column: 13 }] },
    { mjml: '<mjml>\n  <mj-body></mj-body>\n</mjml>', errors: [{ messageId: 'missing', line: 1, column: 1 }] },
  ],
});
