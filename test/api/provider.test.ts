/** Provider template JSON parsed from a string (src/parse/provider.ts): formats, locations, bad input. */
import { describe, expect, it } from 'vitest';
import { parseProviderTemplate, providerFormat } from '../../src/parse/provider.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const at = (text: string, offset: number) => {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
};

describe('provider template JSON', () => {
  it('recognises AWS SES v1 (nested and flat), SESv2 and Tencent, and nothing else', () => {
    expect(providerFormat({ Template: { TemplateName: 'a', HtmlPart: '<p/>' } })).toBe('aws-v1');
    expect(providerFormat({ SubjectPart: 's' })).toBe('aws-v1');
    expect(providerFormat({ TemplateContent: { Subject: 's', Html: 'x' } })).toBe('aws-v2');
    expect(providerFormat({ TemplateContent: { Html: '<p>plain</p>' } })).toBe('aws-v2');
    expect(providerFormat({ TemplateContent: { Html: b64('<p>x</p>') } })).toBe('tencent');
    // Broken base64 is still Tencent's (no '<', no space): it gets a located issue, not another reading.
    expect(providerFormat({ TemplateContent: { Html: 'PHA+!!%%' } })).toBe('tencent');
    for (const other of [{ foo: 1 }, [1], null, 'x', { TemplateContent: 'x' }]) expect(providerFormat(other)).toBeUndefined();
    expect(parseProviderTemplate('{"name": "package"}', { path: 'p.json', name: 'p' })).toBeUndefined();
    expect(parseProviderTemplate('{ broken', { path: 'p.json', name: 'p' })).toBeUndefined();
  });

  it('AWS v1: parts are located in the JSON text, escapes included', () => {
    const text = JSON.stringify({ Template: { TemplateName: 'Welcome', SubjectPart: 'Hi {{name}}', HtmlPart: '<p>a\n"b"</p>', TextPart: 'Hi' } }, null, 2);
    const src = parseProviderTemplate(text, { path: 'welcome.json', name: 'welcome' })!;
    expect(src).toMatchObject({ name: 'Welcome', origin: 'aws', kind: 'html', providerKeys: { html: 'HtmlPart', subject: 'SubjectPart' } });
    expect(src.html!.text).toBe('<p>a\n"b"</p>');
    // "b" in the HTML part is after the escaped newline and quote: its offset maps into the JSON line of HtmlPart.
    const b = src.html!.text.indexOf('b');
    const file = src.html!.offsetMap![b]!;
    expect(src.html!.fileText!.slice(file, file + 1)).toBe('b');
    expect(at(text, file).line).toBe(5);
    expect(src.subject!.text).toBe('Hi {{name}}');
  });

  it('AWS v2 names TemplateContent keys; without Html and Text it is a located issue', () => {
    const src = parseProviderTemplate(JSON.stringify({ TemplateName: 'v2', TemplateContent: { Subject: 'S', Html: '<p>x</p>' } }), { path: 'v2.json', name: 'f' })!;
    expect(src.providerKeys).toEqual({ html: 'Html', text: 'Text', subject: 'Subject', prefix: 'TemplateContent.' });
    expect(src.html!.text).toBe('<p>x</p>');
    const empty = parseProviderTemplate('{\n  "TemplateContent": { "Subject": "S" }\n}', { path: 'e.json', name: 'e' })!;
    expect(empty.loadIssues![0]).toMatchObject({ kind: 'invalid-provider-json', message: expect.stringContaining('neither Html nor Text') });
    expect(at(empty.loadIssues![0]!.fileText!, empty.loadIssues![0]!.span!.start).line).toBe(2);
  });

  it('Tencent: base64 decoded, located at the JSON value; bad base64 and bad UTF-8 are issues there', () => {
    const text = JSON.stringify({ TemplateName: 'verify', TemplateContent: { Html: b64('<p>验证码 {{code}}</p>'), Text: 'not-base64!' }, Subject: '验证' }, null, 2);
    const src = parseProviderTemplate(text, { path: 'verify.json', name: 'v' })!;
    expect(src.origin).toBe('tencent');
    expect(src.html).toMatchObject({ text: '<p>验证码 {{code}}</p>', encoded: 'TemplateContent.Html' });
    expect(text[src.html!.offsetMap![5]!]).toBe(b64('<')[0]);
    expect(src.subject!.text).toBe('验证');
    expect(src.loadIssues).toEqual([expect.objectContaining({ part: 'text', message: 'TemplateContent.Text must be base64-encoded text.' })]);
    const latin1 = parseProviderTemplate(JSON.stringify({ TemplateContent: { Html: Buffer.from([0x3c, 0x70, 0x3e, 0xe9]).toString('base64') } }), { path: 'l.json', name: 'l' })!;
    expect(latin1.loadIssues![0]).toMatchObject({ kind: 'invalid-utf8', part: 'html', path: 'l.json' });
  });

  it('broken JSON naming template keys is a source with the parse error located', () => {
    const src = parseProviderTemplate('{ "Template": { "HtmlPart": "<p>hi</p>" ', { path: 't.json', name: 't' })!;
    expect(src.html).toBeUndefined();
    expect(src.loadIssues![0]).toMatchObject({ kind: 'invalid-provider-json', message: expect.stringContaining('Invalid provider template JSON') });
  });

  it("'parts' locations: each part a file of its own named by its key", () => {
    const v1 = parseProviderTemplate(JSON.stringify({ Template: { TemplateName: 'a', HtmlPart: '<p/>', SubjectPart: 's' } }), { path: 'a.json', name: 'a', locate: 'parts' })!;
    expect(v1.html).toEqual({ part: 'html', path: 'a.json#Template.HtmlPart', text: '<p/>' });
    expect(v1.subject!.path).toBe('a.json#Template.SubjectPart');
    const tc = parseProviderTemplate(JSON.stringify({ TemplateContent: { Text: b64('你好') } }), { path: 't.json', name: 't', locate: 'parts' })!;
    expect(tc.text).toEqual({ part: 'text', path: 't.json#TemplateContent.Text', text: '你好' });
  });
});
