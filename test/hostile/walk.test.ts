/**
 * The folder walk of the CLI on hostile folders (issue 13), in-process: symbolic links back to the folder
 * itself, and folders it may not read. (test/hostile/cli.test.ts runs the cases that are about the process.)
 */
import { describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { relativePaths, runCli, runJson, tempDir } from '../helpers.js';
import { discover } from '../../src/node/discover.js';

describe('hostile folders', () => {
  it('a folder with symbolic links back to itself reviews each template once', async () => {
    const dir = tempDir({ 'a/t.html': '<p>x</p>', 'a/t.txt': 'x' });
    symlinkSync(path.join(dir, 'a'), path.join(dir, 'a', 'loop'));
    symlinkSync(dir, path.join(dir, 'a', 'up'));
    symlinkSync(path.join(dir, 'a', 't.html'), path.join(dir, 'link.html'));
    const r = await runJson(['.'], dir);
    expect([0, 1]).toContain(r.code);
    expect(r.stderr).toBe('');
    expect(r.json.results.map((x: { path: string }) => x.path)).toEqual([path.join('a', 't.html')]);
  });

  // root reads any folder whatever its mode: the check needs an ordinary user.
  it.skipIf(process.getuid?.() === 0)('an unreadable folder is reported, not skipped in silence', async () => {
    const dir = tempDir({ 't.html': '<p>x</p>', 't.txt': 'x' });
    mkdirSync(path.join(dir, 'locked'));
    writeFileSync(path.join(dir, 'locked', 'u.html'), '<p>x</p>');
    chmodSync(path.join(dir, 'locked'), 0);
    try {
      const r = await runCli(['.', '-f', 'json'], dir);
      expect(r.stderr).toMatch(/cannot read folder .*locked: permission denied/);
    } finally {
      chmodSync(path.join(dir, 'locked'), 0o755);
    }
  });

  it('finds the same templates with synchronous reads (the CLI) as with asynchronous ones (the library)', async () => {
    const dir = tempDir({
      'a/t.html': '<p>{{> footer}}</p>',
      'a/t.txt': 'x',
      'a/footer.hbs': '<p>footer</p>',
      'm/main.mjml': '<mjml><mj-body><mj-include path="./part.mjml" /></mj-body></mjml>',
      'm/part.mjml': '<mj-section></mj-section>',
      'lone.txt': 'x',
    });
    symlinkSync(path.join(dir, 'a'), path.join(dir, 'a', 'loop'));
    symlinkSync(path.join(dir, 'a', 't.html'), path.join(dir, 'link.html'));
    // A FIFO: the folder walk lists only files; named, it is never opened (that would block) while the walk
    // looks for includes, and the loader refuses it with a finding (cli.test.ts).
    expect(spawnSync('mkfifo', [path.join(dir, 'pipe.html')]).status).toBe(0);
    const rel = (files: string[]) => relativePaths(dir, files);
    expect(rel(await discover(['.'], dir))).toEqual(['a/t.html', 'm/main.mjml']);
    expect(rel(await discover(['.'], dir, { syncReads: true }))).toEqual(['a/t.html', 'm/main.mjml']);
    expect(rel(await discover(['.', 'pipe.html'], dir))).toEqual(['a/t.html', 'm/main.mjml', 'pipe.html']);
    expect(rel(await discover(['.', 'pipe.html'], dir, { syncReads: true }))).toEqual(['a/t.html', 'm/main.mjml', 'pipe.html']);
  });
});
