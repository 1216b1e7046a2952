import rule, { matchHostingPlatform } from '../../../src/rules/links/shared-hosting.js';
import { ruleTester } from '../../rule-tester.js';
import { describe, it, expect } from 'vitest';

const lists = { hostingPlatforms: ['weebly.com', 'ipfs.io', 'docs.google.com/forms'] };

ruleTester(rule, {
  valid: [
    { html: '<a href="https://www.example.com/account">Account</a>', lists },
    { name: 'the platform itself is not a site on it', html: '<a href="https://web.app/">Firebase</a>', lists },
    { name: 'a content-delivery network serves the sender\'s own files', html: '<a href="https://d1abc.cloudfront.net/guide.pdf">Guide</a>', lists },
    { name: 'images are not links', html: '<img src="https://x.github.io/logo.png" alt="Logo" width="10" height="10">', lists },
    { name: 'a Google document is not a form', html: '<a href="https://docs.google.com/document/d/1">Doc</a>', lists },
    { name: 'list only', html: '<a href="https://x.web.app/login">Log in</a>', lists, options: { privateSuffixes: false } },
    { name: 'dynamic host without samples', html: '<a href="{{link}}">Shop</a>', lists },
  ],
  invalid: [
    { name: 'a private public suffix', html: '<a href="https://account-review.web.app/login">Review</a>', lists, errors: [{ messageId: 'hosting', line: 1, column: 10, evidence: 'account-review.web.app', message: 'a site on web.app' }] },
    { name: 'upper case host', html: '<p>x</p>\n<a href="https://Docs-Share.Pages.Dev/view">Open</a>', lists, errors: [{ messageId: 'hosting', line: 2, column: 10, message: 'pages.dev' }] },
    { name: 'a listed site builder', html: '<a href="https://secure-login.weebly.com/">Log in</a>', lists, errors: [{ messageId: 'hosting', line: 1, column: 10, message: 'a site on weebly.com' }] },
    { name: 'a listed host and path', html: '<a href="https://docs.google.com/forms/d/e/1/viewform">Verify</a>', lists, errors: [{ messageId: 'hosting', line: 1, column: 10, message: 'docs.google.com/forms' }] },
    { name: 'an IPFS gateway', html: '<a href="https://ipfs.io/ipfs/bafy/index.html">Open</a>', lists, errors: [{ messageId: 'hosting', line: 1, column: 10 }] },
    { name: 'text part', html: '<p>x</p>', text: 'Open it:\nhttps://files.x.r2.dev/a', lists, errors: [{ messageId: 'hosting', part: 'text', line: 2, column: 1, message: 'r2.dev' }] },
    { name: 'resolved from a sample', html: '<a href="{{link}}">Shop</a>', data: [{ link: 'https://example.com' }, { link: 'https://shop.netlify.app/x' }], lists, errors: [{ messageId: 'hosting', line: 1, column: 10, message: 'data sample #2' }] },
  ],
});

describe('matchHostingPlatform', () => {
  it('matches a host, its subdomains and host-and-path entries only', () => {
    expect(matchHostingPlatform('a.weebly.com', '/', lists.hostingPlatforms)).toBe('weebly.com');
    expect(matchHostingPlatform('notweebly.com', '/', lists.hostingPlatforms)).toBeUndefined();
    expect(matchHostingPlatform('docs.google.com', '/Forms/d/1', lists.hostingPlatforms)).toBe('docs.google.com/forms');
    expect(matchHostingPlatform('docs.google.com', '/spreadsheets/d/1', lists.hostingPlatforms)).toBeUndefined();
  });
});
