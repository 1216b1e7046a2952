import rule from '../../../src/rules/links/absolute-url.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule, {
  valid: [
    { html: '<a href="https://x.com/a">x</a><a href="mailto:x@y.com">m</a>' },
    { name: 'fragment and empty links are links/no-empty-href', html: '<a href="#top">x</a><a href="">y</a>' },
    { html: '<a href="{{url}}">x</a>' },
    { name: 'a {name} placeholder is no address (braces are not URL characters)', html: '<a href="{url}">x</a><a href="{shop_url}/cart?id={id}">c</a>' },
    {
      name: 'nor is an expression attribute (Phoenix HEEx, JSX), quoted or not',
      html: '<a href={@reset_link}>Reset</a><a href={"#{plausible_url()}/#{URI.encode_www_form(@site.domain)}"}>d</a><img src={@logo} alt="">',
    },
    {
      name: "nor is PHP, a printf conversion, a .NET format item, a host language's escaped quotes, a PMPro tag",
      html: '<a href="<?php echo esc_url( $link ); ?>">a</a><a href="%s">b</a><a href="https://x.example/%1$s">c</a><a href="{0}">d</a><p>@T["Please <a href=\\"{0}\\">click here</a>", Model.Url]</p><a href="!!login_link!!">e</a>',
    },
    { name: 'nor is a Django/Liquid tag', html: '<a href="{% url \'home\' %}">h</a><a href="{% absolute_uri %}/help">x</a>' },
    { name: 'other ESPs\' merge tags are placeholders', html: '<a href="*|UNSUB|*">u</a><a href="%unsubscribe_url%">u</a><a href="[unsubscribe]">u</a><a href="<%asm_group_unsubscribe_raw_url%>">u</a><a href="https://x.com/*|ID|*">p</a>' },
    { name: 'www. in the text part is auto-linked by clients', text: 'see www.example.com' },
  ],
  invalid: [
    { html: '<a href="/account">x</a>', errors: [{ messageId: 'relative', line: 1, column: 10 }] },
    { name: 'a literal path before a merge tag is still relative', html: '<a href="/u/*|ID|*">x</a>', errors: [{ messageId: 'relative', line: 1, column: 10 }] },
    { name: 'a literal path before a {name} placeholder is still relative', html: '<a href="order/{id}">x</a>', errors: [{ messageId: 'relative', line: 1, column: 10 }] },
    { html: '<a href="www.example.com/offer">x</a>', errors: [{ messageId: 'relative', line: 1, column: 10, message: 'did you mean https://www.example.com/offer' }], output: '<a href="https://www.example.com/offer">x</a>' },
    {
      name: 'a host written without its scheme (SendGrid\'s social links): suggested, not fixed',
      html: '<a href="facebook.com/acme">f</a><a href="report.zip">r</a><a href="img/logo.png">l</a>',
      errors: [
        { messageId: 'relative', line: 1, column: 10, message: 'did you mean https://facebook.com/acme', suggestions: [{ title: 'Write https://facebook.com/acme', output: '<a href="https://facebook.com/acme">f</a><a href="report.zip">r</a><a href="img/logo.png">l</a>' }] },
        { messageId: 'relative', line: 1, column: 43, suggestions: [] },
        { messageId: 'relative', line: 1, column: 69, suggestions: [] },
      ],
    },
    {
      name: 'a fill-in placeholder left in the template ([CTA Link]) says so; a base URL does not excuse it',
      html: '<a href="[CTA Link]">Shop</a>',
      settings: { baseUrl: 'https://cdn.example.com/' },
      errors: [{ messageId: 'fillIn', line: 1, column: 10, message: 'fill-in placeholder' }],
    },
    { html: '<a href="//example.com/x">x</a>', errors: [{ messageId: 'protocolRelative', line: 1, column: 10 }], output: '<a href="https://example.com/x">x</a>' },
    { html: '<a href="{{path}}">x</a>', data: { path: 'account/settings' }, errors: [{ messageId: 'relative', line: 1, column: 10, message: 'data sample #1' }] },
  ],
});
