// Language server: warm re-review of a ~30 KB template (issue 15: ≤ 50 ms). Run after `npm run build`.
// The built server (`inboxlint lsp --stdio`) is driven over stdio by vscode-jsonrpc, as an editor would:
// the time is from sending a didChange to receiving that template's diagnostics (debounce set to 0), so it
// includes the JSON-RPC round trip. The same re-review through the library (Reviewer.reviewFile with the
// unsaved text) is printed beside it.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import { Reviewer } from '../dist/index.js';
import { root } from './common.js';
import { synthetic30k } from './synthetic.js';

const RUNS = 40;
const GOAL_MS = 50;

const big = synthetic30k();

const dir = mkdtempSync(path.join(tmpdir(), 'inboxlint-bench-lsp-'));
for (const ext of ['.txt', '.meta.json', '.data.json', '.schema.json']) copyFileSync(path.join(root, 'samples', `shipping-update${ext}`), path.join(dir, `template${ext}`));
const file = path.join(dir, 'template.html');
writeFileSync(file, big);
const uri = pathToFileURL(file).href;
// Each run changes the text (a different word in the last paragraph), so no layer can answer from a cache.
const variant = (i) => big.replace('</body>', `<p>Edit ${i}</p></body>`);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)];

// Library: warm Reviewer, the unsaved text given as a buffer.
const reviewer = new Reviewer({ cwd: dir, checkUrls: 'cache' });
const lib = [];
for (let i = 0; i < RUNS + 5; i++) {
  const t = performance.now();
  await reviewer.reviewFile(file, { texts: new Map([[file, variant(i)]]) });
  if (i >= 5) lib.push(performance.now() - t);
}
await reviewer.close();

// Server over stdio.
const server = spawn(process.execPath, [path.join(root, 'bin', 'inboxlint.js'), 'lsp', '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'inherit'] });
const rpc = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
let waiting;
rpc.onNotification('textDocument/publishDiagnostics', (p) => {
  if (p.uri === uri && waiting) waiting(p);
});
rpc.onNotification('inboxlint/verdict', () => undefined);
rpc.listen();
await rpc.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {}, initializationOptions: { debounceMs: 0 } });
await rpc.sendNotification('initialized', {});
const next = () => new Promise((resolve) => (waiting = resolve));
let got = next();
await rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'html', version: 1, text: big } });
const first = await got;
const lsp = [];
// Edits 6-45 of a fresh server (what the goal is judged on), then 60 more after 40 unmeasured ones: the
// server's JIT keeps warming for the first ~50 edits, so the second figure is its steady state.
const steady = [];
for (let i = 0; i < RUNS + 5 + 40 + 60; i++) {
  got = next();
  const t = performance.now();
  await rpc.sendNotification('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: [{ text: variant(i) }] });
  await got;
  if (i >= 5 && i < RUNS + 5) lsp.push(performance.now() - t);
  if (i >= RUNS + 5 + 40) steady.push(performance.now() - t);
}
await rpc.sendRequest('shutdown');
await rpc.sendNotification('exit');
rpc.dispose();
rmSync(dir, { recursive: true, force: true });

const kb = (Buffer.byteLength(big) / 1024).toFixed(1);
console.log(`\nLanguage server, warm re-review of a ${kb} KB template (${first.diagnostics.length} diagnostics), ${RUNS} edits:`);
console.log(`  library  Reviewer.reviewFile with the buffer: median ${median(lib).toFixed(1)} ms, p90 ${p90(lib).toFixed(1)} ms`);
console.log(`  server   didChange → publishDiagnostics:     median ${median(lsp).toFixed(1)} ms, p90 ${p90(lsp).toFixed(1)} ms (goal ≤ ${GOAL_MS} ms) ${median(lsp) <= GOAL_MS ? 'MET' : 'NOT MET'}`);
console.log(`  server   the same after 85 edits (steady):   median ${median(steady).toFixed(1)} ms, p90 ${p90(steady).toFixed(1)} ms`);
