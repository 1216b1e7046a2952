import rule from '../../../src/rules/content/missing-text-part.js';
import { ruleTester } from '../../rule-tester.js';
import { providerSource, templateSource } from '../../../src/api/input.js';

ruleTester(rule, {
  valid: [{ html: '<p>Hi</p>', text: 'Hi' }, { name: 'text-only template', text: 'Hi' }, { name: 'empty html is another rule', html: '' }],
  invalid: [
    { html: '<p>Hi</p>', errors: [{ messageId: 'missing', line: 1, column: 1, message: 'add template.txt beside the template' }] },
    // Said as the template was given: a request's field, a provider template's key.
    { name: 'given as strings (a service request)', source: templateSource({ html: '<p>Hi</p>' }), errors: [{ messageId: 'missing', line: 1, column: 1, message: 'add a plain-text version as `text` beside `html`' }] },
    {
      name: 'AWS SES v2 template JSON',
      source: providerSource({ json: JSON.stringify({ TemplateName: 't', TemplateContent: { Subject: 'Hi', Html: '<p>Hi</p>' } }) }),
      errors: [{ messageId: 'missing', line: 1, column: 63, message: 'add a TemplateContent.Text' }],
    },
    { name: 'Tencent Cloud SES template JSON', source: providerSource({ json: JSON.stringify({ TemplateName: 't', TemplateContent: { Html: Buffer.from('<p>Hi</p>').toString('base64') } }) }), errors: [{ messageId: 'missing', line: 1, column: 48, message: 'add TemplateContent.Text' }] },
    { html: '<p>Hi</p>', text: '  \n', errors: [{ messageId: 'empty', part: 'text', line: 1, column: 1 }] },
  ],
});
