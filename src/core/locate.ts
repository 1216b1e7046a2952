/** Turns spans in a part's text into file line/column (through the offset map for embedded parts). */
import type { Part, Span } from './types.js';
import type { PartSource, TemplateSource } from './source.js';
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
    const start = e.index.position(this.toFileOffset(part, span.start));
    const end = e.index.position(this.toFileOffset(part, Math.max(span.start, span.end)));
    return { path: e.src.path, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  }

  /** Text of the file a part lives in (for code frames). */
  file(part: Part): { path: string; text: string } | undefined {
    const src = this.source[part];
    return src ? { path: src.path, text: src.fileText ?? src.text } : undefined;
  }
}

/**
 * FNV-1a 64-bit over UTF-16 code units, hex: a small stable hash for fingerprints (SARIF partialFingerprints:
 * the values must not change between versions). Computed in 32-bit halves with integer operations only: the
 * prime is 2^40 + 0x1b3, so h * prime = h * 0x1b3 + (h << 40) mod 2^64, and the low half's product is taken
 * in 16-bit pieces to get its carry. (The BigInt version gave the same values about 3x slower.)
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
