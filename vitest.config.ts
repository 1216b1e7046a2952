import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Two projects. Most tests are pure (review strings in memory): they run in worker threads that share one
 * module graph (isolate: false), so mjml, handlebars, ajv and the rules load once per worker instead of once
 * per test file. Tests that start servers, databases, browsers or processes, change the process (chdir), or
 * measure its heap run in forked processes, one file per process, as before.
 */
const PROCESS = [
  'test/service/**/*.test.ts', // HTTP service, SQLite/PostgreSQL, worker threads, Chromium
  'test/probe/**/*.test.ts', // real HTTP(S) servers on loopback
  'test/cli-check-urls.test.ts', // a loopback server
  'test/layout/base-url.test.ts', // a loopback server
  'test/hostile/cli.test.ts', // spawns the CLI
  'test/batch.test.ts', // reviews on worker threads
  'test/memory.test.ts', // measures the heap
  'test/parse/mjml.test.ts', // process.chdir (not allowed in worker threads)
  'test/api/package.test.ts', // npm pack, tsc and node in a scratch project
  'test/lsp/**/*.test.ts', // spawns the language server
];

export default defineConfig({
  test: {
    // Vitest's default is one worker less than the cores: on a 2-core machine, one file at a time. Its own
    // process mostly waits, and many files wait on processes, servers or databases: one worker per core.
    maxWorkers: Math.max(2, availableParallelism()),
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: { name: 'pure', include: ['test/**/*.test.ts', 'src/**/*.test.ts'], exclude: PROCESS, pool: 'threads', isolate: false },
      },
      {
        extends: true,
        test: { name: 'process', include: PROCESS, pool: 'forks' },
      },
    ],
  },
});
