#!/usr/bin/env node
// The command line bundled by the build (scripts/bundle-cli.js): a few files to load instead of ~150.
import { setFlagsFromString } from 'node:v8';
import { main } from '../dist/bundle/main.js';

// Old space grows by 30% over what a full collection left, not V8's default (up to 4x): a batch's garbage
// is short-lived, and the default let a run of 1,000 templates reach 330 MB of RSS with ~50 MB live
// (252 MB this way, for ~3% more CPU). Only this process's V8 (and its review threads) is affected.
setFlagsFromString('--heap-growing-percent=30');

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
