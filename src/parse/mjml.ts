/** MJML 5 compilation of the masked template, with validation errors located in the source. */
import type { Span } from '../core/types.js';
import type { LineIndex } from '../core/line-index.js';

export interface MjmlIssue {
  message: string;
  tagName?: string;
  span: Span;
}

export interface MjmlResult {
  /** Compiled HTML (still masked: tokens stand for template expressions). */
  html?: string;
  issues: MjmlIssue[];
  /** Set when MJML refused the document as a whole. */
  fatal?: MjmlIssue;
  /**
   * Milliseconds of the compiler's own (synchronous) work. What else the thread did while the compile was
   * awaited (other reviews, loading mjml the first time) is not in it: the review's time budget counts this.
   */
  compileMs?: number;
}

export async function compileMjml(masked: string, lines: LineIndex): Promise<MjmlResult> {
  // mjml and its components take most of inboxlint's start-up: imported on the first MJML template only
  // (Node keeps the module, so later calls cost a lookup).
  const { default: mjml2html } = await import('mjml');
  // mjml-core prints "No matching component for tag : mj-x" with console.error for an unknown tag in
  // <mj-head>, during the synchronous part of mjml2html; its validator reports the same element as an issue.
  // Output of a library does not belong on the host's stderr: console.error is taken over for exactly that
  // synchronous call (nothing else runs meanwhile) and what else it prints becomes an issue.
  const printed: string[] = [];
  const consoleError = console.error;
  try {
    console.error = (...args: unknown[]) => void printed.push(args.map(String).join(' '));
    let compiling: ReturnType<typeof mjml2html>;
    const t0 = performance.now();
    try {
      compiling = mjml2html(masked, {
        validationLevel: 'soft',
        // The core never reads files: <mj-include> would read arbitrary paths from a submitted template.
        ignoreIncludes: true,
        keepComments: true,
        minify: false,
        beautify: false,
        // MJML's parser otherwise lstat()s its filePath ('.') on every compile, only to resolve includes.
        filePath: '',
      } as never);
    } finally {
      console.error = consoleError;
    }
    const compileMs = performance.now() - t0;
    const out = await compiling;
    const locate = tagLocator(masked, lines);
    const issues = (out.errors ?? []).map((e: { line?: number; message: string; tagName?: string }) => ({
      message: e.message,
      ...(e.tagName ? { tagName: e.tagName } : {}),
      span: locate(e.line ?? 1, e.tagName),
    }));
    for (const line of printed) if (!/^No matching component for tag/.test(line)) issues.push({ message: line, span: { start: 0, end: Math.min(masked.length, Math.max(1, masked.indexOf('>') + 1)) } });
    return { html: out.html, issues, compileMs };
  } catch (e) {
    const message = e instanceof RangeError ? 'MJML nesting is too deep to compile' : (e as Error).message ?? String(e);
    return { issues: [], fatal: { message, span: { start: 0, end: Math.min(masked.length, Math.max(1, masked.indexOf('>') + 1)) } } };
  }
}

/**
 * MJML reports a line and a tag name: the issues of one compile are located on their lines, the n-th issue
 * about a tag on a line at the n-th such tag there (MJML validates in document order). Each line is searched
 * from where the last issue about that tag on it was found: fuzz seed 1616 #6437, 18,151 unknown elements on
 * one 273 KB line, cut every line out and searched it from its start for each issue (quadratic, 1.8 s).
 */
function tagLocator(text: string, lines: LineIndex): (line: number, tagName?: string) => Span {
  /** Per line and tag: where the next search starts (-1: no more such tags on the line). */
  const cursors = new Map<string, number>();
  /** No `>` at or after this offset (a search that failed is not repeated for every later tag). */
  let noCloseFrom = Infinity;
  return (line, tagName) => {
    const lineStart = lines.offset(line, 1);
    const lineEnd = lines.lineEnd(line);
    if (tagName) {
      const key = `${line}\u0000${tagName}`;
      const from = cursors.get(key) ?? lineStart;
      let at = from < 0 ? -1 : text.indexOf(`<${tagName}`, from);
      // The whole name: an issue about <mj-col> is not at an <mj-column>.
      while (at >= 0 && at < lineEnd && isNameCode(text.charCodeAt(at + 1 + tagName.length))) at = text.indexOf(`<${tagName}`, at + 1);
      if (at >= 0 && at < lineEnd) {
        const gt = at >= noCloseFrom ? -1 : text.indexOf('>', at);
        if (gt < 0) noCloseFrom = Math.min(noCloseFrom, at);
        const end = gt < 0 ? at + tagName.length + 1 : gt + 1;
        cursors.set(key, end);
        return { start: at, end };
      }
      // None (left) on the line: later issues about this tag here go to the line, without a search.
      cursors.set(key, -1);
    }
    let indent = lineStart;
    while (indent < lineEnd && (text.charCodeAt(indent) === 0x20 || text.charCodeAt(indent) === 0x09)) indent++;
    return { start: indent, end: Math.max(indent + 1, lineEnd) };
  };
}

/** A character that continues a tag name (letters, digits, `-`, `_`, `:`, `.`). */
function isNameCode(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x5f || c === 0x3a || c === 0x2e;
}
