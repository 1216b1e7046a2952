/** Bounded, decoding file reads: every failure becomes a LoadIssue with a location, never a throw. */
import { open } from 'node:fs/promises';
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import type { LoadIssue } from '../core/source.js';
import type { Part } from '../core/types.js';
import { decode, type ReadResult } from '../parse/decode.js';

export { decode, type ReadResult };

export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

export async function readTextFile(path: string, part: Part, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<ReadResult> {
  try {
    // Opening a FIFO for reading blocks until a writer comes, possibly forever: open without blocking, then
    // look at what was opened (a directory opens too, read-only).
    const fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const steps = reading(path, part, maxBytes);
      let step = steps.next();
      while (!step.done) step = steps.next(step.value === STAT ? await fh.stat() : (await fh.read(step.value.chunk, 0, step.value.chunk.length, step.value.at)).bytesRead);
      return step.value;
    } finally {
      await fh.close();
    }
  } catch (e) {
    return failed(e, part, path);
  }
}

/**
 * readTextFile with synchronous calls: the same checks, limits, results and issues. A batch run reads
 * thousands of small files on the thread that also reviews; each asynchronous call (open, stat, read,
 * close) is a trip through the thread pool that costs that thread more than the read itself. Only for
 * hosts that have nothing else to serve meanwhile (the command line's batch).
 */
export function readTextFileSync(path: string, part: Part, maxBytes = DEFAULT_MAX_FILE_BYTES): ReadResult {
  try {
    const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const steps = reading(path, part, maxBytes);
      let step = steps.next();
      while (!step.done) step = steps.next(step.value === STAT ? fstatSync(fd) : readSync(fd, step.value.chunk, 0, step.value.chunk.length, step.value.at));
      return step.value;
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    return failed(e, part, path);
  }
}

const STAT = Symbol('stat');
type ReadStep = typeof STAT | { chunk: Buffer; at: number };

/**
 * The read of an opened file, written once for both kinds of call: it asks for the file's stat, then for
 * reads (each answered with the bytes read), and returns the decoded text or an issue. Up to maxBytes + 1
 * bytes: the first read asks for one byte more than stat says, so a file read whole takes one read and a
 * file that grew since is seen (then read on in chunks); a regular file's short read is its end.
 */
function* reading(path: string, part: Part, maxBytes: number): Generator<ReadStep, ReadResult, Stats | number> {
  const st = (yield STAT) as Stats;
  if (st.isDirectory()) return fail('unreadable', part, path, 'it is a directory');
  if (!st.isFile()) return fail('unreadable', part, path, `it is not a regular file (${kindOf(st)}): only template files are read`);
  if (st.size > maxBytes) return fail('too-large', part, path, `The file is ${mb(st.size)}, over the ${mb(maxBytes)} limit: it was not read. No provider accepts a template this large (AWS SES allows 500 KB).`);
  const chunks: Buffer[] = [];
  let total = 0;
  for (let want = Math.min(maxBytes + 1, st.size + 1); want > 0; want = Math.min(64 * 1024, maxBytes + 1 - total)) {
    const chunk = Buffer.allocUnsafe(want);
    const bytesRead = (yield { chunk, at: total }) as number;
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
    if (bytesRead < want) break;
  }
  if (total > maxBytes) return fail('too-large', part, path, `The file is over the ${mb(maxBytes)} limit: it was not read.`);
  return decode(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total), part, path);
}

function failed(e: unknown, part: Part, path: string): ReadResult {
  const err = e as NodeJS.ErrnoException;
  return fail('unreadable', part, path, err.code === 'ENOENT' ? 'file not found' : err.code === 'EACCES' ? 'permission denied' : err.code === 'EISDIR' ? 'it is a directory' : err.message);
}

function kindOf(st: Stats): string {
  return st.isFIFO() ? 'a named pipe' : st.isSocket() ? 'a socket' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : 'not a file';
}

function fail(kind: LoadIssue['kind'], part: Part, path: string, message: string): ReadResult {
  return { ok: false, issue: { kind, part, path, message, span: { start: 0, end: 0 } } };
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
