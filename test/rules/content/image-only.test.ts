import rule from '../../../src/rules/content/image-only.js';
import { ruleTester } from '../../rule-tester.js';

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i % 10}`).join(' ');

ruleTester(rule, {
  valid: [
    { html: `<p>${words(10)}</p>`, name: 'no images' },
    { html: `<img src="https://x.com/a.png" alt=""><p>${words(600)}</p>`, name: 'plenty of text' },
  ],
  invalid: [
    { html: '<html><body><img src="https://x.com/a.png" alt="Sale"></body></html>', errors: [{ messageId: 'lowText', line: 1, column: 1, evidence: 'HTML_IMAGE_ONLY_04' }] },
    { html: `<img src="https://x.com/a.png" alt=""><p>${words(90)}</p>`, errors: [{ messageId: 'lowText', line: 1, column: 1, evidence: 'HTML_IMAGE_ONLY_08' }] },
    { name: 'rendered with the sample', html: '<img src="https://x.com/a.png" alt=""><p>{{intro}}</p>', data: { intro: words(500) }, errors: [{ messageId: 'lowText', line: 1, column: 1, evidence: 'HTML_IMAGE_ONLY_32', message: 'data sample #1' }] },
  ],
});
