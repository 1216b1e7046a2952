/**
 * Handlebars parsing: `Handlebars.parse` as shipped (its lexer, parser and whitespace control), with parse
 * errors located in the original text.
 *
 * The instance is Handlebars' standalone build (dist/handlebars.js: the same version and code, published in
 * the same package). Its Node entry loads the `source-map` library and builds a SourceNode tree for every
 * compiled template; the standalone build uses a light stub instead, which makes compiling cheaper. We never
 * need source maps of generated template code. Nothing of Handlebars is patched.
 */
import type HandlebarsApi from 'handlebars';
import type { Span } from '../core/types.js';
import { LineIndex } from '../core/line-index.js';
import { requireDependency } from '../core/cjs.js';

/** Required, not imported: see core/cjs.ts (Node's export lexer over the 216 KB bundle cost start-up). */
export const Handlebars = requireDependency('handlebars/dist/handlebars.js') as typeof HandlebarsApi;
/** The API's types under the same name (`Handlebars.TemplateDelegate`, ...). */
// eslint-disable-next-line @typescript-eslint/no-namespace
export declare namespace Handlebars {
  export type TemplateDelegate<T = any> = HandlebarsApi.TemplateDelegate<T>;
  export type RuntimeOptions = HandlebarsApi.RuntimeOptions;
  export type HelperDelegate = HandlebarsApi.HelperDelegate;
  export type HelperOptions = HandlebarsApi.HelperOptions;
}

export type HbsProgram = hbs.AST.Program;

export interface HbsError {
  message: string;
  span: Span;
}

/** Handlebars.parse: the AST with whitespace control and standalone lines applied. Throws as it does. */
export function parseProgram(text: string): HbsProgram {
  return Handlebars.parse(shortComments(text));
}

/**
 * The text with each long comment `{{!-- … --}}` whose body holds no `}}` written as a short comment of the
 * same length (`{{!   …   }}`: the dashes become spaces), which Handlebars parses to the same statement
 * (a CommentStatement with the same location and whitespace control; only the comment's own text differs in
 * spaces, and nothing reads it). Why: Handlebars' lexer reads `{{!--` by putting it back in front of the
 * rest of the input (Jison's `unput`), which copies the rest of the input when it is a two-byte string (any
 * character beyond Latin-1, so any Chinese template): quadratic in the number of long comments — a 215 KB
 * text part with 17,842 of them took 7 s (fuzz seed 11, input 794). Long comments whose body holds `}}`
 * (commented-out expressions) are left as they are.
 */
export function shortComments(text: string): string {
  if (!text.includes('{{!--') && !text.includes('{{~!--')) return text;
  let out = '';
  let from = 0;
  for (let i = text.indexOf('{{', 0); i >= 0; ) {
    const bang = text[i + 2] === '~' ? i + 3 : i + 2;
    if (!text.startsWith('!--', bang)) {
      i = text.indexOf('{{', i + 2);
      continue;
    }
    const bodyStart = bang + 3;
    const end = text.indexOf('--', bodyStart);
    let close = -1;
    // The comment ends at the first `--}}` or `--~}}`, as Handlebars' lexer reads it.
    for (let j = end; j >= 0; j = text.indexOf('--', j + 1)) {
      if (text.startsWith('}}', j + 2) || text.startsWith('~}}', j + 2)) {
        close = j;
        break;
      }
    }
    if (close < 0) break; // unclosed: Handlebars reports it; nothing after it is a comment to rewrite
    const closeEnd = close + (text[close + 2] === '~' ? 5 : 4);
    if (!text.slice(bodyStart, close).includes('}}')) {
      out += text.slice(from, bang + 1) + '  ' + text.slice(bodyStart, close) + '  ' + text.slice(close + 2, closeEnd);
      from = closeEnd;
    }
    i = text.indexOf('{{', closeEnd);
  }
  return from === 0 ? text : out + text.slice(from);
}

export function parseHandlebars(text: string, lines: LineIndex): { ast?: HbsProgram; error?: HbsError } {
  try {
    return { ast: parseProgram(text) };
  } catch (e) {
    return { error: toError(e, text, lines) };
  }
}

interface JisonParser {
  yy: object;
  parse(text: string): unknown;
  parseError(str: string, hash: unknown): never;
}

/**
 * Handlebars' generated (Jison) parser throws `new Error(str)` and drops the location hash it builds, so a
 * parse error says "line N" only. To point at the offending token, a failed text is parsed once more by a
 * private instance that inherits the shared parser's tables, lexer and helpers and keeps the hash: an own
 * `parseError` and an own `yy` (Jison writes `yy.parser` and `yy.lexer` while parsing), so the shared
 * parser is not modified. Only the error path pays for the second parse.
 */
function parseErrorHash(text: string): JisonHash | undefined {
  const shared = (Handlebars as unknown as { Parser: JisonParser }).Parser;
  let hash: JisonHash | undefined;
  const own = Object.create(shared, {
    yy: { value: Object.create(shared.yy), writable: true },
    parseError: {
      value: (str: string, h: JisonHash) => {
        hash = h;
        throw new Error(str);
      },
      writable: true,
    },
  }) as JisonParser;
  try {
    own.parse(text);
  } catch {
    // the error is the one Handlebars.parse threw; only its hash was wanted
  }
  return hash;
}

interface JisonHash {
  text?: string;
  token?: string;
  loc?: { first_line: number; first_column: number; last_line: number; last_column: number };
  expected?: string[];
}

function toError(e: unknown, text: string, lines: LineIndex): HbsError {
  const err = e as Error & { lineNumber?: number; column?: number; endLineNumber?: number; endColumn?: number };
  const firstLine = (err.message ?? String(e)).split('\n');
  const hash = typeof err.lineNumber === 'number' ? undefined : parseErrorHash(shortComments(text));
  if (hash?.loc) {
    const { loc, token, text: tokText, expected } = hash;
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
