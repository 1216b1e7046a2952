import rule from '../../../src/rules/data/missing-variable.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'all present', html: '<p>Hi {{user.firstName}}</p>', data: { user: { firstName: 'Ada' } } },
    { name: 'no data file: nothing to compare', html: '<p>{{name}}</p>' },
    { name: 'only inside #if: optional', html: '{{#if coupon}}<p>{{coupon}}</p>{{/if}}', data: { name: 'x' } },
    { name: 'guard evaluated per element', html: '{{#each items}}{{#if sale}}{{salePrice}}{{/if}}{{name}}{{/each}}', data: { items: [{ name: 'a', sale: false }, { name: 'b', sale: true, salePrice: 3 }] } },
    { name: 'list length, @index, ../ and @root', html: '{{items.length}} {{#each items}}{{@index}} {{this}} {{../title}} {{@root.title}}{{/each}}', data: { title: 't', items: ['a'] } },
    { name: 'block params', html: '{{#each rows as |row i|}}{{row.id}} {{i}}{{/each}}{{#with user as |u|}}{{u.name}}{{/with}}', data: { rows: [{ id: 1 }], user: { name: 'a' } } },
    { name: 'a helper is not a variable', html: '{{formatDate sent "YYYY"}} {{insert nick "default=friend"}}', data: { sent: '2024-01-01' }, settings: { provider: 'sendgrid' } },
    { name: 'section over an object', html: '{{#user}}{{name}}{{/user}}', data: { user: { name: 'a' } } },
    { name: 'each over empty list renders nothing', html: '{{#each items}}{{name}}{{/each}}', data: { items: [] } },
  ],
  invalid: [
    {
      name: 'near miss: first_name vs firstName',
      html: '<p>Hello\n  {{user.firstName}}</p>',
      data: { user: { first_name: 'Ada' } },
      errors: [{ messageId: 'missing', part: 'html', line: 2, column: 5, message: "Did you mean 'first_name'?", suggestions: [{ title: "Rename to 'user.first_name'", output: '<p>Hello\n  {{user.first_name}}</p>' }] }],
    },
    {
      name: 'missing in one of two samples; subject part',
      subject: 'Order {{orderId}}',
      html: '<p>x</p>',
      data: [{ orderId: 1 }, { orderid: 2 }],
      errors: [{ messageId: 'missing', part: 'subject', line: 2, column: 23, message: 'TemplateData sample #2', suggestions: [{ output: '{\n  "subject": "Order {{orderid}}"\n}' }] }],
    },
    {
      name: 'root variable used inside #each: suggests ../',
      html: '{{#each items}}{{price}} {{currency}}{{/each}}',
      data: { currency: 'EUR', items: [{ price: 1 }] },
      errors: [{ messageId: 'missing', line: 1, column: 28, message: "'../currency'", suggestions: [{ title: "Use '../currency'", output: '{{#each items}}{{price}} {{../currency}}{{/each}}' }] }],
    },
    {
      name: 'parent is null',
      text: 'Ship to {{address.city}}',
      data: { address: null },
      errors: [{ messageId: 'nullParent', part: 'text', line: 1, column: 11 }],
    },
    {
      name: 'case-only mismatch on AWS',
      html: '{{FirstName}}',
      data: { firstName: 'a' },
      settings: { provider: 'aws' },
      errors: [{ messageId: 'missing', line: 1, column: 3, message: 'case-sensitive', suggestions: [{ output: '{{firstName}}' }] }],
    },
    {
      name: 'data is not an object',
      html: '{{a}}',
      data: '"hello"',
      errors: [{ messageId: 'notObject', part: 'data', line: 1, column: 1 }],
    },
    {
      name: 'variable in a partial reported at the call',
      html: '{{#*inline "card"}}<b>{{title}}</b>{{/inline}}\n{{> card}}',
      data: { name: 'x' },
      errors: [{ messageId: 'missing', line: 2, column: 5, message: "in partial 'card'" }],
    },
  ],
});

ruleTester(rule, {
  valid: [{ name: 'tencent: blocks still scope variables (provider-syntax reports the blocks)', html: '{{#if vip}}{{perk}}{{/if}}{{name}}', data: { name: 'a', vip: '' }, settings: { provider: 'tencent' } }],
  invalid: [
    {
      name: 'MJML: reported at the source position',
      mjml: '<mjml>\n  <mj-body>\n    <mj-section><mj-column><mj-text>Hi {{nmae}}</mj-text></mj-column></mj-section>\n  </mj-body>\n</mjml>',
      data: { name: 'Ada' },
      errors: [{ messageId: 'missing', part: 'html', line: 3, column: 42, message: "Did you mean 'name'?", suggestions: [{ output: '<mjml>\n  <mj-body>\n    <mj-section><mj-column><mj-text>Hi {{name}}</mj-text></mj-column></mj-section>\n  </mj-body>\n</mjml>' }] }],
    },
  ],
});
