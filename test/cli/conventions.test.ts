/** ESLint conventions of the command line: ignore files, stdin, cache, junit/checkstyle, -o, unmatched patterns. */
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import path from 'node:path';
import { Writable } from 'node:stream';
import { tempDir, runCli, runJson } from '../helpers.js';
import { main } from '../../src/cli/main.js';

const page = (body: string) => `<!doctype html>\n<html lang="en"><head><title>Shipped</title></head><body>\n${body}\n</body></html>\n`;
const ok = { html: page('<p>Your order has shipped.</p>'), txt: 'Your order has shipped.', meta: '{ "subject": "Your order has shipped" }' };
const bundle = (name: string, html = ok.html) => ({ [`${name}.html`]: html, [`${name}.txt`]: ok.txt, [`${name}.meta.json`]: ok.meta });
const broken = page('{{#each items}}<p>x</p>');

async function runStdin(argv: string[], dir: string, input: string) {
  const out = { text: '' };
  const err = { text: '' };
  const stdout = Object.assign(new Writable({ write: (c, _e, cb) => ((out.text += c.toString()), cb()) }), { isTTY: false });
  const stderr = Object.assign(new Writable({ write: (c, _e, cb) => ((err.text += c.toString()), cb()) }), { isTTY: false });
  const code = await main(argv, { stdout, stderr, stdin: Readable.from([Buffer.from(input)]), dir, env: {} });
  return { code, stdout: out.text, stderr: err.text };
}

describe('CLI conventions', () => {
  it('.inboxlintignore and --ignore-pattern leave files out; a named ignored file is warned about; --no-ignore reviews it', async () => {
    const dir = tempDir({ ...bundle('a'), ...bundle('vendor/b', broken), ...bundle('drafts/c', broken), '.inboxlintignore': '# third-party\nvendor/\n' });
    const r = await runJson(['.', '--ignore-pattern', 'drafts/**'], dir);
    expect(r.json.results.map((x: any) => x.path)).toEqual(['a.html']);
    expect(r.code).toBe(0);
    const named = await runCli(['vendor/b.html', 'a.html'], dir);
    expect(named.stderr).toContain('vendor/b.html is ignored');
    expect(named.code).toBe(0);
    const all = await runJson(['.', '--no-ignore'], dir);
    expect(all.json.results.map((x: any) => x.path).sort()).toEqual(['a.html', 'drafts/c.html', 'vendor/b.html']);
  });

  it('--stdin --stdin-filename reviews the text as that file, with its sidecars from disk', async () => {
    const dir = tempDir({ 'emails/w.data.json': '{ "name": "Ada" }', 'emails/w.meta.json': ok.meta });
    const r = await runStdin(['--stdin', '--stdin-filename', 'emails/w.html', '-f', 'json'], dir, page('<p>Hi {{nmae}}, your order has shipped.</p>'));
    const res = JSON.parse(r.stdout).results;
    expect(res.map((x: any) => x.path)).toEqual(['emails/w.html']);
    expect(res[0].findings.find((f: any) => f.ruleId === 'data/missing-variable')).toMatchObject({ file: 'emails/w.html', line: 3 });
    // With --fix the stdin text is never written: its fixed text is the output.
    const fixed = await runStdin(['--stdin', '--stdin-filename', 'x.html', '--fix', '-f', 'json'], dir, page('<a href="http://example.com/a">Track</a>'));
    expect(JSON.parse(fixed.stdout).results[0].output['x.html']).toContain('href="https://example.com/a"');
    expect(existsSync(path.join(dir, 'x.html'))).toBe(false);
    expect((await runStdin(['--stdin', 'a.html'], dir, '')).code).toBe(2);
  });

  it('--cache reuses reports of unchanged templates and reviews again when the template, its data or the config change', async () => {
    const dir = tempDir({ ...bundle('a'), ...bundle('b') });
    const first = await runJson(['.', '--cache', '--cache-location', 'tmp/cache/'], dir);
    const file = path.join(dir, 'tmp/cache/.inboxlintcache');
    const cached = JSON.parse(readFileSync(file, 'utf8'));
    expect(Object.keys(cached.entries).map((f) => path.basename(f)).sort()).toEqual(['a.html', 'b.html']);
    // A planted entry with the right key is served as is: proof that the second run reads the cache.
    const aKey = Object.keys(cached.entries).find((f) => f.endsWith('a.html'))!;
    cached.entries[aKey].report.decision.summary = 'from the cache';
    writeFileSync(file, JSON.stringify(cached));
    const second = await runJson(['.', '--cache', '--cache-location', 'tmp/cache/'], dir);
    expect(second.json.results[0].decision.summary).toBe('from the cache');
    expect(second.json.results[1]).toEqual(first.json.results[1]);
    // The data changes: a new key, a real review.
    writeFileSync(path.join(dir, 'a.data.json'), '{ "x": 1 }');
    const third = await runJson(['.', '--cache', '--cache-location', 'tmp/cache/'], dir);
    expect(third.json.results[0].decision.summary).not.toBe('from the cache');
    // So does a config that changes a rule.
    writeFileSync(file, JSON.stringify({ ...cached, entries: { [aKey]: { ...cached.entries[aKey], report: { ...cached.entries[aKey].report } } } }));
    writeFileSync(path.join(dir, 'inboxlint.config.json'), '{ "rules": { "html/require-title": "off" } }');
    const fourth = await runJson(['a.html', '--cache', '--cache-location', 'tmp/cache/'], dir);
    expect(fourth.json.results[0].decision.summary).not.toBe('from the cache');
  });

  it('junit and checkstyle: well-formed XML with one entry per finding, escaped', async () => {
    const dir = tempDir({ ...bundle('a'), ...bundle('b&c', broken) });
    const junit = await runCli(['.', '-f', 'junit'], dir);
    expect(junit.code).toBe(1);
    expect(junit.stdout).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<testsuites>/);
    expect(junit.stdout).toContain('<testsuite package="inboxlint" time="0" tests="');
    expect(junit.stdout).toContain('name="b&amp;c.html"');
    expect(junit.stdout).toContain('<testcase time="0" name="inboxlint.syntax/handlebars" classname="b&amp;c">');
    expect(junit.stdout).toMatch(/<testcase time="0" name="inboxlint.decision" classname="b&amp;c">\n\s+<failure message="rejected: 1 defect/);
    const cs = await runCli(['.', '-f', 'checkstyle'], dir);
    expect(cs.stdout).toContain('<checkstyle version="4.3">');
    expect(cs.stdout).toContain('<file name="a.html">\n  </file>');
    expect(cs.stdout).toContain('<file name="b&amp;c.html">');
    expect(cs.stdout).toMatch(/\n {4}<error line="3" column="1" severity="error" message="&apos;\{\{#each\}\}&apos; is never closed[^"<>]*\(syntax\/handlebars\)" source="inboxlint.rules.syntax\/handlebars" \/>\n/);
    // Every tag closes: a parser-free check that the structure is balanced.
    for (const text of [junit.stdout, cs.stdout]) {
      const stack: string[] = [];
      for (const m of text.matchAll(/<(\/?)([a-z]+)[^>]*?(\/?)>/g)) {
        if (m[3]) continue;
        if (m[1]) expect(stack.pop()).toBe(m[2]);
        else stack.push(m[2]!);
      }
      expect(stack).toEqual([]);
    }
  });

  it('-o creates folders; an empty match still writes a report, and --no-error-on-unmatched-pattern makes it exit 0', async () => {
    const dir = tempDir({ ...bundle('a') });
    const r = await runCli(['a.html', '-f', 'sarif', '-o', 'out/reports/x.sarif'], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'out/reports/x.sarif'), 'utf8')).runs[0].results).toEqual([]);
    const none = await runCli(['emails/**/*.mjml', '-f', 'sarif', '-o', 'out/empty.sarif'], dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('No files matching the pattern "emails/**/*.mjml" were found.');
    expect(JSON.parse(readFileSync(path.join(dir, 'out/empty.sarif'), 'utf8')).runs[0].results).toEqual([]);
    const allowed = await runCli(['emails/**/*.mjml', 'missing.html', '--no-error-on-unmatched-pattern', '-f', 'json'], dir);
    expect(allowed.code).toBe(0);
    expect(JSON.parse(allowed.stdout).results).toEqual([]);
  });
});
