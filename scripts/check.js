#!/usr/bin/env node
// `npm test`: package.json scripts run side by side (default: typecheck, lint, test:unit). The type check
// and lint use one core each and vitest waits on servers and processes at times, so together they finish
// sooner than one after the other. The last script named prints as it goes; the others' output is printed
// whole at the end. Exit code: the first failure's, 0 when all pass. The type check and lint keep a cache in
// .cache/ (gitignored): a warm run checks only what changed; a clean clone (CI) checks everything.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scripts = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts;
// Script names first; from the first argument that is not a script name on, arguments go to the last script
// (`npm test -- test/cli.test.ts` runs vitest on that file, after the checks as before).
const argv = process.argv.slice(2);
const split = argv.findIndex((a) => !Object.hasOwn(scripts, a));
const named = split < 0 ? argv : argv.slice(0, split);
const names = named.length ? named : ['typecheck', 'lint', 'test:unit'];
const extra = split < 0 ? [] : argv.slice(split);
const quote = (a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
const env = { ...process.env, PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}` };
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

const started = Date.now();
const runs = names.map((name, i) => {
  const live = i === names.length - 1;
  return new Promise((resolve) => {
    if (!scripts[name]) return resolve({ name, code: 2, out: `no script '${name}' in package.json\n`, time: '' });
    const command = live && extra.length ? `${scripts[name]} ${extra.map(quote).join(' ')}` : scripts[name];
    const child = spawn(command, { cwd: root, env, shell: true, stdio: live ? ['inherit', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout?.on('data', (d) => (out += d));
    child.stderr?.on('data', (d) => (out += d));
    child.on('close', (code, signal) => resolve({ name, code: code ?? (signal ? 1 : 0), signal, out, time: seconds(started) }));
  });
});
const results = await Promise.all(runs);
for (const r of results) {
  if (r.out) process.stdout.write(`\n> ${r.name}: ${scripts[r.name] ?? ''}\n${r.out}${r.out.endsWith('\n') ? '' : '\n'}`);
}
process.stdout.write('\n');
for (const r of results) process.stdout.write(`${r.name}: ${r.code === 0 ? 'ok' : `failed (${r.signal ?? `exit ${r.code}`})`}${r.time ? `, done at ${r.time}` : ''}\n`);
process.exitCode = results.find((r) => r.code !== 0)?.code ?? 0;
