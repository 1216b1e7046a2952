/** Test helpers: temp folders of template files, and the CLI run in-process with captured output. */
import { Writable } from 'node:stream';
import path from 'node:path';
import { main } from '../src/cli/main.js';

export { tempDir } from './temp-dir.js';

/** Files as paths relative to `dir`, with `/` whatever the platform (what discover's answers are compared to). */
export const relativePaths = (dir: string, files: string[]) => files.map((f) => path.relative(dir, f).split(path.sep).join('/'));

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
