/**
 * A `<style>` sheet parsed by css-tree in time linear in its length, however broken it is.
 *
 * css-tree recovers from syntax errors, but each error it recovers from is a `SyntaxError` that formats its
 * source excerpt when it is made (the excerpt splits the whole parsed text into lines): a sheet with one error
 * every few characters costs errors × length (60 KB of `p{0\t2;0\t2;…}` took seconds). So:
 *
 * 1. The whole sheet is parsed once with a cap on the errors (the cap shrinks as the sheet grows, so the cap
 *    times the length stays bounded). Within the cap the result is css-tree's, unchanged.
 * 2. Beyond it the sheet is read in small pieces, each parsed by css-tree on its own, so an error costs the
 *    length of its piece, not of the sheet. Pieces end where css-tree's own parse is back at the same place
 *    with nothing carried over: after a top-level block's closing `}` (found with css-tree's tokenizer and
 *    its bracket balancing, so strings, comments, `url()` and unclosed brackets are read as css-tree reads
 *    them), and inside a block that is still too broken, after a declaration's `;`. A run of a block that
 *    is still too broken has its declarations read one by one as css-tree's Declaration reads them (no
 *    css-tree parse: each error costs css-tree ~20 µs however short the text), and what is not a
 *    declaration left out, as css-tree leaves it out (a Raw node the style reader skips).
 *
 * Each character is parsed a bounded number of times (one per level above), each time with a bounded number
 * of errors over a piece whose length does not grow with the sheet: linear.
 */
import * as csstree from 'css-tree/dist/csstree.esm';

const T = csstree.tokenTypes;

const OPTIONS = { parseValue: false, parseAtrulePrelude: false, parseCustomProperty: false } as const;

/** The first whole parse may recover from this many errors × characters (at least PIECE_ERRORS errors). */
const WHOLE_BUDGET = 1 << 18;
/** Errors a piece may have before it is read in smaller pieces. */
const PIECE_ERRORS = 4;
/** Pieces are grouped up to this many characters per parse (fewer parses, same result). */
const CHUNK = 2048;
/** `@media` inside `@media` read in pieces no deeper than this (deeper ones are dropped). */
const MAX_DEPTH = 8;

const STOP = new Error('too many CSS syntax errors');

/**
 * css-tree errors one sheet may cost in all. Reading in pieces is linear, but each error is an object css-tree
 * builds (~20 µs): 21,600 broken pieces (`{{!-- c --}}` in a `<style>`) made 43,600 of them, 1.7-3.3 s. Past
 * this many, the rest of the sheet is not read (parseSheetBounded says where it stopped, and the review
 * reports it: unread rules could hide text). Real sheets have a handful; the corpus's most is far below.
 */
export const MAX_SHEET_ERRORS = 2000;
/** Errors of the sheet being read (parseSheetBounded is synchronous: one sheet at a time). */
let sheetErrors = 0;

/** Closing token type of each bracket-opening token type, as css-tree's token stream balances them. */
const CLOSER = new Map<number, number>([
  [T.Function, T.RightParenthesis],
  [T.LeftParenthesis, T.RightParenthesis],
  [T.LeftSquareBracket, T.RightSquareBracket],
  [T.LeftCurlyBracket, T.RightCurlyBracket],
]);

/**
 * css-tree's parse of `text` (a sheet, or `{` and a declaration block), its children; undefined when it
 * recovered from more than `maxErrors` errors (the parse stops at the next one) or threw.
 */
function parseCapped(text: string, context: 'stylesheet' | 'block', maxErrors: number, positions = false): csstree.CssNode[] | undefined {
  let errors = 0;
  // css-tree makes an Error per syntax error it recovers from and reads its stack at once (to reword it):
  // capturing and formatting the stack was half the cost of an error. No stack is captured while it parses
  // (synchronously; restored before anything else runs); its errors never leave this function.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const ast = csstree.parse(text, {
      ...OPTIONS,
      context,
      positions,
      onParseError: () => {
        sheetErrors++;
        if (++errors > maxErrors) throw STOP; // css-tree rethrows an error its onParseError throws
      },
    }) as csstree.CssNode & { children?: csstree.List<csstree.CssNode> };
    return ast.children ? ast.children.toArray() : undefined;
  } catch {
    return undefined;
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/** The tokens of a text (css-tree's tokenizer), each with its bracket depth (a bracket's own: outside it). */
interface Tokens {
  type: number[];
  start: number[];
  end: number[];
  depth: number[];
}

/** A run of a sheet or a block: [start, end), its tokens [from, to), and for a sheet its top-level `{`. */
interface Unit {
  start: number;
  end: number;
  from: number;
  to: number;
  /** Offset of the unit's top-level `{` (-1: none). */
  open: number;
  /** The top-level block is closed by the unit's last character. */
  closed: boolean;
}

/**
 * `text` cut where css-tree's parse starts afresh: in a sheet after each `}` that closes a top-level block,
 * in a block after each `;` outside brackets. Brackets balance as in css-tree's token stream: a closer only
 * closes the innermost open bracket of its kind, and an unclosed bracket runs to the end.
 */
function units(text: string, mode: 'sheet' | 'block'): { units: Unit[]; tokens: Tokens } {
  const out: Unit[] = [];
  const tokens: Tokens = { type: [], start: [], end: [], depth: [] };
  const stack: number[] = [];
  let start = 0;
  let from = 0;
  let open = -1;
  csstree.tokenize(text, (type, s, e) => {
    const index = tokens.type.length;
    tokens.type.push(type);
    tokens.start.push(s);
    tokens.end.push(e);
    if (stack.length && type === stack[stack.length - 1]) {
      stack.pop();
      tokens.depth.push(stack.length);
      if (!stack.length && mode === 'sheet' && type === T.RightCurlyBracket) {
        out.push({ start, end: e, from, to: index + 1, open, closed: true });
        start = e;
        from = index + 1;
        open = -1;
      }
      return;
    }
    tokens.depth.push(stack.length);
    const closer = CLOSER.get(type);
    if (closer !== undefined) {
      if (!stack.length && type === T.LeftCurlyBracket && open < 0) open = s;
      stack.push(closer);
    } else if (!stack.length && mode === 'block' && type === T.Semicolon) {
      out.push({ start, end: e, from, to: index + 1, open: -1, closed: false });
      start = e;
      from = index + 1;
    }
  });
  if (start < text.length) out.push({ start, end: text.length, from, to: tokens.type.length, open, closed: false });
  return { units: out, tokens };
}

/** Units grouped into runs of up to CHUNK characters (a longer unit is a run of its own). */
function* chunks(list: Unit[]): Generator<Unit[]> {
  let i = 0;
  while (i < list.length) {
    let j = i + 1;
    let size = list[i]!.end - list[i]!.start;
    for (; j < list.length; j++) {
      const len = list[j]!.end - list[j]!.start;
      if (size + len > CHUNK) break;
      size += len;
    }
    yield list.slice(i, j);
    i = j;
  }
}

/** The top-level nodes of a sheet, read in pieces (see the top of the file). */
function readSheetInPieces(text: string, depth: number, triedWhole: boolean): csstree.CssNode[] {
  const out: csstree.CssNode[] = [];
  const list = units(text, 'sheet').units;
  for (const run of chunks(list)) {
    if (sheetErrors > MAX_SHEET_ERRORS) break;
    const nodes = run.length > 1 ? parseCapped(text.slice(run[0]!.start, run[run.length - 1]!.end), 'stylesheet', PIECE_ERRORS) : undefined;
    if (nodes) {
      out.push(...nodes);
      continue;
    }
    const each = run.length > 1 ? readRun(text, run, depth) : undefined;
    if (each) out.push(...each);
    else for (const u of run) if (sheetErrors <= MAX_SHEET_ERRORS) out.push(...readUnit(text, u, depth, triedWhole && list.length === 1));
  }
  return out;
}

/**
 * A run of short units too broken to parse together: their heads (each with an empty block) in one parse,
 * each block read apart, declaration by declaration; undefined when even the heads are too broken.
 */
function readRun(text: string, run: Unit[], depth: number): csstree.CssNode[] | undefined {
  let heads = '';
  const at: number[] = []; // where each unit's head starts in `heads`
  for (const u of run) {
    at.push(heads.length);
    heads += u.open < 0 ? text.slice(u.start, u.end) : `${text.slice(u.start, u.open)}{}`;
  }
  const nodes = parseCapped(heads, 'stylesheet', PIECE_ERRORS, true);
  if (!nodes) return undefined;
  const byUnit: csstree.CssNode[][] = run.map(() => []);
  let k = 0;
  for (const n of nodes) {
    const offset = n.loc?.start.offset ?? 0;
    while (k + 1 < at.length && at[k + 1]! <= offset) k++;
    byUnit[k]!.push(n);
  }
  const out: csstree.CssNode[] = [];
  run.forEach((u, i) => {
    const list = byUnit[i]!;
    const owner = list[list.length - 1];
    if (u.open >= 0 && owner) fillBlock(owner, text.slice(u.open + 1, u.closed ? u.end - 1 : u.end), depth, true);
    out.push(...list);
  });
  return out;
}

/**
 * The content of the block of a unit's owner (the rule or at-rule its head ends with), read apart: a rule's
 * declarations (`direct`: one by one, without css-tree), `@media`'s rules; other at-rules keep an empty
 * block (the style reader does not look inside them).
 */
function fillBlock(owner: csstree.CssNode, body: string, depth: number, direct: boolean): void {
  if (owner.type === 'Rule') {
    owner.block.children = new csstree.List<csstree.CssNode>().fromArray(direct ? readDeclarations(body) : readBlockInPieces(body));
  } else if (owner.type === 'Atrule' && owner.block && owner.name.toLowerCase() === 'media' && depth < MAX_DEPTH) {
    owner.block.children = new csstree.List<csstree.CssNode>().fromArray(readSheetInPieces(body, depth + 1, false));
  }
}

/** The declarations of a block's content, each read by readDeclaration. */
function readDeclarations(body: string): csstree.CssNode[] {
  const { units: list, tokens } = units(body, 'block');
  const out: csstree.CssNode[] = [];
  for (const u of list) {
    const d = readDeclaration(body, tokens, afterNestedBlocks(body, tokens, u.from, u.to), u.to);
    if (d) out.push(d);
  }
  return out;
}

/** css-tree's white space only. */
const BLANK = /^[ \t\n\r\f]*$/;

/** One top-level unit: whole if it parses within the cap, else its head and its block apart. */
function readUnit(text: string, u: Unit, depth: number, tried: boolean): csstree.CssNode[] {
  // A block without a selector (`{…}`): css-tree makes it a Rule with a Raw prelude, which the reader skips
  // (and costs two syntax errors to get there).
  if (u.open >= 0 && BLANK.test(text.slice(u.start, u.open))) return [];
  const whole = tried ? undefined : parseCapped(text.slice(u.start, u.end), 'stylesheet', PIECE_ERRORS);
  if (whole) return whole;
  if (u.open < 0) return []; // no block: a broken prelude or at-rule, nothing the reader uses
  // The head (at-rules ended by `;`, then the prelude of the rule that owns the block) with an empty block…
  const head = parseCapped(`${text.slice(u.start, u.open)}{}`, 'stylesheet', PIECE_ERRORS);
  const owner = head?.[head.length - 1];
  if (!head || !owner) return [];
  // …which gets the block's content read on its own.
  fillBlock(owner, text.slice(u.open + 1, u.closed ? u.end - 1 : u.end), depth, false);
  return head;
}

/**
 * Where a declaration may start in a block's run [from, to): after the at-rules and nested rules (`&`) that
 * open it and end with a block, as css-tree starts a new item after one (`@media x{…}color:red;`).
 */
function afterNestedBlocks(text: string, tokens: Tokens, from: number, to: number): number {
  const { type, start, depth } = tokens;
  let i = from;
  for (;;) {
    while (i < to && (type[i] === T.WhiteSpace || type[i] === T.Comment)) i++;
    if (i >= to || !(type[i] === T.AtKeyword || (type[i] === T.Delim && text[start[i]!] === '&'))) return i;
    const base = depth[i]!;
    while (i < to && !(depth[i] === base && (type[i] === T.LeftCurlyBracket || type[i] === T.Semicolon))) i++;
    if (i >= to || type[i] === T.Semicolon) return to; // an at-rule without a block: nothing after it here
    i++;
    while (i < to && !(depth[i] === base && type[i] === T.RightCurlyBracket)) i++;
    if (i >= to) return to;
    i++;
  }
}

const HACKS = new Set(['*', '$', '+', '#', '/']); // css-tree's property hacks; `&` starts a nested rule in a block

/**
 * One declaration (`text` up to and with its `;`) as css-tree's Declaration reads it when the value is left
 * raw: an optional hack character, an ident (or hash) property, `:`, the value up to a `!` or `;` outside
 * brackets, and `! important` (or another ident); undefined for anything css-tree would not take as one.
 */
function readDeclaration(text: string, tokens: Tokens, from: number, to: number): csstree.Declaration | undefined {
  const { type, start, end, depth } = tokens;
  const base = from < to ? depth[from]! : 0;
  let i = from;
  const skip = () => {
    while (i < to && (type[i] === T.WhiteSpace || type[i] === T.Comment)) i++;
  };
  skip();
  if (i >= to) return undefined;
  const propStart = start[i]!;
  if (type[i] === T.Delim && HACKS.has(text[start[i]!]!)) {
    const slash = text[start[i]!] === '/';
    i++;
    if (slash && i < to && type[i] === T.Delim && text[start[i]!] === '/') i++;
  }
  if (i >= to || (type[i] !== T.Ident && type[i] !== T.Hash)) return undefined;
  const property = text.slice(propStart, end[i]);
  i++;
  skip();
  if (i >= to || type[i] !== T.Colon) return undefined;
  i++;
  const custom = property.startsWith('--');
  if (!custom) while (i < to && type[i] === T.WhiteSpace) i++;
  const valueStart = i < to ? start[i]! : text.length;
  const valueEnds = (k: number) => depth[k] === base && (type[k] === T.Semicolon || (type[k] === T.Delim && text[start[k]!] === '!'));
  while (i < to && !valueEnds(i)) i++;
  let valueEnd = i < to ? start[i]! : i > from ? end[i - 1]! : valueStart;
  // css-tree's raw value ends before trailing white space (a custom property's keeps it)
  if (!custom) for (let k = i - 1; k >= from && start[k]! >= valueStart && type[k] === T.WhiteSpace; k--) valueEnd = start[k]!;
  let important: boolean | string = false;
  if (i < to && type[i] === T.Delim) {
    i++;
    skip();
    if (i >= to || type[i] !== T.Ident) return undefined;
    const word = text.slice(start[i], end[i]);
    important = word === 'important' ? true : word;
    i++;
    skip();
  }
  if (i < to && type[i] !== T.Semicolon) return undefined;
  return { type: 'Declaration', loc: undefined, important, property, value: { type: 'Raw', loc: undefined, value: text.slice(valueStart, valueEnd) } };
}

/** The children of a declaration block (its text between the braces), read in pieces. */
function readBlockInPieces(body: string): csstree.CssNode[] {
  const out: csstree.CssNode[] = [];
  const { units: list, tokens } = units(body, 'block');
  for (const run of chunks(list)) {
    const nodes = parseCapped(`{${body.slice(run[0]!.start, run[run.length - 1]!.end)}`, 'block', PIECE_ERRORS);
    if (nodes) {
      out.push(...nodes);
      continue;
    }
    // Too broken to parse: each declaration read apart, without css-tree (an error costs it ~20 µs however
    // short the text): what is not a declaration is left out, as css-tree leaves it out (a Raw node).
    for (const u of run) {
      const d = readDeclaration(body, tokens, afterNestedBlocks(body, tokens, u.from, u.to), u.to);
      if (d) out.push(d);
    }
  }
  return out;
}

/**
 * The top-level nodes of a style sheet as css-tree parses it (values, at-rule preludes and custom properties
 * left raw); a sheet with more errors than its length allows is read in pieces, in time linear in its length.
 */
export function parseSheet(css: string): csstree.CssNode[] {
  return parseSheetBounded(css).nodes;
}

/** parseSheet, and whether it stopped before the end: more than MAX_SHEET_ERRORS errors in all. */
export function parseSheetBounded(css: string): { nodes: csstree.CssNode[]; cut: boolean } {
  sheetErrors = 0;
  const maxErrors = Math.max(PIECE_ERRORS, Math.floor(WHOLE_BUDGET / Math.max(css.length, 1)));
  const nodes = parseCapped(css, 'stylesheet', maxErrors) ?? readSheetInPieces(css, 0, true);
  return { nodes, cut: sheetErrors > MAX_SHEET_ERRORS };
}

/** For tests: the sheet read in pieces whatever its errors (see parseSheet). */
export function parseSheetInPieces(css: string): csstree.CssNode[] {
  sheetErrors = 0;
  return readSheetInPieces(css, 0, false);
}
