import rule from '../../../src/rules/data/provider-syntax.js';
import { ruleTester } from '../../rule-tester.js';

const tencent = { provider: 'tencent' };

ruleTester(rule, {
  valid: [
    { html: '<p>Hi {{name}}, code {{code}}</p>{{! a comment }}', settings: tencent },
    { name: 'blocks are fine elsewhere', html: '{{#if a}}{{user.name}}{{/if}}' },
    { name: 'CSS and JSON-ish braces are not placeholders', html: '<style>p{color:red}</style><p>{ "a": 1 } ${x} {{name}}</p>' },
    { name: "Mautic's documented tokens are its merge tags, not placeholders", html: '<p>Hi {contactfield=firstname|there},</p><p>{unsubscribe_text} | {webview_text}</p><a href="{unsubscribe_url}">x</a>{tracking_pixel}' },
  ],
  invalid: [
    {
      name: 'tencent: blocks, helpers, nested and raw',
      html: '{{#if vip}}VIP{{/if}}\n{{user.name}} {{upper name}} {{{raw}}}',
      settings: tencent,
      errors: [
        { messageId: 'block', line: 1, column: 1 },
        { messageId: 'block', line: 1, column: 15 },
        { messageId: 'nested', line: 2, column: 1, message: '{{user_name}}' },
        { messageId: 'helper', line: 2, column: 15 },
        { messageId: 'raw', line: 2, column: 30 },
      ],
    },
    {
      name: 'single-brace placeholder (warning, any provider)',
      text: 'Hello {name},\nyour code is {{code}}',
      errors: [{ messageId: 'singleBrace', part: 'text', line: 1, column: 7, severity: 'warning', suggestions: [{ title: 'Replace with {{name}}', output: 'Hello {{name}},\nyour code is {{code}}' }] }],
    },
    {
      name: 'a {name} that is no Mautic token is still a placeholder',
      html: '<p>{webview_text} {first_name} {{code}}</p>',
      errors: [{ messageId: 'singleBrace', line: 1, column: 19, severity: 'warning', suggestions: [{ title: 'Replace with {{first_name}}', output: '<p>{webview_text} {{first_name}} {{code}}</p>' }] }],
    },
    {
      name: 'with no Handlebars expression in the part, single braces may be the sender\'s own syntax',
      html: '<p>Hello {firstname},</p>',
      errors: [{ messageId: 'singleBraceOwn', line: 1, column: 10, message: 'part has no Handlebars expression', suggestions: [{ title: 'Replace with {{firstname}}', output: '<p>Hello {{firstname}},</p>' }] }],
    },
    {
      name: 'in a part written in another language (Twig) too',
      html: "{% block content %}<p>{{ 'Hi'|trans }} {firstname},</p>{% endblock %}",
      errors: [{ messageId: 'singleBraceOwn', line: 1, column: 40, message: 'part is not Handlebars', suggestions: [{ title: 'Replace with {{firstname}}', output: "{% block content %}<p>{{ 'Hi'|trans }} {{firstname}},</p>{% endblock %}" }] }],
    },
    {
      name: 'a provider that renders Handlebars never replaces single braces',
      html: '<p>Hello {firstname},</p>',
      settings: tencent,
      errors: [{ messageId: 'singleBrace', line: 1, column: 10, suggestions: [{ title: 'Replace with {{firstname}}', output: '<p>Hello {{firstname}},</p>' }] }],
    },
    {
      name: 'tencent origin from provider JSON counts as the provider',
      source: { name: 't', path: 't.json', kind: 'html', origin: 'tencent', html: { part: 'html', path: 't.json#TemplateContent.Html', text: '<p>{{#each xs}}x{{/each}}</p>' } },
      errors: [{ messageId: 'block', line: 1, column: 4 }, { messageId: 'block', line: 1, column: 17 }],
    },
  ],
});
