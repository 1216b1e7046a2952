/**
 * Findings point at the right file, line and column for every input kind, in the JSON and SARIF output:
 * HTML, MJML with includes, Handlebars partials, AWS SES v1 and v2 JSON, Tencent Cloud SES JSON (base64),
 * text part, meta and data files.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import path from 'node:path';
import { tempDir, runJson, runCli } from '../helpers.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const body = '<p>Your order has shipped and will arrive on Tuesday. Thank you for shopping with us.</p>';

const files: Record<string, string> = {
  // HTML: a relative image on line 3.
  'page.html': `<!doctype html><html lang="en"><head><title>Order</title></head><body>\n${body}\n<img src="img/logo.png" alt="Logo" width="10" height="10">\n</body></html>`,
  'page.txt': 'Your order has shipped.\nTrack it at http://track.example.com/x today.',
  'page.meta.json': '{\n  "subject": "Your order",\n  "category": "nope"\n}',
  'page.data.json': '{\n  "name": "Ada",\n  oops\n}',
  // MJML whose included footer has the relative image (line 2 of the include).
  'mail/order.mjml': `<mjml lang="en">\n  <mj-body>\n    <mj-section><mj-column><mj-text>${body}</mj-text></mj-column></mj-section>\n    <mj-include path="./shared/footer.mjml" />\n  </mj-body>\n</mjml>`,
  'mail/order.meta.json': '{"subject": "Your order"}',
  'mail/shared/footer.mjml': '<mj-section><mj-column>\n  <mj-image src="img/footer.png" alt="Footer" width="10px" height="10px" />\n</mj-column></mj-section>\n',
  // Handlebars: a partial that does not exist, called on line 2.
  'hbs/welcome.hbs': `<html lang="en"><head><title>Hi</title></head><body>${body}\n{{> missing_footer}}\n{{> footer}}\n</body></html>`,
  'hbs/welcome.meta.json': '{"subject": "Hi"}',
  'hbs/partials/footer.hbs': '<p>Sent by {{company}}</p>\n<p><img src="f.png" alt="" width="1" height="1"></p>',
  // AWS SES v1 and v2, pretty-printed: the image is inside the HtmlPart / TemplateContent.Html string.
  'aws/v1.json': JSON.stringify({ Template: { TemplateName: 'v1', SubjectPart: 'Order', HtmlPart: `<html lang="en"><head><title>t</title></head><body>${body}<img src="a.png" alt="a" width="1" height="1"></body></html>`, TextPart: 'Your order has shipped.' } }, null, 2),
  'aws/v2.json': JSON.stringify({ TemplateName: 'v2', TemplateContent: { Subject: 'Order', Html: `<html lang="en"><head><title>t</title></head><body>${body}<img src="b.png" alt="b" width="1" height="1"></body></html>`, Text: 'Your order has shipped.' } }, null, 2),
  // Tencent: base64 HTML whose line 2 has the image.
  'tencent/verify.json': JSON.stringify({ TemplateName: 'verify', TemplateContent: { Html: b64(`<html lang="zh"><head><title>t</title></head><body>${body}\n<img src="c.png" alt="c" width="1" height="1"></body></html>`), Text: b64('Your order has shipped.') } }, null, 2),
};

let results: any[];
const find = (rule: string, file: string) => results.flatMap((r) => r.findings).find((f: any) => f.ruleId === rule && f.file === path.normalize(file));

describe('finding locations by input kind', () => {
  let dir: string;
  beforeAll(async () => {
    dir = tempDir(files);
    results = (await runJson(['--no-config', '.'], dir)).json.results;
  });

  it('HTML', () => expect(find('images/absolute-url', 'page.html')).toMatchObject({ line: 3, column: 11, endLine: 3, endColumn: 23 }));
  it('text part', () => expect(find('links/require-https', 'page.txt')).toMatchObject({ line: 2, column: 13 }));
  it('meta', () => expect(find('syntax/invalid-meta', 'page.meta.json')).toMatchObject({ line: 3, column: 15 }));
  it('data', () => expect(find('syntax/invalid-json', 'page.data.json')).toMatchObject({ line: 3, column: 3 }));
  it('MJML include: in the included file', () => expect(find('images/absolute-url', 'mail/shared/footer.mjml')).toMatchObject({ line: 2, column: 18 }));
  it('Handlebars partial: a missing one at the call', () => expect(find('data/unknown-partial', 'hbs/welcome.hbs')).toMatchObject({ line: 2, column: 5 }));
  it('Handlebars partial: findings in it are located in the partial file', () => expect(find('images/absolute-url', 'hbs/partials/footer.hbs')).toMatchObject({ line: 2, column: 14 }));

  it('AWS v1: inside the HtmlPart string', () => {
    const f = find('images/absolute-url', 'aws/v1.json');
    expect(f).toMatchObject({ line: 5 });
    expect(files['aws/v1.json']!.split('\n')[4]!.slice(f.column - 1, f.endColumn - 1)).toBe('a.png');
  });

  it('AWS v2 (TemplateContent, plain strings) is read as AWS, not as malformed Tencent', () => {
    const r = results.find((x) => x.path === path.join('aws', 'v2.json'));
    expect(r.findings.map((f: any) => f.ruleId)).not.toContain('syntax/unreadable');
    const f = find('images/absolute-url', 'aws/v2.json');
    const line = files['aws/v2.json']!.split('\n')[f.line - 1]!;
    expect(line).toContain('"Html"');
    expect(line.slice(f.column - 1, f.endColumn - 1)).toBe('b.png');
    // Nothing about a missing subject or text part: TemplateContent.Subject and Text were read.
    expect(r.findings.map((f: any) => f.ruleId)).not.toContain('content/subject-missing');
    expect(r.findings.map((f: any) => f.ruleId)).not.toContain('content/missing-text-part');
  });

  it('Tencent base64: at the JSON value, naming the decoded line in the message', () => {
    const f = find('images/absolute-url', 'tencent/verify.json');
    const line = files['tencent/verify.json']!.split('\n')[f.line - 1]!;
    expect(line).toMatch(/^\s*"Html": "/);
    expect(f.column).toBe(line.indexOf('"Html": "') + 10);
    expect(f.message).toContain('[in base64 TemplateContent.Html: decoded line 2, column 11]');
  });

  it('Tencent: no subject in the template is not a finding (given at send time); SESv2 without one names TemplateContent.Subject', async () => {
    expect(find('content/subject-missing', 'tencent/verify.json')).toBeUndefined();
    const v2 = JSON.parse(files['aws/v2.json']!);
    delete v2.TemplateContent.Subject;
    const { json } = await runJson(['--no-config', '.'], tempDir({ 'v2.json': JSON.stringify(v2, null, 2) }));
    const f = json.results[0].findings.find((x: any) => x.ruleId === 'content/subject-missing');
    expect(f.message).toContain('add TemplateContent.Subject');
  });

  it('SARIF artifact URIs are the files themselves', async () => {
    const r = await runCli(['--no-config', '-f', 'sarif', '.'], dir);
    const sarif = JSON.parse(r.stdout);
    const uris = new Set<string>(sarif.runs[0].results.map((x: any) => x.locations[0].physicalLocation.artifactLocation.uri));
    expect(uris).toContain('mail/shared/footer.mjml');
    expect(uris).toContain('tencent/verify.json');
    expect([...uris].some((u) => u.includes('#'))).toBe(false);
  });
});
