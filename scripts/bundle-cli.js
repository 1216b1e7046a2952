// Part of `npm run build`, after tsc: the command line's own modules (dist/cli/main.js and everything of
// dist/ it imports, also dynamically: the library API, engine, rules, language server, service) bundled into
// dist/bundle/ with esbuild, so a start-up loads a few files instead of ~150 (the ESM loader reads, resolves
// and compiles each). Dependencies stay external: node_modules is loaded as it is installed. The library API
// (dist/index.js) and the worker threads (dist/node/batch-worker.js, dist/service/review-worker.js) stay
// unbundled. dist/bundle/ is as deep as dist/node/, so the paths modules compute from import.meta.url (the
// package's rules/, docs/, package.json, worker files) are the same.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const external = Object.keys(pkg.dependencies).flatMap((d) => [d, `${d}/*`]);
const outdir = path.join(root, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true });
buildSync({
  entryPoints: [path.join(root, 'dist', 'cli', 'main.js')],
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  outdir,
  logLevel: 'warning',
});
console.log('bundled the command line into dist/bundle/');
