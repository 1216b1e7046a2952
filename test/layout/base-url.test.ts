/**
 * The asset base URL: relative images and links in template repositories (built and published elsewhere)
 * resolve against settings.baseUrl (config, per folder with overrides) or --base-url, and that is what
 * --check-urls fetches. Fixtures: Colorlib email-templates (github.com/ColorlibHQ/email-templates, MIT),
 * 1/index.html and src/1.mjml, whose images are `images/bg_1.jpg` beside the compiled template.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { tempDir, runJson, runCli } from '../helpers.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const COLORLIB_HTML = `<!doctype html><html lang="en"><head><title>RestoBar</title></head><body>
<table><tr><td><img src="images/bg_1.jpg" alt="Healthy foods" width="600" height="300"></td></tr>
<tr><td><p>We serve healthy and delicious foods. Our kitchen is open every day from noon.</p><a href="menu.html">See the menu</a></td></tr></table>
</body></html>`;
const files = { '1/index.html': COLORLIB_HTML, '1/index.meta.json': '{"subject":"RestoBar"}' };

let server: http.Server;
let origin = '';
const hits: string[] = [];
beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    if (req.url === '/site/1/images/bg_1.jpg') res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    else if (req.url === '/site/1/menu.html') res.writeHead(200, { 'content-type': 'text/html' }).end('<p>menu</p>');
    else res.writeHead(404).end('missing');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const rules = (r: any) => r.findings.map((f: any) => f.ruleId);

describe('asset base URL', () => {
  it('without one, relative URLs are defects whose message says how to set it', async () => {
    const { json } = await runJson(['--no-config', '.'], tempDir(files));
    const img = json.results[0].findings.find((f: any) => f.ruleId === 'images/absolute-url');
    expect(img).toMatchObject({ line: 2, column: 26, kind: 'defect' });
    expect(img.message).toContain('settings.baseUrl');
    expect(img.message).toContain('--base-url');
    expect(json.results[0].findings.find((f: any) => f.ruleId === 'links/absolute-url').message).toContain('--base-url');
  });

  it('--base-url resolves them (the working directory is published there)', async () => {
    const { json } = await runJson(['--no-config', '--base-url', 'https://cdn.example.com/colorlib', '.'], tempDir(files));
    expect(rules(json.results[0])).not.toContain('images/absolute-url');
    expect(rules(json.results[0])).not.toContain('links/absolute-url');
  });

  it('a config sets it per folder with overrides; other folders keep the defect', async () => {
    const dir = tempDir({
      ...files,
      'other/x.html': COLORLIB_HTML,
      'other/x.meta.json': '{"subject":"x"}',
      'inboxlint.config.json': JSON.stringify({ overrides: [{ files: '1/**', settings: { baseUrl: 'https://cdn.example.com/colorlib/' } }] }),
    });
    const { json } = await runJson(['.'], dir);
    const byPath = Object.fromEntries(json.results.map((r: any) => [r.path, rules(r)]));
    expect(byPath[path.join('1', 'index.html')]).not.toContain('images/absolute-url');
    expect(byPath[path.join('other', 'x.html')]).toContain('images/absolute-url');
  });

  it('--check-urls fetches the resolved URLs (template folder under the base)', async () => {
    hits.length = 0;
    const { json } = await runJson(['--no-config', '--check-urls', '--allow-private-hosts', '--base-url', `${origin}/site/`, '.'], tempDir(files));
    expect(hits.some((h) => h.endsWith('/site/1/images/bg_1.jpg'))).toBe(true);
    expect(hits.some((h) => h.endsWith('/site/1/menu.html'))).toBe(true);
    expect(rules(json.results[0]).filter((id: string) => id.endsWith('/broken'))).toEqual([]);
  });

  it('--base-url must be an absolute http(s) URL', async () => {
    const r = await runCli(['--base-url', 'images/', '.'], tempDir(files));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--base-url must be an absolute');
  });
});
