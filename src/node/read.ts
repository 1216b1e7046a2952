/** Bounded, decoding file reads: every failure becomes a LoadIssue with a location, never a throw. */
import { open, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import type { LoadIssue } from '../core/source.js';
import type { Part } from '../core/types.js';

export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

export type ReadResult = { ok: true; text: string } | { ok: false; issue: LoadIssue };

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

/** Decode UTF-8 (BOM stripped). Binary and invalid UTF-8 become issues located at the first bad byte. */
export function decode(bytes: Uint8Array, part: Part, path: string): ReadResult {
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const body = bytes.subarray(start);
  const nul = body.indexOf(0);
  if (nul >= 0) {
    // UTF-16 files are full of NULs too: say so, it is the common cause.
    const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
    const prefix = new TextDecoder('utf-8').decode(body.subarray(0, nul));
    return {
      ok: false,
      issue: {
        kind: utf16 ? 'invalid-utf8' : 'binary',
        part,
        path,
        message: utf16 ? 'it is UTF-16; save it as UTF-8' : `NUL byte at byte ${nul + start}`,
        span: { start: prefix.length, end: prefix.length },
        fileText: prefix.slice(0, 4096),
      },
    };
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(body) };
  } catch {
    const bad = firstInvalidByte(body);
    const prefix = new TextDecoder('utf-8').decode(body.subarray(0, bad));
    return {
      ok: false,
      issue: {
        kind: 'invalid-utf8',
        part,
        path,
        message: `invalid byte 0x${body[bad]?.toString(16).padStart(2, '0')} at byte ${bad + start}; the file is probably in a legacy encoding such as Windows-1252 or GBK`,
        span: { start: prefix.length, end: prefix.length + 1 },
        fileText: new TextDecoder('utf-8').decode(body.subarray(0, Math.min(body.length, bad + 4096))),
      },
    };
  }
}

/** Longest valid prefix by binary search; streaming mode makes validity monotone in the prefix length. */
function firstInvalidByte(bytes: Uint8Array): number {
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  // The stream-valid prefix may end inside an incomplete sequence that the next byte breaks:
  // back up to the last complete character (at most 3 bytes).
  for (let k = 0; k < 3 && lo > 0; k++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, lo));
      break;
    } catch {
      lo--;
    }
  }
  return lo;
}

function fail(kind: LoadIssue['kind'], part: Part, path: string, message: string): ReadResult {
  return { ok: false, issue: { kind, part, path, message, span: { start: 0, end: 0 } } };
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
