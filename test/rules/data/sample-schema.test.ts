import rule from '../../../src/rules/data/sample-schema.js';
import { ruleTester } from '../../rule-tester.js';

const schema = {
  type: 'object',
  required: ['email', 'items'],
  additionalProperties: false,
  properties: {
    email: { type: 'string', format: 'email' },
    items: { type: 'array', items: { type: 'object', properties: { qty: { type: 'integer', minimum: 1 } } } },
  },
};

ruleTester(rule, {
  valid: [
    { html: '{{email}}', data: { email: 'a@example.com', items: [{ qty: 1 }] }, schema },
    { name: 'invalid schema: nothing to validate with', html: '{{a}}', data: { a: 1 }, schema: { type: 'nope' } },
  ],
  invalid: [
    {
      name: 'format, type and extra property, each at its value',
      html: '{{email}}',
      data: '{\n  "email": "not-an-email",\n  "items": [{ "qty": 0 }, { "qty": "2" }],\n  "extra": 1\n}',
      schema,
      errors: [
        { messageId: 'invalid', part: 'data', line: 2, column: 12, message: 'valid email' },
        { messageId: 'invalid', part: 'data', line: 3, column: 22, message: "'items[0].qty'" },
        { messageId: 'invalid', part: 'data', line: 3, column: 36, message: 'must be integer' },
        { messageId: 'invalid', part: 'data', line: 4, column: 3, message: "'extra', which the schema does not allow" },
      ],
    },
    {
      name: 'missing required property in sample #2',
      html: '{{email}}',
      data: [{ email: 'a@b.co', items: [] }, { items: [] }],
      schema,
      errors: [{ messageId: 'invalid', part: 'data', line: 6, column: 3, message: "TemplateData sample #2: the data lacks the required property 'email'" }],
    },
  ],
});
