#!/usr/bin/env node
// The command line bundled by the build (scripts/bundle-cli.js): a few files to load instead of ~150.
import { setFlagsFromString } from 'node:v8';
import { main } from '../dist/bundle/main.js';

// Old space grows by 60% over what a full collection left, not by V8's default factor (up to 4x): a batch's
// garbage is short-lived, and with the default a long run's RSS grew with its length while little of it was
// live. Only this process's V8 (and its review threads) is affected. Figures: the commit that set it.
setFlagsFromString('--heap-growing-percent=60');

// Regular expressions compile straight to machine code, skipping V8's bytecode interpreter: a review runs
// the phrase lists' large alternations (the English one is 7 KB of source) on its first template, and
// their bytecode, with its peephole optimisation, took ~170 ms of a one-file run before V8 replaced it with
// machine code on the second execution anyway. Measured (bench/startup.js, one HTML file): 456 -> 347 ms median.
setFlagsFromString('--no-regexp-tier-up');

// A function is optimised by TurboFan after ~2.2x the bytecode V8's default budget (67,584) lets run: a run
// over many templates otherwise optimises, and re-optimises, hundreds of lukewarm functions, and TurboFan's
// threads took ~3 s of CPU per 1,000 templates on the second core. A larger budget also delays every
// re-optimisation after a deopt, which a long run keeps paying: 250,000 made 10,000 templates ~4% slower.
// Measured (one review thread, runs interleaved): 1,000 templates 4.36-4.95 -> 4.09-4.25 s, CPU 6.4-6.7 ->
// 5.6-5.7 s; 10,000 templates 25.9-26.6 -> 26.4-27.2 s (three runs each); one HTML file ~300 ms either way.
setFlagsFromString('--interrupt-budget=150000');

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
