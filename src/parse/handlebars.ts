/** Handlebars parsing with errors located in the original text. */
import Handlebars, { parseProgram } from './hbs.js';
import type { Span } from '../core/types.js';
import { LineIndex } from '../core/line-index.js';

export type HbsProgram = hbs.AST.Program;

export interface HbsError {
  message: string;
  span: Span;
}

// Handlebars' generated parser throws `new Error(str)` and drops the location hash it was given.
// Keep it, so parse errors point at the offending token rather than "line N" only.
const parser = (Handlebars as unknown as { Parser: { parseError: (s: string, h: unknown) => never } }).Parser;
parser.parseError = (str: string, hash: unknown) => {
  const err = new Error(str) as Error & { hash?: unknown };
  err.hash = hash;
  throw err;
};

interface JisonHash {
  text?: string;
  token?: string;
  loc?: { first_line: number; first_column: number; last_line: number; last_column: number };
  expected?: string[];
}

export function parseHandlebars(text: string, lines: LineIndex): { ast?: HbsProgram; error?: HbsError } {
  try {
    return { ast: parseProgram(text) };
  } catch (e) {
    return { error: toError(e, text, lines) };
  }
}

function toError(e: unknown, text: string, lines: LineIndex): HbsError {
  const err = e as Error & { hash?: JisonHash; lineNumber?: number; column?: number; endLineNumber?: number; endColumn?: number };
  const firstLine = (err.message ?? String(e)).split('\n');
  if (err.hash?.loc) {
    const { loc, token, text: tokText, expected } = err.hash;
    const start = lines.offset(loc.first_line, loc.first_column + 1);
    let end = lines.offset(loc.last_line, loc.last_column + 1);
    if (end <= start) end = Math.min(text.length, start + Math.max(1, tokText?.length ?? 1));
    const got = token === 'EOF' ? 'end of file' : tokText ? `'${tokText}'` : String(token);
    const want = (expected ?? []).map((x) => x.replace(/'/g, '')).filter((x) => !x.startsWith('OPEN_SEXPR')).slice(0, 4);
    const msg = `Handlebars cannot parse ${got} here${want.length ? ` (expected ${humanTokens(want)})` : ''}`;
    return { message: msg, span: { start, end } };
  }
  if (typeof err.lineNumber === 'number') {
    const start = lines.offset(err.lineNumber, (err.column ?? 0) + 1);
    const end = typeof err.endLineNumber === 'number' ? lines.offset(err.endLineNumber, (err.endColumn ?? 0) + 1) : start + 1;
    return { message: `Handlebars: ${firstLine[0]!.replace(/ - \d+:\d+$/, '')}`, span: { start, end: Math.max(end, start + 1) } };
  }
  // Handlebars' lexer reads U+0000 as the end of its input: a NUL (from a JSON "\u0000" escape, say) cannot be parsed.
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return { message: 'Handlebars cannot read the NUL character (U+0000) here: remove it', span: { start: nul, end: nul + 1 } };
  const m = /line (\d+)/.exec(firstLine[0] ?? '');
  const start = m ? lines.offset(Number(m[1]), 1) : 0;
  // The first line says what is wrong; later lines are a context excerpt and a caret.
  return { message: `Handlebars: ${firstLine[0]}`, span: { start, end: start + 1 } };
}

const TOKEN_NAMES: Record<string, string> = {
  CLOSE: '}}',
  CLOSE_UNESCAPED: '}}}',
  ID: 'a name',
  STRING: 'a string',
  NUMBER: 'a number',
  DATA: '@data',
  OPEN_ENDBLOCK: '{{/…}}',
  INVERSE: '{{else}}',
  OPEN_INVERSE_CHAIN: '{{else …}}',
  CLOSE_SEXPR: ')',
  EQUALS: '=',
  SEP: '. or /',
};

function humanTokens(tokens: string[]): string {
  return tokens.map((t) => TOKEN_NAMES[t] ?? t.toLowerCase()).join(', ');
}
