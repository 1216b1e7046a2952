import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir, runCli, runJson } from './helpers.js';

const clean = {
  'hello.html': '<!doctype html>\n<html lang="en"><head><title>Hello</title></head><body><p>Hello {{name}}, your order has shipped.</p></body></html>\n',
  'hello.txt': 'Hello {{name}}, your order has shipped.\n',
  'hello.meta.json': '{ "subject": "Your order has shipped", "category": "transactional" }\n',
  'hello.data.json': '{ "name": "Ada" }\n',
};
const broken = {
  'bad.html': '<html lang="en"><head><title>x</title></head><body>\n{{#each items}}\n<p>{{name}}</p>\n</body></html>\n',
  'bad.txt': 'x',
  'bad.meta.json': '{ "subject": "Items" }',
};

describe('cli', () => {
  it('exits 0 when nothing is rejected, with stylish output and a summary', async () => {
    const dir = tempDir(clean);
    const r = await runCli(['.'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('hello.html');
    expect(r.stdout).toContain('approved');
    expect(r.stdout).toMatch(/1 template: 1 approved/);
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });

  it('says what drove the risk: phrase categories, rules and link words, each where it was found', async () => {
    const dir = tempDir({ 'lure.html': '<!doctype html><html lang="en"><head><title>Delivery on hold</title></head><body><p>Dear DHL customer,</p>\n<p>Your parcel is on hold at our depot. A customs fee of 1.99 EUR is due before delivery.</p>\n<p><a href="https://parcel-release.web.app/pay">Pay and release</a></p></body></html>' });
    const r = await runCli(['lure.html'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('lure.html  rejected: risk');
    const line = r.stdout.split('\n').find((l) => l.trimStart().startsWith('risk: '));
    expect(line).toMatch(/phishing wording 1:\d+ \+\d/);
    expect(line).toMatch(/links\/brand-impersonation 1:\d+ \+\d/);
    expect(line).toMatch(/link "(web|pay)" 3:\d+ \+\d/);
  });

  it('names the file of a risk driver found outside the primary file (the subject in the meta file)', async () => {
    const dir = tempDir({
      'lure.html': '<!doctype html><html lang="en"><head><title>Notice</title></head><body><p>Your parcel is on hold at our depot.</p>\n<p><a href="https://parcel-release.web.app/pay">Pay and release</a></p></body></html>',
      'lure.meta.json': '{\n  "subject": "Customs fee due: parcel on hold"\n}\n',
    });
    const r = await runCli(['lure.html'], dir);
    const line = r.stdout.split('\n').find((l) => l.trimStart().startsWith('risk: '));
    expect(line).toMatch(/phishing wording lure\.meta\.json:2:15 \+\d/);
  });

  it('exits 1 when a template is rejected and shows a code frame at the finding', async () => {
    const dir = tempDir(broken);
    const r = await runCli(['bad.html'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("2:1  error  '{{#each}}' is never closed");
    expect(r.stdout).toContain('> 2 | {{#each items}}');
    expect(r.stdout).toContain('    | ^^^^^^^^^^^^^^^');
  });

  it('prints the stable JSON contract', async () => {
    const dir = tempDir({ ...clean, ...broken });
    const { json, code } = await runJson(['.'], dir);
    expect(code).toBe(1);
    const pkg = JSON.parse(readFileSync(path.resolve('package.json'), 'utf8'));
    expect(json.tool).toEqual({ name: 'inboxlint', version: pkg.version });
    const bad = json.results.find((r) => r.path === 'bad.html');
    expect(bad.decision).toMatchObject({ verdict: 'rejected', defects: 1, thresholds: { review: 0.5, reject: 0.9 }, profile: 'core', subject: 'reviewed' });
    expect(bad.decision.summary).toBe('rejected: 1 defect (syntax/handlebars)');
    expect(bad.decision.model).toMatch(/^1-[0-9a-f]{10}$/);
    expect(bad.decision.risk).toBeGreaterThanOrEqual(0);
    expect(bad.decision.risk).toBeLessThanOrEqual(1);
    expect(bad.findings[0].kind).toBe('defect');
    expect(bad.findings[0]).toMatchObject({ ruleId: 'syntax/handlebars', category: 'syntax', severity: 'error', part: 'html', line: 2, column: 1, endLine: 2, endColumn: 16 });
    for (const f of bad.findings) expect(Object.keys(f)).toEqual(expect.arrayContaining(['ruleId', 'category', 'severity', 'message', 'part', 'line', 'column', 'endLine', 'endColumn']));
    expect(json.results.find((r) => r.path === 'hello.html').decision.verdict).toBe('approved');
  });

  it('colours only on a TTY and respects NO_COLOR', async () => {
    const dir = tempDir(broken);
    expect((await runCli(['.'], dir, {}, true)).stdout).toMatch(/\x1b\[/);
    expect((await runCli(['.'], dir, { NO_COLOR: '1' }, true)).stdout).not.toMatch(/\x1b\[/);
    expect((await runCli(['.'], dir, { FORCE_COLOR: '1' }, false)).stdout).toMatch(/\x1b\[/);
  });

  it('--quiet keeps errors only; --max-warnings turns warnings into exit 1', async () => {
    const dir = tempDir({ 'w.html': '<html><head><title>x</title></head><body>Hi</body></html>', 'w.txt': 'Hi', 'w.meta.json': '{"subject":"Hi"}' });
    const loud = await runJson(['.'], dir);
    expect(loud.json.results[0].findings.map((f: any) => f.ruleId)).toEqual(['accessibility/html-lang']);
    expect(loud.code).toBe(0);
    const quiet = await runJson(['.', '--quiet'], dir);
    expect(quiet.json.results[0].findings).toEqual([]);
    expect((await runCli(['.', '--max-warnings', '0'], dir)).code).toBe(1);
    expect((await runCli(['.', '--max-warnings', '1'], dir)).code).toBe(0);
  });

  it('--output-file writes the report', async () => {
    const dir = tempDir(clean);
    const r = await runCli(['.', '-f', 'json', '-o', 'out.json'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(path.join(dir, 'out.json'), 'utf8')).results).toHaveLength(1);
  });

  it('takes globs and walks folders, skipping sidecars and non-template JSON', async () => {
    const dir = tempDir({ ...clean, 'sub/a.mjml': '<mjml lang="en"><mj-body></mj-body></mjml>', 'package.json': '{}', 'sub/other.json': '{"x": 1}', 'notes.txt': 'a text-only template', 'notes.meta.json': '{"subject":"Notes"}', 'license.txt': 'MIT' });
    const all = await runJson(['.'], dir);
    expect(all.json.results.map((r) => r.path).sort()).toEqual(['hello.html', 'notes.txt', path.join('sub', 'a.mjml')]);
    const globbed = await runJson(['**/*.mjml'], dir);
    expect(globbed.json.results.map((r) => r.path)).toEqual([path.join('sub', 'a.mjml')]);
  });

  it('exit 2 with a one-line message for usage errors, never a stack trace', async () => {
    const dir = tempDir(clean);
    for (const argv of [['--format', 'xml', '.'], ['--bogus'], ['missing-dir'], ['--max-warnings', 'x', '.'], ['--profile', 'nope', '.']]) {
      const r = await runCli(argv, dir);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^inboxlint: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const empty = tempDir({ 'readme.md': '# nothing' });
    expect((await runCli(['.'], empty)).code).toBe(2);
  });

  it('--help and --version', async () => {
    const dir = tempDir(clean);
    const help = await runCli(['--help'], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes');
    expect((await runCli(['-v'], dir)).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('reviews AWS SES and Tencent Cloud SES template JSON with positions in the JSON file', async () => {
    const aws = { Template: { TemplateName: 'Welcome', SubjectPart: 'Welcome {{name}}', HtmlPart: '<html lang="en"><head><title>W</title></head><body>\\n{{#if x}}hi</body></html>', TextPart: 'Welcome {{name}}' } };
    const html = Buffer.from('<html lang="zh"><head><title>验证码</title></head><body><p>您的验证码是 {{code}}</p></body></html>').toString('base64');
    const text = Buffer.from('您的验证码是 {{code}}').toString('base64');
    const dir = tempDir({
      'welcome.json': JSON.stringify(aws, null, 2),
      'verify.json': JSON.stringify({ TemplateName: 'verify', TemplateContent: { Html: html, Text: text } }),
      'verify.meta.json': '{"subject": "验证码"}',
    });
    const { json } = await runJson(['.'], dir);
    const w = json.results.find((r) => r.path === 'welcome.json');
    expect(w.decision.verdict).toBe('rejected');
    // HtmlPart is on line 5 of the pretty-printed JSON; "\n" is an escape, so the block is still on line 5.
    expect(w.findings[0]).toMatchObject({ ruleId: 'syntax/handlebars', line: 5, file: 'welcome.json' });
    const v = json.results.find((r) => r.path === 'verify.json');
    expect(v.decision.verdict).toBe('approved');
  });
});

describe('config', () => {
  it('reads inboxlint.config.json: severities, options, extends', async () => {
    const dir = tempDir({ ...clean, 'inboxlint.config.json': JSON.stringify({ rules: { 'accessibility/html-lang': 'off', 'content/subject-length': ['error', { max: 5 }] } }) });
    const { json, code } = await runJson(['.'], dir);
    expect(code).toBe(1);
    expect(json.results[0].findings.map((f: any) => `${f.ruleId} ${f.severity}`)).toEqual(['content/subject-length error']);
  });

  it('reads YAML config and --print-config shows the resolved rules', async () => {
    const dir = tempDir({ ...clean, 'inboxlint.config.yaml': 'thresholds:\n  review: 0.2\nrules:\n  html/max-size:\n    severity: error\n    options: { maxBytes: 1000 }\n' });
    const r = await runCli(['--print-config', 'hello.html'], dir);
    expect(r.code).toBe(0);
    const cfg = JSON.parse(r.stdout);
    expect(cfg.profile).toBe('core');
    expect(cfg.thresholds.review).toBe(0.2);
    expect(cfg.model).toMatch(/^1-/);
    expect(cfg.rules['html/max-size']).toMatchObject({ severity: 'error', options: { maxBytes: 1000 } });
    expect(cfg.layers.at(-1)).toBe('inboxlint.config.yaml');
  });

  it('config errors name the file, JSON pointer and line, and exit 2', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ 'inboxlint.config.json': '{\n  "rules": {\n    "html/max-size": ["error", { "maxBytes": "big" }]\n  }\n}' }, /inboxlint\.config\.json:3: \/rules\/html~1max-size\/1\/maxBytes must be integer/],
      [{ 'inboxlint.config.json': '{ "rules": { "html/nope": "error" } }' }, /\/rules\/html~1nope names unknown rule 'html\/nope'/],
      [{ 'inboxlint.config.yaml': 'rules:\n  html/max-size: loud\n' }, /inboxlint\.config\.yaml:2: \/rules\/html~1max-size/],
      [{ 'inboxlint.config.yaml': 'extends: isp/nowhere\n' }, /\/extends names unknown pack 'isp\/nowhere'/],
      [{ 'inboxlint.config.json': '{ "rules": ' }, /inboxlint\.config\.json: \/ is not valid JSON/],
      [{ 'inboxlint.config.yaml': 'thresholds: { review: 0.9, reject: 0.3 }\n' }, /\/thresholds reject \(0.3\) must not be below review \(0.9\)/],
      [{ 'inboxlint.config.yaml': 'thresholds: { review: 5 }\n' }, /\/thresholds\/review must be <= 1/],
      [{ 'inboxlint.config.json': '{ "colour": true }' }, /has unknown property 'colour'/],
    ];
    for (const [files, re] of cases) {
      const dir = tempDir({ ...clean, ...files });
      const r = await runCli(['.'], dir);
      expect(r.code, JSON.stringify(files)).toBe(2);
      expect(r.stderr).toMatch(/^inboxlint: config error: /);
      expect(r.stderr).toMatch(re);
    }
  });
});
