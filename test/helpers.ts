/** Test helpers: temp folders of template files, and the CLI run in-process with captured output. */
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll } from 'vitest';
import { main } from '../src/cli/main.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Create a temp folder with the given files (string or bytes). */
export function tempDir(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'inboxlint-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return dir;
}

class Capture extends Writable {
  text = '';
  isTTY = false;
  override _write(chunk: Buffer, _enc: string, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

export async function runCli(argv: string[], dir: string, env: Record<string, string | undefined> = {}, tty = false) {
  const stdout = new Capture();
  const stderr = new Capture();
  stdout.isTTY = tty;
  const code = await main(argv, { stdout, stderr, dir, env });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

export async function runJson(argv: string[], dir: string) {
  const r = await runCli([...argv, '-f', 'json'], dir);
  if (r.code === 2) throw new Error(`exit 2: ${r.stderr}`);
  return { ...r, json: JSON.parse(r.stdout) as { tool: { name: string; version: string }; results: any[] } };
}
