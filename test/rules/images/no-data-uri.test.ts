import rule from '../../../src/rules/images/no-data-uri.js';
import { ruleTester } from '../../rule-tester.js';

const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

ruleTester(rule, {
  valid: [{ html: '<img src="https://x.com/a.png" alt="">' }, { html: '<a href="https://x.com">data: in text is fine</a>' }],
  invalid: [
    { html: `<img src="data:image/png;base64,${png}" alt="">`, errors: [{ messageId: 'dataUri', line: 1, column: 11, message: 'image/png, 70 bytes', evidence: 'data:image/png' }] },
    { name: 'in CSS', html: `<div style="background:url(data:image/gif;base64,R0lGODlhAQABAAAAACw=)">x</div>`, errors: [{ messageId: 'dataUri', line: 1, column: 28, message: 'image/gif' }] },
  ],
});
