// Probe benchmark: 1,000 templates sharing 50 image URLs on a loopback server. Run after `npm run build`:
//   node bench/probe.js [templates] [urls]
// Part 1 calls the probe port directly; part 2 reviews 1,000 real templates (HTML with 50 <img> each)
// through the Engine with one probe port, as `inboxlint --check-urls` does. Each prints the requests the
// server received (must equal the number of URLs) and the wall time.
import { createServer } from 'node:http';
import { createProbePort } from '../dist/probe/port.js';
import { Engine } from '../dist/node/engine.js';

const TEMPLATES = Number(process.argv[2] ?? 1000);
const URLS = Number(process.argv[3] ?? 50);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const perUrl = new Map();
const server = createServer((req, res) => {
  perUrl.set(req.url, (perUrl.get(req.url) ?? 0) + 1);
  res.writeHead(200, { 'content-type': 'image/png', 'content-length': PNG.length });
  res.end(req.method === 'HEAD' ? undefined : PNG);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();

const urls = Array.from({ length: URLS }, (_, i) => `http://127.0.0.1:${port}/img/${i}.png`);
const batches = Array.from({ length: TEMPLATES }, (_, t) => {
  const rotated = [...urls.slice(t % URLS), ...urls.slice(0, t % URLS)];
  return (t % 2 ? rotated.reverse() : rotated).map((url) => ({ url, kind: 'image' }));
});

let lastProgress = '';
const probe = createProbePort({
  allowPrivateHosts: true, // the bench server is on loopback
  onProgress: (done, total) => {
    lastProgress = `${done}/${total}`;
  },
});
const started = performance.now();
const all = await Promise.all(batches.map((b) => probe.probe(b)));
const elapsed = performance.now() - started;
await probe.close();

const received = [...perUrl.values()].reduce((a, b) => a + b, 0);
const okResults = all.reduce((n, m) => n + [...m.values()].filter((r) => r.status === 'ok').length, 0);
const stats = probe.stats();
console.log(`templates            ${TEMPLATES}`);
console.log(`probe() requests     ${stats.requested} (${URLS} URLs each)`);
console.log(`unique URLs          ${stats.unique}`);
console.log(`requests received    ${received} (max per URL ${Math.max(...perUrl.values())})`);
console.log(`deduped              ${stats.deduped}`);
console.log(`ok results           ${okResults}`);
console.log(`progress             ${lastProgress}`);
console.log(`wall time            ${elapsed.toFixed(1)} ms`);
if (received !== URLS) {
  console.error(`FAIL: expected exactly ${URLS} requests, got ${received}`);
  process.exitCode = 1;
}

// Part 2: the same through review(): 1,000 HTML templates, each with the 50 images in a different order.
perUrl.clear();
const port2 = createProbePort({ allowPrivateHosts: true });
const engine = new Engine({ configPath: null, settings: { checkUrls: true, allowPrivateHosts: true }, probe: port2 });
const sources = batches.map((b, t) => {
  const imgs = b.map(({ url }, i) => `<img src="${url}" alt="Product ${i}" width="60" height="60">`).join('\n');
  const text = `<!doctype html><html lang="en"><head><title>Catalogue ${t}</title></head><body><p>Our catalogue for week ${t}.</p>\n${imgs}\n</body></html>`;
  return { name: `t${t}`, path: `t${t}.html`, kind: 'html', origin: 'api', html: { part: 'html', path: `t${t}.html`, text }, text: { part: 'text', path: `t${t}.txt`, text: `Our catalogue for week ${t}.` }, subject: { part: 'subject', path: `t${t}.meta.json`, text: `Catalogue ${t}` } };
});
const started2 = performance.now();
const results = [];
for (const src of sources) results.push(await engine.review(src));
const elapsed2 = performance.now() - started2;
await port2.close();
server.close();
const received2 = [...perUrl.values()].reduce((a, b) => a + b, 0);
const broken = results.reduce((n, r) => n + r.findings.filter((f) => f.ruleId === 'images/broken').length, 0);
console.log('');
console.log(`reviewed templates   ${results.length} (${URLS} images each, probes ${results[0].decision.probes})`);
console.log(`requests received    ${received2} (max per URL ${Math.max(...perUrl.values())})`);
console.log(`images/broken        ${broken}`);
console.log(`wall time            ${elapsed2.toFixed(1)} ms (${(elapsed2 / results.length).toFixed(2)} ms per template, reviews included)`);
if (received2 !== URLS) {
  console.error(`FAIL: expected exactly ${URLS} requests through review(), got ${received2}`);
  process.exitCode = 1;
}
