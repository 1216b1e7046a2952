// Probe benchmark: 1,000 templates' worth of probe() calls sharing 50 image URLs on a loopback
// server. Run after `npm run build`:  node bench/probe.js [templates] [urls]
// Prints the requests the server received (must equal the number of URLs) and the wall time.
import { createServer } from 'node:http';
import { createProbePort } from '../dist/probe/port.js';

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
server.close();

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
