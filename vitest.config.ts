import { availableParallelism } from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Two projects. Test files run in worker threads that share one module graph (isolate: false): mjml,
 * handlebars, ajv, the rules and the service load once per worker instead of once per file. That includes
 * tests that start servers (each on a port of its own) and databases, tests that spawn the CLI, the
 * language server, worker processes or Chromium, and the heap measurement (a thread's heap is its own
 * isolate's, and one file runs at a time in a thread: measured after four other files in the same thread,
 * the growth was 0.13 and 0.15 MB against limits of 8 and 5 MB). Only process.chdir (not allowed in worker
 * threads) needs a forked process.
 */
const FORKS = [
  'test/parse/mjml.test.ts', // process.chdir
];

/** The files that take longest (seconds each; durability mostly waits on worker processes), slowest first. */
const SLOW = [
  'test/service/durability.test.ts',
  'test/hostile/fuzz.test.ts',
  'test/api/package.test.ts',
  'test/memory.test.ts',
  'test/hostile/cli.test.ts',
  'test/hostile/growth.test.ts',
  'test/cli/pr-action.test.ts',
  'test/service/page.test.ts',
  'test/batch.test.ts',
  'test/engine-concurrency.test.ts',
  'test/analysis/matcher.test.ts',
];

/**
 * The files of SLOW start first, in that order; the others follow in vitest's order. Vitest orders by the
 * durations of the last run when it has them for every file, by file size otherwise: in a clean clone (CI)
 * fuzz.test.ts and growth.test.ts, small files that take 5-8 s, started near the end and ran alone on one
 * worker; and a file with no recorded duration (new, or moved to another project) made its order erratic.
 */
class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const root = this.ctx.config.root;
    const rank = (f: TestSpecification) => {
      const i = SLOW.indexOf(path.relative(root, f.moduleId).split(path.sep).join('/'));
      return i < 0 ? SLOW.length : i;
    };
    return sorted
      .map((f, i) => ({ f, i }))
      .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
      .map((x) => x.f);
  }
}

export default defineConfig({
  test: {
    // Vitest's default is one worker less than the cores: on a 2-core machine, one file at a time. Its own
    // process mostly waits, and many files wait on processes, servers or databases: one worker per core.
    maxWorkers: Math.max(2, availableParallelism()),
    sequence: { sequencer: SlowFirst },
    testTimeout: 30_000,
    hookTimeout: 30_000,
    setupFiles: ['test/setup.ts'],
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
