import rule from '../../../src/rules/links/no-unsafe-scheme.js';
import { ruleTester } from '../../rule-tester.js';
import { col } from '../pos.js';

const mj = '<mjml><mj-body><mj-section><mj-column><mj-button href="vbscript:x">Go</mj-button></mj-column></mj-section></mj-body></mjml>';

ruleTester(rule, {
  valid: [
    { html: '<a href="https://x.com">x</a><a href="mailto:a@x.com">m</a><a href="tel:+331234">t</a>' },
    { html: '<a href="myapp://open">x</a>', options: { allowedSchemes: ['https', 'myapp'] } },
    { name: 'template value without samples', html: '<a href="{{url}}">x</a>' },
  ],
  invalid: [
    { html: '<a href="javascript:void(0)">x</a>', errors: [{ messageId: 'dangerous', line: 1, column: 10, severity: 'error', evidence: 'javascript:' }] },
    { name: 'obfuscated with an entity', html: '<a href="jav&#x09;ascript:alert(1)">x</a>', errors: [{ messageId: 'dangerous', line: 1, column: 10, message: 'hidden with entities' }] },
    { html: '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', errors: [{ messageId: 'dangerous', line: 1, column: 10, evidence: 'data:' }] },
    { html: '<a href="file:///C:/x.exe">x</a>', errors: [{ messageId: 'dangerous', line: 1, column: 10 }] },
    { name: 'unusual scheme is a warning', html: '<a href="ftp://x.com/f">x</a>', errors: [{ messageId: 'unusual', line: 1, column: 10, severity: 'warning' }] },
    { name: 'a sample renders javascript:', html: '<a href="{{url}}">x</a>', data: { url: 'javascript:alert(1)' }, errors: [{ messageId: 'dangerous', line: 1, column: 10, message: 'data sample #1' }] },
    { name: 'MJML button', mjml: mj, errors: [{ messageId: 'dangerous', line: 1, column: col(mj, 'vbscript') }] },
  ],
});
