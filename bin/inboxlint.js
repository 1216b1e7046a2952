#!/usr/bin/env node
// The command line bundled by the build (scripts/bundle-cli.js): a few files to load instead of ~150.
import { main } from '../dist/bundle/main.js';

// A reader that stops early (`inboxlint … | head -1`) closes the pipe: end quietly, as cat and grep do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err && err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`inboxlint: internal error: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
