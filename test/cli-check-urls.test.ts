/** --check-urls end to end: the CLI, the probe port and the image/link rules against a loopback server. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tempDir, runJson } from './helpers.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
let server: http.Server;
let base = '';
const hits: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    if (req.url === '/logo.png') res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    else if (req.url === '/page.png') res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>not an image</body></html>');
    else if (req.url === '/ok') res.writeHead(200, { 'content-type': 'text/html' }).end('<p>ok</p>');
    else res.writeHead(404).end('missing');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function bundle() {
  const html = `<!doctype html><html lang="en"><head><title>t</title></head><body>
<img src="${base}/logo.png" alt="Logo" width="1" height="1">
<img src="${base}/page.png" alt="Banner" width="1" height="1">
<img src="${base}/missing.png" alt="Photo" width="1" height="1">
<p>Your order has shipped and will arrive on Tuesday. <a href="${base}/ok">Track your parcel</a> or <a href="${base}/gone">read the help page</a>.</p>
</body></html>`;
  return { 'order.html': html, 'order.txt': 'Your order has shipped and will arrive on Tuesday.', 'order.meta.json': '{"subject": "Your order has shipped"}' };
}

describe('--check-urls', () => {
  it('without --allow-private-hosts the server receives no request at all', async () => {
    hits.length = 0;
    const { json } = await runJson(['.', '--check-urls'], tempDir(bundle()));
    expect(hits).toEqual([]);
    const r = json.results[0];
    expect(r.decision.probes).toBe('ran');
    const probed = r.findings.filter((f: any) => f.ruleId === 'images/broken' || f.ruleId === 'links/broken');
    expect(probed).toHaveLength(5);
    // A refused URL is a finding that says why, never a rejection by itself.
    for (const f of probed) {
      expect(f.message).toMatch(/refused: 127\.0\.0\.1 is a loopback address/);
      expect(f.severity).toBe('warning');
    }
  });

  it('with --allow-private-hosts: broken images and links are errors at their URLs; good ones pass', async () => {
    hits.length = 0;
    const dir = tempDir(bundle());
    const { json } = await runJson(['.', '--check-urls', '--allow-private-hosts'], dir);
    const r = json.results[0];
    const broken = r.findings.filter((f: any) => f.ruleId === 'images/broken' || f.ruleId === 'links/broken');
    expect(broken.map((f: any) => `${f.ruleId} ${f.line}`).sort()).toEqual(['images/broken 3', 'images/broken 4', 'links/broken 5']);
    expect(broken.find((f: any) => f.line === 3).message).toMatch(/HTML|not an image/i);
    expect(r.decision.verdict).toBe('rejected');
    // Each unique URL is fetched at most twice (HEAD then GET for links), never repeated.
    const perUrl = new Map<string, number>();
    for (const h of hits) perUrl.set(h.split(' ')[1]!, (perUrl.get(h.split(' ')[1]!) ?? 0) + 1);
    expect(Math.max(...perUrl.values())).toBeLessThanOrEqual(2);
    // A second run is answered from the disk cache.
    hits.length = 0;
    await runJson(['.', '--check-urls', '--allow-private-hosts'], dir);
    expect(hits).toEqual([]);
  });
});
