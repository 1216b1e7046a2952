#!/usr/bin/env node
// `npm test`'s static checks at the same time (each uses one core): the package.json scripts named on the
// command line (default: typecheck and lint). Each one's output is printed whole when it ends; the exit code
// is the first failure's, 0 when all pass. Both keep a cache in .cache/ (gitignored), so a warm run checks
// only what changed; a clean clone (CI) checks everything.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scripts = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts;
const names = process.argv.length > 2 ? process.argv.slice(2) : ['typecheck', 'lint'];
const env = { ...process.env, PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}` };

const codes = await Promise.all(
  names.map(
    (name) =>
      new Promise((resolve) => {
        if (!scripts[name]) {
          process.stderr.write(`check: no script ${name} in package.json\n`);
          return resolve(2);
        }
        const started = Date.now();
        const child = spawn(scripts[name], { cwd: root, env, shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (out += d));
        child.on('close', (code, signal) => {
          const status = code === 0 ? 'ok' : `failed (${signal ?? `exit ${code}`})`;
          process.stdout.write(`${out}${out && !out.endsWith('\n') ? '\n' : ''}${name}: ${status}, ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
          resolve(code ?? 1);
        });
      }),
  ),
);
process.exitCode = codes.find((c) => c !== 0) ?? 0;
