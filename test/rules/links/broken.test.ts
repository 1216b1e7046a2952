import rule from '../../../src/rules/links/broken.js';
import { ruleTester } from '../../rule-tester.js';
import type { ProbeResult } from '../../../src/core/probe-port.js';

const U = 'https://example.com/page';
const r = (extra: Partial<ProbeResult> = {}): Omit<ProbeResult, 'url'> => ({ kind: 'link', status: 'ok', code: 'ok', reason: 'HTTP 200', httpStatus: 200, redirects: [], ...extra });
const a = `<a href="${U}">Your order</a>`;

ruleTester(rule, {
  valid: [
    { html: a, probes: { [U]: r() } },
    { name: 'mailto is never probed', html: '<a href="mailto:a@b.c">x</a>', probes: {} },
  ],
  invalid: [
    { html: a, probes: { [U]: r({ status: 'broken', code: 'http-error', reason: 'HTTP 404 Not Found', httpStatus: 404 }) }, errors: [{ messageId: 'broken', line: 1, column: 10, severity: 'error', message: '404' }] },
    { name: '429 is unknown', html: a, probes: { [U]: r({ status: 'unknown', code: 'rate-limited', reason: 'HTTP 429 Too Many Requests', httpStatus: 429 }) }, errors: [{ messageId: 'unknown', line: 1, column: 10, severity: 'warning', message: 'HTTP 429' }] },
    { name: '503 is unknown', html: a, probes: { [U]: r({ status: 'unknown', code: 'server-error', reason: 'HTTP 503 Service Unavailable', httpStatus: 503 }) }, errors: [{ messageId: 'unknown', line: 1, column: 10, severity: 'warning' }] },
    { name: 'DNS failure', html: a, probes: { [U]: r({ status: 'broken', code: 'dns-error', reason: 'example.com does not resolve' }) }, errors: [{ messageId: 'broken', line: 1, column: 10, message: 'does not resolve' }] },
    { name: 'refused by the SSRF guard', html: a, probes: { [U]: r({ status: 'refused', code: 'ssrf-refused', reason: 'refused: 127.0.0.1 is a loopback address' }) }, errors: [{ messageId: 'refused', line: 1, column: 10, severity: 'warning', message: 'loopback' }] },
    { name: 'redirect to http', html: a, probes: { [U]: r({ redirects: [{ url: U, status: 301 }], finalUrl: 'http://example.com/page', redirectedToHttp: true }) }, errors: [{ messageId: 'redirectHttp', line: 1, column: 10, severity: 'warning' }] },
    { name: 'text part link', html: '<p>x</p>', text: `Order: ${U}`, probes: { [U]: r({ status: 'broken', code: 'http-error', reason: 'HTTP 410 Gone', httpStatus: 410 }) }, errors: [{ messageId: 'broken', part: 'text', line: 1, column: 8 }] },
  ],
});
