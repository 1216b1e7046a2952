import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readTextFile as readAsync, readTextFileSync } from '../../src/node/read.js';

// The batch reads with synchronous calls (readTextFileSync): both must answer alike.
describe.each([
  ['readTextFile', readAsync],
  ['readTextFileSync', (...a: Parameters<typeof readTextFileSync>) => Promise.resolve(readTextFileSync(...a))],
])('%s', (_name, readTextFile) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'inboxlint-read-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a file whole, up to the limit, and refuses one over it', async () => {
    const f = path.join(dir, 'a.html');
    writeFileSync(f, '<p>héllo</p>');
    expect(await readTextFile(f, 'html')).toMatchObject({ ok: true, text: '<p>héllo</p>' });
    expect(await readTextFile(f, 'html', 13)).toMatchObject({ ok: true, text: '<p>héllo</p>' }); // 13 bytes: at the limit
    expect(await readTextFile(f, 'html', 12)).toMatchObject({ ok: false, issue: { kind: 'too-large' } });
    const empty = path.join(dir, 'e.txt');
    writeFileSync(empty, '');
    expect(await readTextFile(empty, 'text')).toMatchObject({ ok: true, text: '' });
  });

  it('reads on past the size stat gives (files that grow, /proc files that say 0)', async () => {
    const r = await readTextFile('/proc/self/status', 'text');
    expect(r.ok && r.text).toMatch(/^Name:/);
    expect(await readTextFile('/proc/self/status', 'text', 8)).toMatchObject({ ok: false, issue: { kind: 'too-large' } });
  });

  it('refuses what is not a regular file, with a reason', async () => {
    expect(await readTextFile(dir, 'html')).toMatchObject({ ok: false, issue: { kind: 'unreadable', message: 'it is a directory' } });
    expect(await readTextFile('/dev/null', 'html')).toMatchObject({ ok: false, issue: { kind: 'unreadable', message: expect.stringContaining('a device') } });
    expect(await readTextFile(path.join(dir, 'missing.html'), 'html')).toMatchObject({ ok: false, issue: { kind: 'unreadable', message: 'file not found' } });
  });
});
