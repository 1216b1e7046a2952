import rule from '../../../src/rules/images/require-https.js';
import { ruleTester } from '../../rule-tester.js';
import { col } from '../pos.js';

const css = '<td style="background-image:url(\'http://x.com/bg.jpg\')">x</td>';
const vml = '<!--[if gte mso 9]><v:fill type="tile" src="http://x.com/v.png" /><![endif]-->';
const dyn = '<img src="{{cdn}}/logo.png" alt="">';
const staticHttp = '<img src="http://{{host}}/a.png" alt="">';
const mj = '<mjml><mj-body><mj-section background-url="http://x.com/s.png"><mj-column><mj-image src="https://x.com/ok.png" /></mj-column></mj-section></mj-body></mjml>';

ruleTester(rule, {
  valid: [
    { name: 'a font file in @font-face is not an image', html: "<style>@font-face { font-family: 'M'; src: url(http://fonts.gstatic.com/m.woff) format('woff'); }</style><p>x</p>" },
    { html: '<img src="https://cdn.example.com/a.png" alt="">' },
    { html: '<a href="http://example.com">links are links/require-https</a>' },
    { name: 'dynamic URL without samples: scheme unknown', html: dyn },
    { name: 'dynamic URL resolved to https', html: dyn, data: { cdn: 'https://cdn.example.com' } },
    { html: '<img src="cid:logo@example" alt="">' },
  ],
  invalid: [
    { html: '<p>\n  <img src="http://x.com/a.png" alt="">', errors: [{ messageId: 'http', line: 2, column: 13, evidence: 'http://x.com/a.png' }], output: '<p>\n  <img src="https://x.com/a.png" alt="">' },
    { name: 'CSS background in a style attribute', html: css, errors: [{ messageId: 'http', line: 1, column: col(css, 'http') }], output: css.replace('http:', 'https:') },
    { name: 'VML inside a conditional comment', html: vml, errors: [{ messageId: 'http', line: 1, column: col(vml, 'http') }], output: vml.replace('http:', 'https:') },
    { name: 'srcset candidate', html: '<img srcset="https://a.com/1.png 1x, http://a.com/2.png 2x" alt="">', errors: [{ messageId: 'http', line: 1, column: 38 }], output: '<img srcset="https://a.com/1.png 1x, https://a.com/2.png 2x" alt="">' },
    { name: 'static part of a dynamic URL is still http', html: staticHttp, errors: [{ messageId: 'http', line: 1, column: 11 }], output: '<img src="https://{{host}}/a.png" alt="">' },
    {
      name: 'resolved per sample, naming the sample',
      html: dyn,
      data: [{ cdn: 'https://a.com' }, { cdn: 'http://b.com' }],
      errors: [{ messageId: 'http', line: 1, column: 11, message: 'with data sample #2', evidence: 'http://b.com/logo.png' }],
    },
    { name: 'MJML section background', mjml: mj, errors: [{ messageId: 'http', line: 1, column: col(mj, 'http://') }], output: mj.replace('http://x.com/s', 'https://x.com/s') },
  ],
});
