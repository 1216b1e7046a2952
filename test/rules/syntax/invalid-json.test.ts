import rule from '../../../src/rules/syntax/invalid-json.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule, {
  valid: [{ html: '<p>{{name}}</p>', data: { name: 'Ada' }, schema: { type: 'object' }, meta: { subject: 'Hi' } }],
  invalid: [
    { name: 'missing comma in data', html: 'x', data: '{\n  "name": "Ada"\n  "plan": "pro"\n}', errors: [{ messageId: 'syntax', part: 'data', line: 3, column: 3 }] },
    { name: 'trailing comma in schema', html: 'x', schema: '{ "type": "object", }', errors: [{ messageId: 'syntax', part: 'schema', line: 1, column: 21 }] },
    { name: 'comment in meta', html: 'x', meta: '{\n // subject\n "subject": "x" }', errors: [{ messageId: 'syntax', part: 'meta', line: 2, column: 2 }] },
    { name: 'empty data file', html: 'x', data: '', errors: [{ messageId: 'syntax', part: 'data', line: 1, column: 1 }] },
  ],
});
