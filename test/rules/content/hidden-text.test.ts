import rule from '../../../src/rules/content/hidden-text.js';
import { ruleTester } from '../../rule-tester.js';

const body = '<p>Hello, your order has shipped and is on its way to you; it will arrive on Thursday afternoon.</p>';
ruleTester(rule, {
  valid: [
    { html: body },
    {
      name: 'a preheader hidden at the top of the body',
      html: `<body><span class="preheader" style="display:none;max-height:0;overflow:hidden">Your order shipped</span>${body}</body>`,
    },
    { name: 'fillers (&zwnj;&nbsp;) hidden after the preheader', html: `<div style="display:none">Preview</div>${body}<div style="display:none">&zwnj;&nbsp;&zwnj;&nbsp;</div>` },
    { name: 'MJML-style font-size:0 on a layout cell reset by its child', html: `<div style="font-size:0px"><div style="font-size:14px">${body}</div></div>` },
    { name: 'white text on a dark cell', html: `<table><tr><td bgcolor="#222222"><font color="#ffffff">Light on dark text here</font></td></tr></table>${body}` },
    { name: 'unknown colours (expressions, images) are not judged', html: `<td style="background-image:url(x.png)"><p style="color:#fff">Over the image</p></td>${body}` },
    { name: 'dark-mode rules in @media are ignored', html: `<style>@media (prefers-color-scheme: dark) { .t { color: #ffffff } }</style><p class="t">${body}</p>` },
    { name: 'hidden template expression only', html: `${body}<div style="display:none">{{tracking_code}}</div>` },
    {
      name: 'a preheader padded with &nbsp; (the inbox-preview hack) is as long as its words, not its 1,200 characters of references',
      html: `<body>\n<div style="display:none;font-size:1px;color:#e4e4e4">100% online, join us live ${'&nbsp;'.repeat(194)}&zwnj;&#847;</div>${body}</body>`,
    },
    {
      name: 'a preheader below a logo still previews the visible text after it',
      html: `<a href="https://shop.example.com/"><img src="https://shop.example.com/logo.png" alt=""></a>\n<div style="display:none">Your order shipped</div>${body}`,
    },
  ],
  invalid: [
    {
      name: 'near-white text with nothing visible after it previews nothing: not a preheader',
      html: '<a href="https://bank.example.com/"><img src="cid:banner" usemap="#m"></a>\n<p><font color="#FFFFF1">sunny weather tomorrow and a fine day</font></p>',
      errors: [{ messageId: 'hidden', line: 2, column: 4, evidence: 'low-contrast' }],
    },
    {
      name: 'hidden text first in the body with more than 300 readable characters is no preheader, padded or not',
      html: `<body>\n<div style="display:none">${'cheap pills online '.repeat(17)}${'&nbsp;'.repeat(50)}</div>${body}</body>`,
      errors: [{ messageId: 'hidden', line: 2, column: 1, evidence: 'display-none' }],
    },
    {
      name: 'display:none block after visible text',
      html: `${body}\n<div style="display:none">viagra casino lottery cheap pills</div>`,
      errors: [{ messageId: 'hidden', line: 2, column: 1, evidence: 'display-none', message: 'display:none' }],
    },
    {
      name: 'text colour equal to the background through a <style> class',
      html: `<style>.w { color: #fefefe }</style>${body}\n<p class="w">buy cheap watches replica</p>`,
      errors: [{ messageId: 'hidden', line: 2, column: 1, evidence: 'low-contrast', message: 'contrast ratio' }],
    },
    {
      name: 'tiny font',
      html: `${body}\n<span style="font-size:1px">bayes poison words here</span>`,
      errors: [{ messageId: 'hidden', line: 2, column: 1, evidence: 'tiny-font' }],
    },
    {
      name: 'visibility hidden via an id rule, and opacity 0',
      html: `<style>#x { visibility: hidden }</style>${body}\n<p id="x">secret words</p>\n<p style="opacity:0">more hidden words</p>`,
      errors: [
        { messageId: 'hidden', line: 2, column: 1, evidence: 'visibility-hidden' },
        { messageId: 'hidden', line: 3, column: 1, evidence: 'opacity-0' },
      ],
    },
  ],
});
