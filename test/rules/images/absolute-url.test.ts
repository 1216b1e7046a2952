import rule from '../../../src/rules/images/absolute-url.js';
import { ruleTester } from '../../rule-tester.js';
import { col } from '../pos.js';

const bg = '<table background="images/bg.jpg"><tr><td>x</td></tr></table>';
const style = '<style>.hero{background:url(/img/hero.jpg)}</style>';
const mj = '<mjml><mj-body><mj-section><mj-column><mj-image src="logo.png" alt="Logo" /></mj-column></mj-section></mj-body></mjml>';

ruleTester(rule, {
  valid: [
    { name: 'a font file in @font-face is not an image (a font that fails to load falls back)', html: "<style>@font-face { font-family: 'M'; src: url(fonts/m.woff2) format('woff2'); }</style><p>x</p>" },
    { html: '<img src="https://cdn.example.com/a.png" alt="">' },
    { html: '<img src="cid:part1.123@example.com" alt="">' },
    { name: 'fully dynamic without samples', html: '<img src="{{logo}}" alt="">' },
    { name: 'resolved with an absolute URL', html: '<img src="{{logo}}" alt="">', data: { logo: 'https://x.com/l.png' } },
    { html: '<a href="/relative">links are another rule</a>' },
  ],
  invalid: [
    { html: '<img src="images/logo.png" alt="">', errors: [{ messageId: 'relative', line: 1, column: 11 }] },
    { html: '<img src="//cdn.example.com/a.png" alt="">', errors: [{ messageId: 'protocolRelative', line: 1, column: 11 }], output: '<img src="https://cdn.example.com/a.png" alt="">' },
    { html: '<img src="" alt="">', errors: [{ messageId: 'empty', line: 1, column: 10 }] },
    { name: 'background attribute', html: bg, errors: [{ messageId: 'relative', line: 1, column: col(bg, 'images/') }] },
    { name: 'CSS in <style>', html: style, errors: [{ messageId: 'relative', line: 1, column: col(style, '/img') }] },
    { name: 'MJML mj-image', mjml: mj, errors: [{ messageId: 'relative', line: 1, column: col(mj, 'logo.png') }] },
    { name: 'literal path before the expression', html: '<img src="img/{{name}}.png" alt="">', errors: [{ messageId: 'relative', line: 1, column: 11 }] },
    { name: 'a sample renders a relative URL', html: '<img src="{{logo}}" alt="">', data: [{ logo: 'https://x.com/a.png' }, { logo: 'a.png' }], errors: [{ messageId: 'relative', line: 1, column: 11, message: 'sample #2' }] },
    { name: 'a sample renders nothing', html: '<img src="{{logo}}" alt="">', data: { other: 1 }, errors: [{ messageId: 'empty', line: 1, column: 11 }] },
  ],
});
