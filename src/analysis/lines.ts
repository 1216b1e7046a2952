/**
 * Line starts and line/column → offset for the analyses, as core/line-index.ts computes them (lines end at
 * \r\n, \r or \n; columns in UTF-16 code units), found by indexOf when the text has no \r: a charCodeAt loop
 * over a 30 KB part costs about ten times more, and the variable model and URL resolution each need the
 * line starts of the HTML part on every review.
 */
import { findLineStarts } from '../core/line-index.js';

/** Offsets at which the lines of `text` start (the same array as findLineStarts). */
export function lineStarts(text: string): number[] {
  if (text.includes('\r')) return findLineStarts(text);
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** LineIndex.offset with lines found on first use (see lineStarts). */
export class LineOffsets {
  private starts: number[] | undefined;

  constructor(readonly text: string) {}

  /** Offset of a 1-based line and column (clamped to the text), as LineIndex.offset. */
  offset(line: number, column: number): number {
    const starts = (this.starts ??= lineStarts(this.text));
    const l = Math.max(1, Math.min(line, starts.length));
    const start = starts[l - 1]!;
    const next = l < starts.length ? starts[l]! : this.text.length;
    return Math.min(start + Math.max(0, column - 1), next);
  }
}
