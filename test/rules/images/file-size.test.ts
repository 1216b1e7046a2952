import rule from '../../../src/rules/images/file-size.js';
import { ruleTester } from '../../rule-tester.js';
import type { ProbeResult } from '../../../src/core/probe-port.js';

const U = 'https://cdn.example.com/hero.jpg';
const res = (bytes: number | undefined, large?: boolean): Omit<ProbeResult, 'url'> => ({ kind: 'image', status: 'ok', code: 'ok', reason: 'HTTP 200', contentType: 'image/jpeg', redirects: [], ...(bytes !== undefined ? { bytes } : {}), ...(large ? { large } : {}) });

ruleTester(rule, {
  valid: [{ html: `<img src="${U}" alt="">`, probes: { [U]: res(200_000) } }, { html: `<img src="${U}" alt="">`, probes: { [U]: res(3_000_000) }, options: { maxBytes: 5_000_000 } }],
  invalid: [
    { html: `<img src="${U}" alt="">`, probes: { [U]: res(3 * 1024 * 1024) }, errors: [{ messageId: 'large', line: 1, column: 11, message: '3.0 MB', severity: 'warning' }] },
    { name: 'size unknown, probe says large', html: `<img src="${U}" alt="">`, probes: { [U]: res(undefined, true) }, errors: [{ messageId: 'large', line: 1, column: 11 }] },
  ],
});
