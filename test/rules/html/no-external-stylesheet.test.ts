import rule from '../../../src/rules/html/no-external-stylesheet.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule, {
  valid: [
    { html: '<head><style>p { color: #333 }</style><link rel="icon" href="https://x.example/favicon.ico"></head>' },
    { name: 'MJML inline styles', mjml: '<mjml><mj-head><mj-style>.a { color: red }</mj-style></mj-head><mj-body></mj-body></mjml>' },
  ],
  invalid: [
    { html: '<head>\n  <link rel="stylesheet" href="https://x.example/s.css"></head>', errors: [{ messageId: 'stylesheet', line: 2, column: 3, severity: 'warning', evidence: 'https://x.example/s.css' }] },
    { name: '@import in style', html: '<style>\n@import url("https://x.example/s.css");\n</style>', errors: [{ messageId: 'importRule', line: 2, column: 1 }] },
    {
      name: 'web fonts are information only',
      html: '<style>@import url("https://fonts.googleapis.com/css?family=Lato");</style>\n<link href="https://fonts.googleapis.com/css2?family=Inter" rel="stylesheet">',
      errors: [
        { messageId: 'webFont', line: 1, column: 8, severity: 'info' },
        { messageId: 'webFont', line: 2, column: 1, severity: 'info' },
      ],
    },
    { name: 'in mj-style', mjml: '<mjml><mj-head><mj-style>\n@import url(https://x.example/a.css);</mj-style></mj-head><mj-body></mj-body></mjml>', errors: [{ messageId: 'importRule', line: 2, column: 1 }] },
  ],
});
