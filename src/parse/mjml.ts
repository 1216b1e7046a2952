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
    const issues = (out.errors ?? []).map((e: { line?: number; message: string; tagName?: string }) => ({
      message: e.message,
      ...(e.tagName ? { tagName: e.tagName } : {}),
      span: locateTag(masked, lines, e.line ?? 1, e.tagName),
    }));
    for (const line of printed) if (!/^No matching component for tag/.test(line)) issues.push({ message: line, span: { start: 0, end: Math.min(masked.length, Math.max(1, masked.indexOf('>') + 1)) } });
    return { html: out.html, issues, compileMs };
  } catch (e) {
    const message = e instanceof RangeError ? 'MJML nesting is too deep to compile' : (e as Error).message ?? String(e);
    return { issues: [], fatal: { message, span: { start: 0, end: Math.min(masked.length, Math.max(1, masked.indexOf('>') + 1)) } } };
  }
}

/** MJML reports a line and a tag name; find that tag on the line for a precise column. */
function locateTag(text: string, lines: LineIndex, line: number, tagName?: string): Span {
  const lineStart = lines.offset(line, 1);
  const lineText = lines.lineText(line);
  if (tagName) {
    const col = lineText.indexOf(`<${tagName}`);
    if (col >= 0) {
      const start = lineStart + col;
      const gt = text.indexOf('>', start);
      return { start, end: gt < 0 ? start + tagName.length + 1 : gt + 1 };
    }
  }
  const indent = lineText.length - lineText.trimStart().length;
  return { start: lineStart + indent, end: lineStart + Math.max(indent + 1, lineText.length) };
}
