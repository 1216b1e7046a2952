/** Bytes → text: UTF-8 with the BOM stripped; binary and legacy encodings become located load issues. Pure. */
import type { LoadIssue } from '../core/source.js';
import type { Part } from '../core/types.js';

export type ReadResult = { ok: true; text: string } | { ok: false; issue: LoadIssue };

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
