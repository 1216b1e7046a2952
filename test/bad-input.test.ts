/** Bad input never crashes: every case gives a located finding (exit 1) rather than exit 2 or a throw. */
import { describe, it, expect } from 'vitest';
import { writeFileSync, openSync, closeSync, ftruncateSync } from 'node:fs';
import path from 'node:path';
import { tempDir, runJson } from './helpers.js';

const meta = '{"subject": "Hello"}';

async function reviewOne(files: Record<string, string | Uint8Array>, target: string) {
  const dir = tempDir(files);
  const r = await runJson([target], dir);
  expect(r.stderr).toBe('');
  return r.json.results[0];
}

describe('bad input', () => {
  it('empty template', async () => {
    const r = await reviewOne({ 'e.html': '', 'e.meta.json': meta }, 'e.html');
    expect(r.decision.verdict).toBe('rejected');
    expect(r.findings[0]).toMatchObject({ ruleId: 'syntax/unreadable', line: 1, column: 1, message: expect.stringContaining('empty') });
  });

  it('binary file', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const r = await reviewOne({ 'logo.html': png, 'logo.meta.json': meta }, 'logo.html');
    expect(r.decision.verdict).toBe('rejected');
    expect(r.findings.map((f: any) => f.ruleId)).toEqual(['syntax/unreadable']);
    expect(r.findings[0].message).toContain('binary');
  });

  it('invalid UTF-8 located at the first bad byte', async () => {
    const bytes = Buffer.concat([Buffer.from('<p>line one</p>\n<p>caf'), Buffer.from([0xe9]), Buffer.from(' au lait</p>\n')]);
    const r = await reviewOne({ 'w.html': bytes, 'w.meta.json': meta }, 'w.html');
    expect(r.findings[0]).toMatchObject({ ruleId: 'syntax/unreadable', line: 2, column: 7 });
    expect(r.findings[0].message).toMatch(/not valid UTF-8.*0xe9/);
  });

  it('UTF-16 file is named as such', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<p>hi</p>', 'utf16le')]);
    const r = await reviewOne({ 'u.html': utf16, 'u.meta.json': meta }, 'u.html');
    expect(r.findings[0].message).toContain('UTF-16');
  });

  it('malformed sidecar JSON gives a finding at its line and column, and the template is still reviewed', async () => {
    const r = await reviewOne({ 'd.html': '<html lang="en"><head><title>t</title></head><body><script>x</script></body></html>', 'd.txt': 'x', 'd.meta.json': meta, 'd.data.json': '{\n  "a": 1,\n  "b": }\n' }, 'd.html');
    const ids = r.findings.map((f: any) => `${f.ruleId} ${f.part} ${f.line}:${f.column}`);
    expect(ids).toContain('syntax/invalid-json data 3:8');
    expect(ids).toContain('html/no-active-content html 1:52');
    expect(r.findings.find((f: any) => f.part === 'data').file).toBe('d.data.json');
  });

  it('a missing sibling is a finding, not an error', async () => {
    const r = await reviewOne({ 'lonely.html': '<html lang="en"><head><title>t</title></head><body>hi</body></html>' }, 'lonely.html');
    // No meta: the subject is given at send time, so it is not reviewed (and not a defect).
    expect(r.findings.map((f: any) => f.ruleId)).toEqual(['content/missing-text-part']);
    expect(r.decision.subject).toBe('not_reviewed');
  });

  it('a 20 MB file is refused with a clear finding and not read', async () => {
    const dir = tempDir({ 'big.meta.json': meta });
    const file = path.join(dir, 'big.html');
    writeFileSync(file, '');
    const fd = openSync(file, 'r+');
    ftruncateSync(fd, 20 * 1024 * 1024); // sparse: no 20 MB written to disk
    closeSync(fd);
    const { json } = await runJson(['big.html'], dir);
    const f = json.results[0].findings[0];
    expect(f).toMatchObject({ ruleId: 'syntax/unreadable', line: 1, column: 1 });
    expect(f.message).toMatch(/20\.0 MB, over the 10\.0 MB limit: it was not read/);
  });

  it('deeply nested HTML stops at the DOM depth budget with one finding', async () => {
    const deep = '<div>'.repeat(20_000) + 'x' + '</div>'.repeat(20_000);
    const r = await reviewOne({ 'deep.html': `<html lang="en"><head><title>t</title></head><body>${deep}</body></html>`, 'deep.txt': 'x', 'deep.meta.json': meta }, 'deep.html');
    expect(r.findings.filter((f: any) => f.ruleId === 'syntax/review-limits').map((f: any) => f.message)).toEqual([expect.stringContaining('nest more than 500 deep')]);
    expect(r.decision.verdict).toBe('rejected');
  });

  it('deeply nested Handlebars stops with one finding', async () => {
    const deep = '{{#if a}}'.repeat(5000) + 'x' + '{{/if}}'.repeat(5000);
    const r = await reviewOne({ 'h.html': deep, 'h.txt': 'x', 'h.meta.json': meta }, 'h.html');
    expect(r.findings.filter((f: any) => f.ruleId === 'syntax/handlebars')).toHaveLength(1);
    expect(r.findings[0].message).toContain('nested more than 100 deep');
  });

  it('deeply nested MJML gives a finding, not a crash', async () => {
    const deep = '<mj-wrapper>'.repeat(3000) + '</mj-wrapper>'.repeat(3000);
    const r = await reviewOne({ 'm.mjml': `<mjml><mj-body>${deep}</mj-body></mjml>`, 'm.txt': 'x', 'm.meta.json': meta }, 'm.mjml');
    expect(r.decision.verdict).toBe('rejected');
    expect(r.findings.some((f: any) => f.ruleId === 'syntax/mjml')).toBe(true);
  });

  it('invalid MJML and broken Handlebars together', async () => {
    const r = await reviewOne({ 'x.mjml': '<mjml><mj-body><mj-section><mj-text>{{#if}}</mj-text></mj-section></mj-body></mjml>', 'x.meta.json': meta }, 'x.mjml');
    expect(r.findings.map((f: any) => f.ruleId)).toEqual(expect.arrayContaining(['syntax/mjml', 'syntax/handlebars']));
  });

  it('malformed provider JSON that looks like a template', async () => {
    const r = await reviewOne({ 't.json': '{ "Template": { "TemplateName": "x", "HtmlPart": "<p>hi</p>" ' }, 't.json');
    expect(r.findings[0]).toMatchObject({ ruleId: 'syntax/invalid-json', line: 1 });
  });

  it('invalid base64 in a Tencent template', async () => {
    const r = await reviewOne({ 't.json': JSON.stringify({ TemplateName: 'x', TemplateContent: { Html: 'PHA+aGk8L3A+!!%%' } }, null, 2), 't.meta.json': meta }, 't.json');
    expect(r.findings[0]).toMatchObject({ ruleId: 'syntax/invalid-json', line: 4, message: expect.stringContaining('base64') });
  });
});
