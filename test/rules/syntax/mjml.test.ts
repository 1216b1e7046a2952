import rule from '../../../src/rules/syntax/mjml.js';
import dropped from '../../../src/rules/syntax/mjml-dropped-expression.js';
import { ruleTester } from '../../rule-tester.js';

const wrap = (body: string) => `<mjml lang="en">\n<mj-body>\n${body}\n</mj-body>\n</mjml>`;

ruleTester(rule, {
  valid: [
    { mjml: wrap('<mj-section><mj-column><mj-text>Hello {{name}}</mj-text></mj-column></mj-section>') },
    { name: 'template expression in attributes', mjml: wrap('<mj-section><mj-column><mj-button href="{{url}}">Go</mj-button><mj-image src="{{img}}" alt="x"/></mj-column></mj-section>') },
    { name: 'not MJML: the rule is silent on HTML', html: '<p>x</p>' },
    { name: "Prettier's end tags ('</mj-text\\n  >') are closed", mjml: wrap('<mj-section><mj-column>\n<mj-text\n  ><p>Hi</p></mj-text\n  >\n</mj-column></mj-section>') },
    { name: 'an end tag with a long run of whitespace before its >', mjml: wrap(`<mj-section><mj-column><mj-text>Hi</mj-text${' '.repeat(40)}></mj-column></mj-section>`) },
    { name: 'self-closing and HTML inside mj-raw are fine', mjml: wrap('<mj-raw><p>unclosed <b>html</mj-raw>\n<mj-section><mj-column><mj-divider /><mj-spacer/></mj-column></mj-section>') },
  ],
  invalid: [
    {
      name: 'component in the wrong parent, on its own line and column: MJML still renders it (ignored, advice)',
      mjml: wrap('<mj-section>\n  <mj-text>Hello</mj-text>\n</mj-section>'),
      errors: [{ messageId: 'ignored', line: 4, column: 3, evidence: 'mj-text', message: 'mj-text cannot be used inside mj-section' }],
    },
    {
      name: 'an unknown component renders nothing (invalid); an illegal attribute or a value of the wrong type is ignored',
      mjml: wrap('<mj-section><mj-column>\n<mj-bogus/>\n<mj-text foo="1">x</mj-text>\n<mj-text padding-top="20">y</mj-text>\n</mj-column></mj-section>'),
      errors: [
        { messageId: 'invalid', line: 4, column: 1, message: "mj-bogus doesn't exist" },
        { messageId: 'ignored', line: 5, column: 1, message: 'Attribute foo is illegal' },
        { messageId: 'ignored', line: 6, column: 1, message: 'has invalid value: 20 for type Unit' },
      ],
    },
    {
      name: "MJML 3's <mj-container> (removed in MJML 4) is named as such, with how to write it now",
      mjml: wrap('<mj-container background-color="#dcefff">\n  <mj-section><mj-column><mj-text>Hi {{name}}</mj-text></mj-column></mj-section>\n</mj-container>'),
      errors: [{ messageId: 'removed', line: 3, column: 1, evidence: 'mj-container', message: 'give its attributes (background-color, width) to <mj-body>' }],
    },
    {
      name: "MJML 3's navbar links (<mj-inline-links>, <mj-link>) say what MJML 4 writes instead",
      mjml: wrap('<mj-section><mj-column><mj-navbar>\n<mj-inline-links>\n<mj-link href="https://shop.example.com/">Shop</mj-link>\n</mj-inline-links>\n</mj-navbar></mj-column></mj-section>'),
      errors: [
        { messageId: 'removed', line: 4, column: 1, evidence: 'mj-inline-links', message: 'directly in <mj-navbar>, as <mj-navbar-link>' },
        { messageId: 'removed', line: 5, column: 1, evidence: 'mj-link', message: 'Write it as <mj-navbar-link>' },
      ],
    },
    { name: 'malformed document', mjml: '<div>not mjml</div>', errors: [{ messageId: 'fatal', line: 1, column: 1 }] },
    {
      name: 'unclosed section: MJML says nothing, the next section ends up inside it',
      mjml: wrap('<mj-section>\n  <mj-column><mj-text>Hi</mj-text></mj-column>\n<mj-section><mj-column><mj-image src="https://x.example/a.png" alt="a" /></mj-column></mj-section>'),
      errors: [
        { messageId: 'unclosed', line: 3, column: 1, evidence: 'mj-section', message: 'at </mj-body> on line 6' },
        { messageId: 'ignored', line: 5, column: 1, message: 'mj-section cannot be used inside mj-section' },
      ],
    },
    {
      name: 'a tag name with regex characters is checked, not a crash',
      mjml: wrap('<mj-section><mj-column>\n<mj-x(>\n</mj-column></mj-section>'),
      errors: [
        { messageId: 'invalid', line: 4, column: 1 },
        { messageId: 'unclosed', line: 4, column: 1, evidence: 'mj-x(' },
      ],
    },
  ],
});

ruleTester(dropped, {
  valid: [
    { mjml: wrap('<mj-section><mj-column><mj-text>{{#each items}}<p>{{name}}</p>{{/each}}</mj-text></mj-column></mj-section>') },
    { name: 'blocks in mj-raw are kept', mjml: wrap('<mj-raw>{{#each items}}</mj-raw>\n<mj-section><mj-column><mj-text>{{name}}</mj-text></mj-column></mj-section>\n<mj-raw>{{/each}}</mj-raw>') },
    { name: 'expression in a comment', mjml: wrap('<!-- {{note}} --><mj-section><mj-column><mj-text>x</mj-text></mj-column></mj-section>') },
  ],
  invalid: [
    {
      name: '#each between mj-section and mj-column',
      mjml: wrap('<mj-section>\n  {{#each products}}\n  <mj-column><mj-text>{{name}}</mj-text></mj-column>\n  {{/each}}\n</mj-section>'),
      errors: [
        { messageId: 'block', line: 4, column: 3, evidence: '{{#each products}}', message: 'loses this loop' },
        { messageId: 'block', line: 6, column: 3, evidence: '{{/each}}' },
      ],
    },
    {
      name: 'bare expression in mj-column',
      mjml: wrap('<mj-section><mj-column>\n{{greeting}}\n<mj-text>x</mj-text></mj-column></mj-section>'),
      errors: [{ messageId: 'expression', line: 4, column: 1 }],
    },
    {
      name: 'a Jinja loop between sections, no provider: the template may be rendered before MJML compiles it (django-mjml): advice',
      mjml: wrap('{% for story in stories %}\n<mj-section><mj-column><mj-text>{{ story.title }}</mj-text></mj-column></mj-section>\n{% endfor %}'),
      errors: [
        { messageId: 'ownLanguage', line: 3, column: 1, evidence: '{% for story in stories %}', message: 'lose this tag' },
        { messageId: 'ownLanguage', line: 5, column: 1, evidence: '{% endfor %}' },
      ],
    },
    {
      name: 'the same for a provider that stores the compiled HTML: a defect',
      mjml: wrap('{% for story in stories %}\n<mj-section><mj-column><mj-text>{{ story.title }}</mj-text></mj-column></mj-section>\n{% endfor %}'),
      settings: { provider: 'sendgrid' },
      errors: [
        { messageId: 'expression', line: 3, column: 1, evidence: '{% for story in stories %}' },
        { messageId: 'expression', line: 5, column: 1, evidence: '{% endfor %}' },
      ],
    },
  ],
});
