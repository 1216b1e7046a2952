/** Maps UTF-16 offsets to 1-based line and column (column counted in UTF-16 code units, like LSP and ESLint). */
export class LineIndex {
  private lineStarts: readonly number[] | undefined;

  /** Lines are found on first use: most indexes are made in case an error needs locating, and never are. */
  constructor(readonly text: string) {}

  /** Offsets at which the lines start (findLineStarts). */
  get starts(): readonly number[] {
    return (this.lineStarts ??= findLineStarts(this.text));
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 1-based line and column of an offset; offsets past the end clamp to the end. */
  position(offset: number): { line: number; column: number } {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - this.starts[lo]! + 1 };
  }

  /** Offset of a 1-based line and column (clamped to the text). */
  offset(line: number, column: number): number {
    const l = Math.max(1, Math.min(line, this.starts.length));
    const start = this.starts[l - 1]!;
    const next = l < this.starts.length ? this.starts[l]! : this.text.length;
    return Math.min(start + Math.max(0, column - 1), next);
  }

  lineText(line: number): string {
    const start = this.starts[line - 1];
    if (start === undefined) return '';
    return this.text.slice(start, this.lineEnd(line));
  }

  /** Offset where a 1-based line's text ends, before its line break (`\n`, `\r\n` or `\r`); clamped like offset(). */
  lineEnd(line: number): number {
    const l = Math.max(1, Math.min(line, this.starts.length));
    const start = this.starts[l - 1]!;
    let end = l < this.starts.length ? this.starts[l]! : this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 0x0a) end--;
    if (end > start && this.text.charCodeAt(end - 1) === 0x0d) end--;
    return end;
  }
}

/**
 * Offsets at which the lines of `text` start (after \r\n, \r or \n): one pass, no match objects. Without a
 * \r, by indexOf, about ten times faster than the charCodeAt loop on a 30 KB part (every review locates in
 * several parts).
 */
export function findLineStarts(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}
