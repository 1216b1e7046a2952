import rule from '../../../src/rules/html/no-active-content.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule, {
  valid: [
    { html: '<html><head><style>p{color:red}</style></head><body><a href="https://x.example">x</a></body></html>' },
    { name: 'a preheader meta tag is fine', html: '<meta name="viewport" content="width=device-width"><link rel="icon" href="https://x.example/i.png">' },
    { name: 'stylesheets are another rule', html: '<head><link rel="stylesheet" href="https://x.example/s.css"><style>@import url(https://x.example/a.css);</style></head>' },
    { name: 'text mentioning script', html: '<p>Use the &lt;script&gt; tag? No. onclick= is just text.</p>' },
    { name: '<base> with only a target resolves no link differently', html: '<head><base target="_blank"></head><body><a href="https://x.example/a">a</a></body>' },
  ],
  invalid: [
    {
      html: '<p>Hi</p>\n<script src="https://x.example/a.js"></script>\n<iframe src="https://x.example"></iframe>',
      errors: [
        { messageId: 'tag', line: 2, column: 1, evidence: 'script' },
        { messageId: 'tag', line: 3, column: 1, evidence: 'iframe' },
      ],
    },
    { name: 'form, object, embed', html: '<form action="/x"><input></form><object></object><embed src="a">', errors: [{ messageId: 'tag', line: 1, column: 1 }, { messageId: 'tag', line: 1, column: 33 }, { messageId: 'tag', line: 1, column: 50 }] },
    { name: 'event handler attribute', html: '<a href="https://x.example"\n   onclick="steal()">x</a>', errors: [{ messageId: 'handler', line: 2, column: 4, evidence: 'onclick' }] },
    { name: '<base href> changes how links resolve', html: '<head>\n<base href="https://x.example/" target="_blank"></head><body><a href="a">a</a></body>', errors: [{ messageId: 'tag', line: 2, column: 1, evidence: 'base' }] },
    { name: 'meta refresh', html: '<meta http-equiv="refresh" content="0;url=https://x.example">', errors: [{ messageId: 'tag', line: 1, column: 1 }] },
    { name: 'in MJML raw HTML', mjml: '<mjml><mj-body><mj-raw>\n<script>x()</script></mj-raw></mj-body></mjml>', errors: [{ messageId: 'tag', line: 2, column: 1 }] },
  ],
});
