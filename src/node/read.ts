/** Bounded, decoding file reads: every failure becomes a LoadIssue with a location, never a throw. */
import { open, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import type { LoadIssue } from '../core/source.js';
import type { Part } from '../core/types.js';
import { decode, type ReadResult } from '../parse/decode.js';

export { decode, type ReadResult };

export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

export async function readTextFile(path: string, part: Part, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<ReadResult> {
  let bytes: Buffer;
  try {
    // Opening a FIFO for reading blocks until a writer comes, possibly forever: look before opening, and
    // open without blocking in case the path changes in between.
    const before = await stat(path);
    if (before.isDirectory()) return fail('unreadable', part, path, 'it is a directory');
    if (!before.isFile()) return fail('unreadable', part, path, `it is not a regular file (${kindOf(before)}): only template files are read`);
    const fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const st = await fh.stat();
      if (!st.isFile()) return fail('unreadable', part, path, `it is not a regular file (${kindOf(st)}): only template files are read`);
      if (st.size > maxBytes) return fail('too-large', part, path, `The file is ${mb(st.size)}, over the ${mb(maxBytes)} limit: it was not read. No provider accepts a template this large (AWS SES allows 500 KB).`);
      // Read at most maxBytes + 1 even if stat lied (FIFOs, /proc files, growing files).
      const buf = Buffer.alloc(Math.min(maxBytes + 1, Math.max(st.size, 64 * 1024)));
      let total = 0;
      for (;;) {
        if (total === buf.length) break;
        const { bytesRead } = await fh.read(buf, total, buf.length - total, total);
        if (bytesRead === 0) break;
        total += bytesRead;
      }
      if (total > maxBytes) return fail('too-large', part, path, `The file is over the ${mb(maxBytes)} limit: it was not read.`);
      bytes = buf.subarray(0, total);
    } finally {
      await fh.close();
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return fail('unreadable', part, path, err.code === 'ENOENT' ? 'file not found' : err.code === 'EACCES' ? 'permission denied' : err.message);
  }
  return decode(bytes, part, path);
}

function kindOf(st: import('node:fs').Stats): string {
  return st.isFIFO() ? 'a named pipe' : st.isSocket() ? 'a socket' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : 'not a file';
}

function fail(kind: LoadIssue['kind'], part: Part, path: string, message: string): ReadResult {
  return { ok: false, issue: { kind, part, path, message, span: { start: 0, end: 0 } } };
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
