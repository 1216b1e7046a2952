/** FileCache: texts and listings kept across loads while the files and folders are unchanged on disk. */
import { describe, it, expect } from 'vitest';
import { writeFileSync, unlinkSync, utimesSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { tempDir } from '../temp-dir.js';
import { FileCache } from '../../src/node/file-cache.js';
import { loadBundle } from '../../src/node/bundle.js';

describe('FileCache', () => {
  it('answers from the cache while a file is unchanged, and reads it again when it changes', async () => {
    const dir = tempDir({ 'a.txt': 'one' });
    const file = path.join(dir, 'a.txt');
    const cache = new FileCache();
    const first = await cache.read(file, 'text', 1000);
    expect(first).toEqual({ ok: true, text: 'one' });
    expect(await cache.read(file, 'text', 1000)).toBe(first);
    // Same size, rewritten: the times differ.
    writeFileSync(file, 'two');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(await cache.read(file, 'text', 1000)).toEqual({ ok: true, text: 'two' });
    // Another limit is another read (a limit turns a file into a failure).
    expect((await cache.read(file, 'text', 2)).ok).toBe(false);
    unlinkSync(file);
    expect(await cache.read(file, 'text', 1000)).toMatchObject({ ok: false, issue: { message: 'file not found' } });
  });

  it('lists a folder again when a file is added or removed', async () => {
    const dir = tempDir({ 'a.html': '<p>a</p>' });
    const cache = new FileCache();
    expect([...(await cache.list(dir))]).toEqual(['a.html']);
    writeFileSync(path.join(dir, 'a.data.json'), '{}');
    expect([...(await cache.list(dir))].sort()).toEqual(['a.data.json', 'a.html']);
    unlinkSync(path.join(dir, 'a.html'));
    expect([...(await cache.list(dir))]).toEqual(['a.data.json']);
    expect([...(await cache.list(path.join(dir, 'missing')))]).toEqual([]);
  });

  it('does not cache what is not a regular file', async () => {
    const dir = tempDir({});
    const fifo = path.join(dir, 'p.html');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const r = await new FileCache().read(fifo, 'html', 1000);
    expect(r).toMatchObject({ ok: false, issue: { message: expect.stringMatching(/not a regular file/) } });
  });

  it('a bundle loaded through it sees sidecar edits, additions and removals', async () => {
    const dir = tempDir({ 'w.html': '<p>{{name}}</p>', 'w.data.json': '{"name":"a"}' });
    const file = path.join(dir, 'w.html');
    const files = new FileCache();
    const load = () => loadBundle(file, { cwd: dir, files });
    expect((await load())!.data!.text).toBe('{"name":"a"}');
    writeFileSync(path.join(dir, 'w.data.json'), '{"name":"bb"}');
    expect((await load())!.data!.text).toBe('{"name":"bb"}');
    writeFileSync(path.join(dir, 'w.meta.json'), '{"subject":"Hi"}');
    expect((await load())!.subject!.text).toBe('Hi');
    unlinkSync(path.join(dir, 'w.data.json'));
    expect((await load())!.data).toBeUndefined();
    // The overlay (unsaved buffers) still wins.
    expect((await loadBundle(file, { cwd: dir, files, overlay: new Map([[path.join(dir, 'w.data.json'), '{"name":"c"}']]) }))!.data!.text).toBe('{"name":"c"}');
  });
});
