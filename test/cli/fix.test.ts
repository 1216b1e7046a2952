/** --fix and --fix-dry-run, fixes in the JSON and SARIF formats, and the fix applier's ESLint semantics. */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir, runCli, runJson } from '../helpers.js';
import { applyEdits } from '../../src/core/fixes.js';

const page = (body: string) => `<!doctype html>\n<html lang="en"><head><title>Shipped</title></head><body>\n${body}\n</body></html>\n`;
const link = '<p>Your order has shipped. <a href="http://example.com/track">Track it</a></p>';
const files = {
  'a.html': page(`${link}\n<img src="https://example.com/a.png" width="600px" height="20" alt="">\n<!-- inboxlint-disable-next-line images/require-alt -->\n<p>ok</p>`),
  'a.txt': 'Your order has shipped.',
  'a.meta.json': '{ "subject": "Your order has shipped" }',
};
const fixed = page(`${link.replace('http:', 'https:')}\n<img src="https://example.com/a.png" width="600" height="20" alt="">\n<p>ok</p>`);

describe('fixes', () => {
  it('applyEdits: in order, overlapping edits wait for the next pass, as in ESLint', () => {
    const text = 'abcdef';
    const r = applyEdits(text, [
      { span: { start: 4, end: 5 }, text: 'E' },
      { span: { start: 0, end: 2 }, text: 'AB' },
      { span: { start: 1, end: 3 }, text: 'x' }, // overlaps the first
      { span: { start: 2, end: 2 }, text: '+' }, // starts where AB ends: next pass
      { span: { start: 9, end: 10 }, text: '?' }, // out of range: never
    ]);
    expect(r).toEqual({ text: 'ABcdEf', applied: 2, skipped: 3 });
  });

  it('json and sarif carry fixes: edits of the finding\'s file by offset', async () => {
    const dir = tempDir(files);
    const { json } = await runJson(['a.html'], dir);
    const findings = json.results[0].findings;
    const https = findings.find((f: any) => f.ruleId === 'links/require-https');
    const text = readFileSync(path.join(dir, 'a.html'), 'utf8');
    expect(https.fix.text).toBe('https');
    expect(text.slice(https.fix.range[0], https.fix.range[1])).toBe('http');
    const unused = findings.find((f: any) => f.ruleId === 'syntax/unused-disable');
    expect(unused.fix).toEqual({ range: [text.indexOf('<!-- inboxlint'), text.indexOf('<p>ok')], text: '' });

    const sarif = JSON.parse((await runCli(['a.html', '-f', 'sarif'], dir)).stdout);
    const result = sarif.runs[0].results.find((x: any) => x.ruleId === 'links/require-https');
    expect(result.fixes).toEqual([
      {
        description: { text: 'Fix' },
        artifactChanges: [{ artifactLocation: { uri: 'a.html', uriBaseId: 'SRCROOT' }, replacements: [{ deletedRegion: { charOffset: https.fix.range[0], charLength: 4 }, insertedContent: { text: 'https' } }] }],
      },
    ]);
  });

  it('--fix-dry-run: the fixed text in the JSON output, the files untouched', async () => {
    const dir = tempDir(files);
    const r = await runJson(['a.html', '--fix-dry-run'], dir);
    expect(r.json.results[0].output).toEqual({ 'a.html': fixed });
    // The report is of the fixed text: nothing fixable is left.
    expect(r.json.results[0].findings.filter((f: any) => f.fix)).toEqual([]);
    expect(readFileSync(path.join(dir, 'a.html'), 'utf8')).toBe(files['a.html']);
  });

  it('--fix writes the files and reports what is left; a second run has nothing to fix', async () => {
    const dir = tempDir({ ...files, 'b.html': page('<p>{{{bio}}}</p>'), 'b.txt': 'x', 'b.meta.json': '{ "subject": "Bio" }', 'b.data.json': '{ "bio": "x" }' });
    const r = await runJson(['.', '--fix'], dir);
    expect(readFileSync(path.join(dir, 'a.html'), 'utf8')).toBe(fixed);
    // Suggestions are never applied by --fix.
    expect(readFileSync(path.join(dir, 'b.html'), 'utf8')).toBe(page('<p>{{{bio}}}</p>'));
    expect(r.json.results.find((x: any) => x.path === 'b.html').findings.map((f: any) => f.ruleId)).toContain('data/unescaped-output');
    expect(r.json.results[0].output).toBeUndefined();
    const again = await runJson(['.', '--fix'], dir);
    expect(again.json.results.flatMap((x: any) => x.findings.filter((f: any) => f.fix))).toEqual([]);
  });

  it('--fix in an AWS template JSON escapes the new text for its string, and edits an MJML include in place', async () => {
    const aws = JSON.stringify({ Template: { TemplateName: 't', SubjectPart: 'Shipped', HtmlPart: '<p>Shipped. <a href="http://example.com/t">Track</a></p>', TextPart: 'Shipped.' } }, null, 2);
    const dir = tempDir({
      't.json': aws,
      'm.mjml': '<mjml><mj-body>\n<mj-include path="./footer.mjml" />\n</mj-body></mjml>',
      'footer.mjml': '<mj-section><mj-column><mj-image src="http://example.com/f.png" alt="" width="100px" height="20px" /></mj-column></mj-section>',
    });
    await runCli(['t.json', 'm.mjml', '--fix'], dir);
    const after = JSON.parse(readFileSync(path.join(dir, 't.json'), 'utf8'));
    expect(after.Template.HtmlPart).toBe('<p>Shipped. <a href="https://example.com/t">Track</a></p>');
    expect(readFileSync(path.join(dir, 'footer.mjml'), 'utf8')).toContain('src="https://example.com/f.png"');
    expect(readFileSync(path.join(dir, 'm.mjml'), 'utf8')).toBe('<mjml><mj-body>\n<mj-include path="./footer.mjml" />\n</mj-body></mjml>');
  });

  it('--fix with --fix-dry-run is a usage error', async () => {
    const r = await runCli(['--fix', '--fix-dry-run', '.'], tempDir(files));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot be combined');
  });
});
