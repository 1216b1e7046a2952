/** The service's review adapter: API bodies → template sources, and --check-urls through the SSRF guard. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyFiles, bodyKind, createReviewer, sourceFromBody, withoutFileTexts } from '../../src/service/review-adapter.js';
import { templateSource, providerSource, type TemplateInput, type ProviderJsonInput } from '../../src/api/input.js';

describe('sourceFromBody', () => {
  it('tells bundles, AWS v1/v2 and Tencent apart', () => {
    expect(bodyKind({ html: '<p/>' })).toBe('bundle');
    expect(bodyKind({ Template: { TemplateName: 'a', HtmlPart: '<p/>' } })).toBe('aws');
    expect(bodyKind({ TemplateName: 'a', TemplateContent: { Subject: 's', Html: '<p>x</p>' } })).toBe('aws');
    expect(bodyKind({ TemplateName: 'a', TemplateContent: { Html: Buffer.from('<p>x</p>').toString('base64') } })).toBe('tencent');
    expect(bodyKind({ TemplateName: 'a', TemplateContent: { Html: '<p>not base64</p>' } })).toBe('aws');
    expect(bodyKind({ foo: 1 })).toBeUndefined();
    expect(bodyKind([1])).toBeUndefined();
  });

  it('builds the library input, with the request profile in meta', async () => {
    const s = sourceFromBody({ name: 'w', mjml: '<mjml></mjml>', text: 't', subject: 's', data: [{ a: 1 }], meta: { category: 'marketing' } }, 'bundle', 'isp/gmail');
    expect(s).toEqual({ template: { name: 'w', mjml: '<mjml></mjml>', text: 't', subject: 's', data: [{ a: 1 }], meta: { category: 'marketing' }, profile: 'isp/gmail' } });
    const src = templateSource((s as { template: TemplateInput }).template);
    expect(src.kind).toBe('mjml');
    expect(src.html!.path).toBe('w.mjml');
    expect(JSON.parse(src.meta!.text)).toEqual({ category: 'marketing', profile: 'isp/gmail' });
    expect(JSON.parse(src.data!.text)).toEqual([{ a: 1 }]);
    const tc = sourceFromBody({ TemplateName: 'n', Subject: 'Hi', TemplateContent: { Html: Buffer.from('<p>好</p>').toString('base64') }, TemplateData: { a: 1 } }, 'tencent');
    const tsrc = providerSource((tc as { providerJson: ProviderJsonInput }).providerJson);
    expect(tsrc.html).toEqual({ part: 'html', path: 'n.json#TemplateContent.Html', text: '<p>好</p>' });
    expect(tsrc.subject!.text).toBe('Hi');
    expect(JSON.parse(tsrc.meta!.text).provider).toBe('tencent');
    expect(JSON.parse(tsrc.data!.text)).toEqual({ a: 1 });
    const reviewer = createReviewer();
    try {
      const out = await reviewer.review(tc);
      expect(out.report.files.html).toEqual({ path: 'n.json#TemplateContent.Html', text: '<p>好</p>' });
      // Stored and answered without the texts; the page reads them back from the body, as the review read them.
      expect(withoutFileTexts(out.report).files).toEqual({ html: { path: 'n.json#TemplateContent.Html' }, subject: { path: 'n.json#Subject' }, data: { path: out.report.files.data!.path }, meta: { path: out.report.files.meta!.path } });
      const body = JSON.stringify({ TemplateName: 'n', Subject: 'Hi', TemplateContent: { Html: Buffer.from('<p>好</p>').toString('base64') }, TemplateData: { a: 1 } });
      expect(bodyFiles(body)).toEqual(out.report.files);
      expect(bodyFiles('{"not":"a template"}')).toEqual({});
      expect(bodyFiles('{')).toEqual({});
      const previews = await reviewer.previews(tc);
      expect(previews[0]!.html).toContain('好');
    } finally {
      await reviewer.close();
    }
  });
});

describe('<mj-include> in a submitted template', () => {
  it('is a defect: the service reads no files, so the template cannot be compiled whole (not "not reviewed")', async () => {
    const mjml = '<mjml lang="en">\n<mj-body>\n<mj-include path="./partials/header.mjml" />\n<mj-section><mj-column><mj-text>Your workspace is ready.</mj-text></mj-column></mj-section>\n</mj-body>\n</mjml>';
    const reviewer = createReviewer();
    try {
      const out = await reviewer.review(sourceFromBody({ name: 'w', mjml, text: 'Your workspace is ready.', subject: 'Ready' }, 'bundle'));
      const f = out.report.findings.find((x) => x.ruleId === 'syntax/mjml-include');
      expect(f).toMatchObject({ messageId: 'missing', kind: 'defect', line: 3, column: 19 });
      expect(out.report.decision.verdict).toBe('rejected');
    } finally {
      await reviewer.close();
    }
  });
});

describe('--check-urls in the service', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e3f8a1a30000000049454e44ae426082', 'hex');
    server = createServer((req, res) => {
      if (req.url?.startsWith('/logo.png')) res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length }).end(req.method === 'HEAD' ? undefined : png);
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const body = () => ({ html: `<p>Hi</p><img src="${base}/logo.png" alt="Logo" width="1" height="1"><img src="${base}/missing.png" alt="x" width="1" height="1">`, text: 'Hi', subject: 'Hi' });

  it('refuses private and loopback addresses unless the operator allows them', async () => {
    const guarded = createReviewer({ checkUrls: true });
    const open = createReviewer({ checkUrls: true, allowPrivateHosts: true });
    try {
      const refused = await guarded.review(sourceFromBody(body(), 'bundle'));
      expect(refused.report.decision.probes).toBe('ran');
      const r1 = refused.report.findings.filter((f) => f.ruleId === 'images/broken');
      expect(r1.length).toBe(2);
      expect(r1.every((f) => /refused|loopback/i.test(f.message))).toBe(true);
      const allowed = await open.review(sourceFromBody(body(), 'bundle'));
      const r2 = allowed.report.findings.filter((f) => f.ruleId === 'images/broken');
      expect(r2.map((f) => f.evidence ?? f.message).join(' ')).toContain('missing.png');
      expect(r2.length).toBe(1);
    } finally {
      await guarded.close();
      await open.close();
    }
  });
});
