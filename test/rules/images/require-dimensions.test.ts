import rule from '../../../src/rules/images/require-dimensions.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule, {
  valid: [
    { html: '<img src="https://x.com/a.png" width="600" height="200" alt="">' },
    { name: 'fluid image', html: '<img src="https://x.com/a.png" width="600" style="width:100%;height:auto" alt="">' },
    { name: 'height not required by option', html: '<img src="https://x.com/a.png" width="600" alt="">', options: { requireHeight: false } },
  ],
  invalid: [
    { html: '<img src="https://x.com/a.png" alt="">', errors: [{ messageId: 'missing', line: 1, column: 1 }] },
    { html: '<img src="https://x.com/a.png" height="20" style="width:600px" alt="">', errors: [{ messageId: 'width', line: 1, column: 1 }] },
    { html: '<img src="https://x.com/a.png" width="600" alt="">', errors: [{ messageId: 'height', line: 1, column: 1 }] },
    { html: '<img src="https://x.com/a.png" width="600px" height="20" alt="">', errors: [{ messageId: 'unit', line: 1, column: 39 }], output: '<img src="https://x.com/a.png" width="600" height="20" alt="">' },
  ],
});
