import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Two projects. Test files run in worker threads that share one module graph (isolate: false): mjml,
 * handlebars, ajv, the rules and the service load once per worker instead of once per file. That includes
 * tests that start servers (each on a port of its own) and databases, and tests that spawn the CLI, the
 * language server or worker processes. Only what needs a process of its own runs forked, one file per
 * process: a heap measurement, process.chdir (not allowed in worker threads), and the browser test.
 */
const FORKS = [
  'test/memory.test.ts', // measures the heap
  'test/parse/mjml.test.ts', // process.chdir (not allowed in worker threads)
  'test/service/page.test.ts', // Chromium through playwright-core
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
        test: { name: 'threads', include: ['test/**/*.test.ts', 'src/**/*.test.ts'], exclude: FORKS, pool: 'threads', isolate: false },
      },
      {
        extends: true,
        test: { name: 'forks', include: FORKS, pool: 'forks' },
      },
    ],
  },
});
