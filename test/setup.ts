/**
 * Runs before every test file (vitest.config.ts setupFiles). Test files share modules within a worker thread
 * (isolate: false), so an afterAll registered when temp-dir.ts was first loaded ran for the first file only,
 * and every later file's temp folders stayed in the system temp folder.
 */
import { afterAll } from 'vitest';
import { removeTempDirs } from './temp-dir.js';

afterAll(removeTempDirs);
