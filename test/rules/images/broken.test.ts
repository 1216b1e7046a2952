import rule from '../../../src/rules/images/broken.js';
import { ruleTester } from '../../rule-tester.js';
import type { ProbeResult } from '../../../src/core/probe-port.js';

const img = (url: string) => `<img src="${url}" alt="">`;
const ok = (extra: Partial<ProbeResult> = {}): Omit<ProbeResult, 'url'> => ({ kind: 'image', status: 'ok', code: 'ok', reason: 'HTTP 200', httpStatus: 200, contentType: 'image/png', bytes: 1200, format: 'png', redirects: [], ...extra });
const U = 'https://cdn.example.com/a.png';

ruleTester(rule, {
  valid: [
    { html: img(U), probes: { [U]: ok() } },
    { name: 'not probed (no result) is not a finding', html: img(U), probes: {} },
    { name: 'relative URLs are never probed', html: img('a.png'), probes: {} },
  ],
  invalid: [
    { name: '404', html: img(U), probes: { [U]: ok({ status: 'broken', code: 'http-error', reason: 'HTTP 404 Not Found', httpStatus: 404 }) }, errors: [{ messageId: 'broken', line: 1, column: 11, severity: 'error', message: 'HTTP 404' }] },
    { name: 'HTML page at an image URL', html: img(U), probes: { [U]: ok({ status: 'broken', code: 'not-image', reason: 'text/html', contentType: 'text/html; charset=utf-8' }) }, errors: [{ messageId: 'notImage', line: 1, column: 11, severity: 'error', message: "'text/html'" }] },
    { name: 'empty body', html: img(U), probes: { [U]: ok({ status: 'broken', code: 'empty-body', reason: 'empty body', bytes: 0 }) }, errors: [{ messageId: 'emptyBody', line: 1, column: 11 }] },
    { name: 'ok status but an HTML content type is still an error', html: img(U), probes: { [U]: ok({ contentType: 'text/html' }) }, errors: [{ messageId: 'notImage', line: 1, column: 11, severity: 'error' }] },
    { name: '403 is unknown: a warning without points', html: img(U), probes: { [U]: ok({ status: 'unknown', code: 'forbidden', reason: 'HTTP 403 Forbidden', httpStatus: 403 }) }, errors: [{ messageId: 'unknown', line: 1, column: 11, severity: 'warning', message: 'HTTP 403' }] },
    { name: 'timeout is unknown', html: img(U), probes: { [U]: ok({ status: 'unknown', code: 'timeout', reason: 'no answer within 10 s', httpStatus: undefined }) }, errors: [{ messageId: 'unknown', line: 1, column: 11, severity: 'warning', message: 'timeout' }] },
    { name: 'SSRF refusal says why', html: img('https://intranet.corp/a.png'), probes: { 'https://intranet.corp/a.png': ok({ status: 'refused', code: 'ssrf-refused', reason: 'refused: intranet.corp resolves to 10.0.0.5, a private address' }) }, errors: [{ messageId: 'refused', line: 1, column: 11, severity: 'warning', message: '10.0.0.5, a private address' }] },
    { name: 'redirect ending on http', html: img(U), probes: { [U]: ok({ redirects: [{ url: U, status: 301 }], finalUrl: 'http://cdn.example.com/a.png', redirectedToHttp: true }) }, errors: [{ messageId: 'redirectHttp', line: 1, column: 11, severity: 'warning' }] },
    { name: 'redirect to another host is info', html: img(U), probes: { [U]: ok({ redirects: [{ url: U, status: 302 }], finalUrl: 'https://other.example.net/a.png', redirectedToOtherHost: true }) }, errors: [{ messageId: 'redirectHost', line: 1, column: 11, severity: 'info' }] },
    { name: 'too many redirects', html: img(U), probes: { [U]: ok({ status: 'broken', code: 'too-many-redirects', reason: 'more than 5 redirects', redirects: Array.from({ length: 6 }, () => ({ url: U, status: 302 })) }) }, errors: [{ messageId: 'tooManyRedirects', line: 1, column: 11 }] },
    {
      name: 'dynamic URL: the sample-resolved URL is probed',
      html: img('{{logo}}'),
      data: { logo: U },
      probes: { [U]: ok({ status: 'broken', code: 'http-error', reason: 'HTTP 410 Gone', httpStatus: 410 }) },
      errors: [{ messageId: 'broken', line: 1, column: 11, message: 'with data sample #1' }],
    },
  ],
});
