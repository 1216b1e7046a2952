/** Turns spans in a part's text into file line/column (through the offset map for embedded parts). */
import type { Part, Span } from './types.js';
import type { PartSource, Segment, TemplateSource } from './source.js';
import { LineIndex } from './line-index.js';

export interface Located {
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export class Locator {
  private readonly cache = new Map<Part, { src: PartSource; index: LineIndex }>();

  constructor(private readonly source: TemplateSource) {}

  partSource(part: Part): PartSource | undefined {
    return this.source[part];
  }

  private entry(part: Part) {
    let e = this.cache.get(part);
    if (!e) {
      // A part that failed to load is located in the text the loader kept for its issue.
      const issue = this.source.loadIssues?.find((i) => i.part === part);
      const src = this.source[part] ?? (issue ? { part, path: issue.path, text: issue.fileText ?? '' } : undefined);
      if (!src) return undefined;
      e = { src, index: new LineIndex(src.fileText ?? src.text) };
      this.cache.set(part, e);
    }
    return e;
  }

  toFileOffset(part: Part, offset: number): number {
    const e = this.entry(part);
    if (!e?.src.offsetMap) return offset;
    const map = e.src.offsetMap;
    return map[Math.max(0, Math.min(offset, map.length - 1))]!;
  }

  locate(part: Part, span: Span): Located {
    const e = this.entry(part);
    if (!e) return { path: this.source.path, line: 1, column: 1, endLine: 1, endColumn: 1 };
    if (e.src.segments) return this.locateComposed(e.src.segments, e.src.path, e.index, span);
    const start = e.index.position(this.toFileOffset(part, span.start));
    const end = e.index.position(this.toFileOffset(part, Math.max(span.start, span.end)));
    return { path: e.src.path, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  }

  private readonly fileIndexes = new Map<string, LineIndex>();

  /** A span in a composed part (MJML with includes): located in the file its start came from. */
  private locateComposed(segments: readonly Segment[], mainPath: string, mainIndex: LineIndex, span: Span): Located {
    const seg = segmentAt(segments, span.start);
    if (!seg) return { path: mainPath, ...whole(mainIndex.position(0), mainIndex.position(0)) };
    let index = this.fileIndexes.get(seg.path);
    if (!index) this.fileIndexes.set(seg.path, (index = new LineIndex(seg.fileText)));
    const at = (o: number) => (seg.fixed ? seg.fileStart : seg.fileStart + Math.max(0, Math.min(o, seg.end) - seg.start));
    // A span running past its segment (an element whose end is in another file) ends where the segment ends.
    const start = index.position(at(span.start));
    const end = index.position(at(Math.max(span.start, span.end)));
    return { path: seg.path, ...whole(start, end) };
  }

  /** The file and offset in it of an offset into a part (for fixes: only edits to the part's own file apply). */
  fileOffset(part: Part, offset: number): { path: string; offset: number } | undefined {
    const e = this.entry(part);
    if (!e) return undefined;
    if (!e.src.segments) return { path: e.src.path, offset: this.toFileOffset(part, offset) };
    const seg = segmentAt(e.src.segments, offset);
    if (!seg || seg.fixed) return undefined;
    return { path: seg.path, offset: seg.fileStart + (offset - seg.start) };
  }

  private readonly decodedIndexes = new Map<Part, LineIndex>();

  /** For a part decoded from an encoded JSON value (Tencent base64): the position in the decoded text. */
  decodedPosition(part: Part, offset: number): { key: string; line: number; column: number } | undefined {
    const src = this.source[part];
    if (!src?.encoded) return undefined;
    let index = this.decodedIndexes.get(part);
    if (!index) this.decodedIndexes.set(part, (index = new LineIndex(src.text)));
    return { key: src.encoded, ...index.position(offset) };
  }

  /** Every file a part is composed of, besides its own (for code frames). */
  includedFiles(part: Part): { path: string; text: string }[] {
    const src = this.source[part];
    const out = new Map<string, string>();
    for (const s of src?.segments ?? []) if (s.path !== src!.path) out.set(s.path, s.fileText);
    return [...out].map(([path, text]) => ({ path, text }));
  }

  /** Text of the file a part lives in (for code frames). */
  file(part: Part): { path: string; text: string } | undefined {
    const src = this.source[part];
    return src ? { path: src.path, text: src.fileText ?? src.text } : undefined;
  }
}

function whole(start: { line: number; column: number }, end: { line: number; column: number }) {
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

/** The segment holding an offset (the last one for the end of the text). */
function segmentAt(segments: readonly Segment[], offset: number): Segment | undefined {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segments[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return s;
  }
  return segments[segments.length - 1];
}

/**
 * FNV-1a 64-bit over UTF-16 code units, hex: a small stable hash for fingerprints (SARIF partialFingerprints:
 * the values must not change between versions). Computed in 32-bit halves with integer operations only: the
 * prime is 2^40 + 0x1b3, so h * prime = h * 0x1b3 + (h << 40) mod 2^64, and the low half's product is taken
 * in 16-bit pieces to get its carry. (A BigInt version gives the same values, more slowly.)
 */
export function fnv1a(text: string): string {
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (let i = 0; i < text.length; i++) {
    const x = (lo ^ text.charCodeAt(i)) >>> 0;
    const a = (x & 0xffff) * 0x1b3; // < 2^25
    const b = (x >>> 16) * 0x1b3 + (a >>> 16); // < 2^26
    hi = (Math.imul(hi, 0x1b3) + (b >>> 16) + (x << 8)) >>> 0;
    lo = (((b & 0xffff) << 16) | (a & 0xffff)) >>> 0;
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}
