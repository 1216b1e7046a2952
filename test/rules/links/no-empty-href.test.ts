import rule from '../../../src/rules/links/no-empty-href.js';
import { ruleTester } from '../../rule-tester.js';
import { col } from '../pos.js';

const mj = '<mjml><mj-body><mj-section><mj-column><mj-button>Buy</mj-button></mj-column></mj-section></mj-body></mjml>';

ruleTester(rule, {
  valid: [
    { html: '<a href="https://x.com">x</a>' },
    { name: 'anchor target', html: '<a name="top"></a><a id="s1">Section</a>' },
    { html: '<a href="{{url}}">x</a>' },
    { html: '<a href="{{url}}">x</a>', data: { url: 'https://x.com' } },
    { name: 'mj-button defaults in mj-attributes are not buttons', mjml: '<mjml><mj-head><mj-attributes><mj-button color="#fff" /></mj-attributes></mj-head><mj-body><mj-section><mj-column><mj-button href="https://x.example">Go</mj-button></mj-column></mj-section></mj-body></mjml>' },
  ],
  invalid: [
    { html: '<a href="">x</a>', errors: [{ messageId: 'empty', line: 1, column: 9 }] },
    { html: '<a href="#">x</a>', errors: [{ messageId: 'hash', line: 1, column: 10 }] },
    { html: '<p>\n<a>Buy now</a>', errors: [{ messageId: 'missing', line: 2, column: 1 }] },
    { name: 'MJML button without href', mjml: mj, errors: [{ messageId: 'missing', line: 1, column: col(mj, '<mj-button') }] },
    { name: 'renders empty for a sample', html: '<a href="{{url}}">x</a>', data: [{ url: 'https://x.com' }, {}], errors: [{ messageId: 'empty', line: 1, column: 10, message: 'data sample #2' }] },
  ],
});
