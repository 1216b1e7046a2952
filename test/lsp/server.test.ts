/**
 * The language server end to end: the built CLI (`inboxlint lsp --stdio`, run `npm run build` first) spawned
 * and driven by a real JSON-RPC client (vscode-jsonrpc) over stdio: open, edit, a sidecar edit, a quick fix
 * applied, a disable comment, hover, diagnostics cleared, shutdown.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';

const ROOT = path.resolve(import.meta.dirname, '../..');

interface Diag {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  code?: string;
  message: string;
  relatedInformation?: { location: { uri: string; range: Diag['range'] }; message: string }[];
  severity?: number;
  codeDescription?: { href: string };
}
interface Action {
  title: string;
  isPreferred?: boolean;
  edit: { changes: Record<string, { range: Diag['range']; newText: string }[]> };
}

const HBS = `<html lang="en"><head><title>Welcome</title></head>
<body>
  <p>Hi {{name}}, welcome aboard.</p>
  <img src="http://example.com/logo.png" alt="Logo" width="100" height="40">
</body></html>
`;

let dir: string;
let server: ChildProcess;
let rpc: MessageConnection;
const latest = new Map<string, Diag[]>();
const waiters: { uri: string; test: (d: Diag[]) => boolean; resolve: (d: Diag[]) => void }[] = [];
const verdicts: { uri: string; verdict: string; risk: number }[] = [];
let exitCode: Promise<number | null>;

/** The next diagnostics for `uri` that pass `test` (or the current ones, if they do). */
function diagnostics(uri: string, test: (d: Diag[]) => boolean): Promise<Diag[]> {
  const now = latest.get(uri);
  if (now && test(now)) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri}; last: ${JSON.stringify(latest.get(uri)?.map((d) => d.code))}`)), 20_000);
    waiters.push({ uri, test, resolve: (d) => (clearTimeout(timer), resolve(d)) });
  });
}

const uriOf = (name: string) => pathToFileURL(path.join(dir, name)).href;
const codes = (d: Diag[]) => d.map((x) => x.code);
const docs = new Map<string, TextDocument>();

function open(name: string, text: string, languageId: string) {
  const uri = uriOf(name);
  docs.set(uri, TextDocument.create(uri, languageId, 1, text));
  void rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
}

function change(name: string, text: string) {
  const uri = uriOf(name);
  const doc = docs.get(uri)!;
  const next = TextDocument.create(uri, doc.languageId, doc.version + 1, text);
  docs.set(uri, next);
  void rpc.sendNotification('textDocument/didChange', { textDocument: { uri, version: next.version }, contentChanges: [{ text }] });
}

/** Apply a workspace edit to our copies of the documents and send the changes (as an editor does). */
function apply(edit: Action['edit']) {
  for (const [uri, edits] of Object.entries(edit.changes)) {
    const doc = docs.get(uri)!;
    const text = TextDocument.applyEdits(doc, edits);
    change(path.basename(new URL(uri).pathname), text);
  }
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'inboxlint-lsp-'));
  writeFileSync(path.join(dir, 'welcome.hbs'), HBS);
  writeFileSync(path.join(dir, 'welcome.txt'), 'Hi {{name}}, welcome aboard.');
  writeFileSync(path.join(dir, 'welcome.meta.json'), '{ "subject": "Welcome, {{name}}" }');
  writeFileSync(path.join(dir, 'welcome.data.json'), '[{ "name": "Ada" }]\n');
  server = spawn(process.execPath, [path.join(ROOT, 'bin', 'inboxlint.js'), 'lsp', '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'inherit'] });
  exitCode = new Promise((r) => server.on('exit', (code) => r(code)));
  rpc = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
  rpc.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diag[] }) => {
    latest.set(p.uri, p.diagnostics);
    for (const w of [...waiters]) {
      if (w.uri === p.uri && w.test(p.diagnostics)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p.diagnostics);
      }
    }
  });
  rpc.onNotification('inboxlint/verdict', (p: { uri: string; verdict: string; risk: number }) => verdicts.push(p));
  rpc.onNotification('window/logMessage', () => undefined);
  rpc.listen();
  const init = await rpc.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {}, initializationOptions: { debounceMs: 20 } });
  expect(init.capabilities).toMatchObject({ hoverProvider: true, codeActionProvider: expect.anything() });
  await rpc.sendNotification('initialized', {});
}, 60_000);

afterAll(() => {
  rpc?.dispose();
  if (server && server.exitCode === null) server.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('inboxlint lsp --stdio', () => {
  it('publishes findings and the verdict when a template is opened', async () => {
    open('welcome.hbs', HBS, 'handlebars');
    const d = await diagnostics(uriOf('welcome.hbs'), (x) => codes(x).includes('images/require-https'));
    expect(codes(d)).toContain('inboxlint/verdict');
    const https = d.find((x) => x.code === 'images/require-https')!;
    // Line 4 (0-based 3), at the URL.
    expect(https.range.start.line).toBe(3);
    expect(https.codeDescription!.href).toMatch(/^file:.*docs\/rules\/images\/require-https\.md$/);
    expect(verdicts.at(-1)).toMatchObject({ uri: uriOf('welcome.hbs'), verdict: expect.stringMatching(/approved|needs_review|rejected/) });
  }, 30_000);

  it('names what drove the risk on the verdict, each driver a related location to jump to', async () => {
    const lure = '<!doctype html><html lang="en"><head><title>Delivery on hold</title></head><body>\n<p>Dear DHL customer,</p>\n<p>Your parcel is on hold at our depot. A customs fee of 1.99 EUR is due before delivery.</p>\n<p><a href="https://parcel-release.web.app/pay">Pay and release</a></p>\n</body></html>\n';
    writeFileSync(path.join(dir, 'lure.txt'), 'Your parcel is on hold.');
    open('lure.html', lure, 'html');
    const d = await diagnostics(uriOf('lure.html'), (x) => codes(x).includes('inboxlint/verdict'));
    const verdict = d.find((x) => x.code === 'inboxlint/verdict')!;
    expect(verdict.message).toMatch(/^inboxlint: (needs review|rejected), risk [01]\.\d\d — .*; driven by .*phishing wording/);
    const related = verdict.relatedInformation ?? [];
    expect(related.length).toBeGreaterThan(0);
    const phishing = related.find((r) => r.message.startsWith('phishing wording'))!;
    expect(phishing.location.uri).toBe(uriOf('lure.html'));
    expect(phishing.location.range.start.line).toBe(1); // "Dear DHL customer", 0-based line 1
  }, 30_000);

  it('re-reviews as you type', async () => {
    change('welcome.hbs', HBS.replace('welcome aboard.', 'welcome aboard. {{#if vip}}VIP'));
    const d = await diagnostics(uriOf('welcome.hbs'), (x) => codes(x).includes('syntax/handlebars'));
    expect(d.find((x) => x.code === 'syntax/handlebars')!.range.start.line).toBe(2);
    change('welcome.hbs', HBS);
    await diagnostics(uriOf('welcome.hbs'), (x) => !codes(x).includes('syntax/handlebars'));
  }, 30_000);

  it('an unsaved edit of the data file re-reviews the template, on both files', async () => {
    open('welcome.data.json', '[{ "name": "Ada" }]\n', 'json');
    change('welcome.data.json', '[{ "nom": "Ada" }]\n');
    const d = await diagnostics(uriOf('welcome.hbs'), (x) => codes(x).includes('data/missing-variable'));
    expect(d.find((x) => x.code === 'data/missing-variable')!.message).toContain('name');
    // The unused field is shown in the data file itself.
    const inData = await diagnostics(uriOf('welcome.data.json'), (x) => codes(x).includes('data/unused-data-field'));
    expect(inData.find((x) => x.code === 'data/unused-data-field')!.range.start.line).toBe(0);
  }, 30_000);

  it('diagnostics are cleared when the data is fixed', async () => {
    change('welcome.data.json', '[{ "name": "Ada" }]\n');
    await diagnostics(uriOf('welcome.hbs'), (x) => !codes(x).includes('data/missing-variable'));
    const inData = await diagnostics(uriOf('welcome.data.json'), (x) => x.length === 0);
    expect(inData).toEqual([]);
  }, 30_000);

  it('hover explains a finding and links its docs page', async () => {
    const https = latest.get(uriOf('welcome.hbs'))!.find((x) => x.code === 'images/require-https')!;
    const hover = await rpc.sendRequest<{ contents: { kind: string; value: string } } | null>('textDocument/hover', { textDocument: { uri: uriOf('welcome.hbs') }, position: https.range.start });
    expect(hover!.contents.kind).toBe('markdown');
    expect(hover!.contents.value).toContain('**images/require-https**');
    expect(hover!.contents.value).toMatch(/Why: .+/);
    expect(hover!.contents.value).toMatch(/\[Documentation\]\(file:.*require-https\.md\)/);
    expect(hover!.contents.value).toMatch(/Template: \*\*(approved|needs_review|rejected)\*\*, risk \d\.\d\d/);
  }, 30_000);

  it('offers a disable comment and applies the quick fix, after which the finding is gone', async () => {
    const uri = uriOf('welcome.hbs');
    const https = latest.get(uri)!.find((x) => x.code === 'images/require-https')!;
    const actions = await rpc.sendRequest<Action[]>('textDocument/codeAction', { textDocument: { uri }, range: https.range, context: { diagnostics: [https] } });
    const disable = actions.find((a) => a.title === 'Disable images/require-https for this line')!;
    expect(disable.edit.changes[uri]).toEqual([{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, newText: '  {{!-- inboxlint-disable-next-line images/require-https --}}\n' }]);
    const fix = actions.find((a) => a.isPreferred)!;
    expect(fix.title).toMatch(/^Fix: /);
    apply(fix.edit);
    expect(docs.get(uri)!.getText()).toContain('src="https://example.com/logo.png"');
    const d = await diagnostics(uri, (x) => !codes(x).includes('images/require-https'));
    expect(codes(d)).toContain('inboxlint/verdict');
  }, 30_000);

  it('shuts down and exits cleanly', async () => {
    await rpc.sendRequest('shutdown');
    await rpc.sendNotification('exit');
    expect(await exitCode).toBe(0);
  }, 30_000);
});
