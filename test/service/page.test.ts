/**
 * The review page in headless Chromium (Debian's, driven by playwright-core): log in with an API key, load
 * the queue, filter it, open a review, see the sandboxed preview, override the verdict with a note.
 * Screenshots go to test-results/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestService, type TestService } from './helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results');

let t: TestService;
let browser: Browser;
let key: string;
let otherKey: string;
let goodId: string;
let badId: string;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  t = await startTestService({});
  key = await t.key('acme');
  otherKey = await t.key('globex');
  const good = await call(t.url, 'POST', '/v1/reviews?wait=15000', {
    key,
    body: {
      name: 'order-shipped',
      html: '<html><body><h1>Hi {{name}}</h1><p>Your order {{order}} has shipped.</p><img src="https://cdn.example.com/logo.png" alt="Logo" width="10" height="10"><script>document.title="pwned"</script></body></html>',
      text: 'Hi {{name}}, your order {{order}} has shipped.',
      subject: 'Order {{order}} shipped',
      data: [{ name: 'Ada', order: 'A-1' }, { name: 'Lin', order: 'B-2' }],
    },
  });
  goodId = good.body.id;
  const bad = await call(t.url, 'POST', '/v1/reviews?wait=15000', { key, body: { name: 'broken-block', html: '<p>{{#if name}}Hello</p>\n<p>second line</p>', subject: 'Hi' } });
  badId = bad.body.id;
  const welcome = await call(t.url, 'POST', '/v1/reviews?wait=15000', { key, body: { name: 'welcome', html: '<p>Welcome aboard, {{name}}.</p>', text: 'Welcome aboard, {{name}}.', subject: 'Welcome', data: { name: 'Ada' } } });
  expect(welcome.body.verdict).not.toBe('rejected');
  await call(t.url, 'POST', '/v1/reviews?wait=15000', { key: otherKey, body: { name: 'globex-secret', html: '<p>x</p>' } });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe.skipIf(!existsSync(CHROMIUM))('review page in Chromium', () => {
  it('login, queue, filter, review with sandboxed preview, override with a note', async () => {
    // A tall viewport: Chromium does not paint out-of-process (sandboxed) frames below the fold in screenshots.
    const context = await browser.newContext({ viewport: { width: 1280, height: 2600 } });
    const page = await context.newPage();
    const remoteRequests: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(t.url) && !r.url().startsWith('data:') && !r.url().startsWith('about:')) remoteRequests.push(r.url());
    });

    await page.goto(`${t.url}/ui/reviews`);
    expect(page.url()).toBe(`${t.url}/ui/login`);
    await page.fill('input[name=key]', 'ilk_wrong');
    await page.click('button');
    expect(await page.textContent('.err')).toContain('Unknown API key');
    await page.fill('input[name=key]', key);
    await page.click('button');
    await page.waitForURL(`${t.url}/ui/reviews`);

    const cookie = (await context.cookies()).find((c) => c.name === 'inboxlint_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');

    // The queue shows this tenant's reviews only.
    const names = await page.locator('tbody td:first-child').allTextContents();
    expect(names.sort()).toEqual(['broken-block', 'order-shipped', 'welcome']);
    await page.screenshot({ path: path.join(OUT, 'service-queue.png'), fullPage: true });
    await page.click('text=Rejected');
    const rejected = await page.locator('tbody td:first-child').allTextContents();
    expect(rejected).toContain('broken-block');
    expect(rejected).not.toContain('welcome');
    expect((await page.locator('tbody td:nth-child(2)').allTextContents()).every((v) => v === 'rejected')).toBe(true);
    // Each says why in one line: the decision's summary, naming the defects' rules.
    expect((await page.locator('tbody td.why').allTextContents()).sort()).toEqual(['rejected: 1 defect (html/no-active-content)', 'rejected: 1 defect (syntax/handlebars)']);

    // One review: verdict, findings with code frames.
    await page.click('text=broken-block');
    await page.waitForURL(`${t.url}/ui/reviews/${badId}`);
    expect(await page.textContent('section')).toContain('Machine verdict: rejected');
    expect(await page.locator('.finding').count()).toBeGreaterThan(0);
    expect(await page.locator('pre.frame .hl').count()).toBeGreaterThan(0);

    // The shipping notice (rejected for its <script>): one sandboxed frame per sample, scripts not run,
    // remote images not loaded.
    await page.goto(`${t.url}/ui/reviews/${goodId}`);
    const frames = page.locator('iframe');
    expect(await frames.count()).toBe(2);
    expect(await frames.first().getAttribute('sandbox')).toBe('');
    // Locators wait for each frame's document (srcdoc frames load after the page).
    expect(await page.frameLocator('iframe >> nth=0').locator('h1').textContent()).toBe('Hi Ada');
    expect(await page.frameLocator('iframe >> nth=1').locator('h1').textContent()).toBe('Hi Lin');
    // The template's <script> (document.title = "pwned") did not run in the sandbox.
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    expect(await frame.title()).not.toBe('pwned');
    expect(remoteRequests).toEqual([]);
    // What drove it: the summary, then the defect that rejected it (the <script>) with where it is, then what
    // moved the risk, each driver said as the CLI says it (a quoted word, a rule, a category), never by its
    // feature name, with where.
    expect(await page.textContent('p.summary')).toBe('rejected: 1 defect (html/no-active-content)');
    expect(await page.locator('ul.defects li').allTextContents()).toEqual(['html/no-active-content — “script” at order-shipped.html:1:151']);
    // Each defect links to its finding, with the code frame.
    const target = await page.locator('ul.defects li a').getAttribute('href');
    expect(await page.locator(`${target} code`).first().textContent()).toBe('html/no-active-content');
    expect(await page.locator(`${target} pre.frame .hl`).count()).toBeGreaterThan(0);
    const drivers = await page.locator('ul.drivers li').allTextContents();
    expect(drivers.length).toBeGreaterThan(0);
    for (const d of drivers) expect(d).toMatch(/^(?![tuhcpnf]h?:)\S.* (at (html|text|subject) \d+:\d+ )?\([+-]?\d+\.\d\d\)$/);
    await page.screenshot({ path: path.join(OUT, 'service-review.png'), fullPage: true });

    // Override: reject with a note; the audit trail and the API show it beside the machine's verdict.
    await page.fill('textarea[name=note]', 'Marketing copy in a transactional template');
    await page.click('button[value=rejected]');
    await page.waitForURL(`${t.url}/ui/reviews/${goodId}`);
    expect(await page.textContent('ol')).toContain('Marketing copy in a transactional template');
    await page.screenshot({ path: path.join(OUT, 'service-decided.png'), fullPage: true });
    const api = await call(t.url, 'GET', `/v1/reviews/${goodId}`, { key });
    expect(api.body.humanVerdict).toBe('rejected');
    expect(api.body.verdict).not.toBe(undefined);
    expect(api.body.decisions[0].note).toBe('Marketing copy in a transactional template');

    // A form post without the session's CSRF token is refused, and another tenant's review is not found.
    const headers = { cookie: `inboxlint_session=${cookie.value}`, 'content-type': 'application/x-www-form-urlencoded' };
    const forged = await fetch(`${t.url}/ui/reviews/${goodId}/decision`, { method: 'POST', headers, body: 'verdict=approved&note=forged&csrf=nope', redirect: 'manual' });
    expect(forged.status).toBe(403);
    expect((await call(t.url, 'GET', `/v1/reviews/${goodId}`, { key })).body.decisions.length).toBe(1);
    const others = await call(t.url, 'GET', '/v1/reviews', { key: otherKey });
    const res = await fetch(`${t.url}/ui/reviews/${others.body.items[0].id}`, { headers });
    expect(res.status).toBe(404);
    await context.close();
  });
});
