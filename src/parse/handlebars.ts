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
import { isSpaceCode } from '../core/chars.js';
import { cacheKey, textKey, type BoundedCache } from '../core/cache.js';
import { detached } from '../core/detach.js';
import { longCommentClose } from './mustache.js';

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
  /** Set when a review budget stopped the parse (not a syntax error of the template). */
  budget?: 'nesting' | 'expressions';
}

/** Blocks, `{{else if}}` chains and sub-expressions nested more deeply than this are not parsed (see parseProgram). */
export const DEFAULT_MAX_NESTING = 100;

/**
 * Handlebars.parse: the AST with whitespace control and standalone lines applied. Throws as it does, and
 * throws a `NestingError` at the token where blocks, `{{else if}}` chains and sub-expressions together nest
 * deeper than `maxNesting`, or where a path (`a.b.c`) gets more than `maxNesting` segments (Handlebars'
 * compiler wraps the code of the path so far once per segment: 4,000 segments compiled in 0.5 s, the
 * 18,000 of a fuzzed template in 10 s).
 *
 * Why the limit: Handlebars' (Jison) parser copies its whole stack at every reduction (`stack.slice`), so
 * parsing costs the square of the nesting depth and more (an unclosed `{{x (a (a (a …` of 8,000
 * sub-expressions took 18 s; 150 KB of them, from the fuzzer, 40 s, then as long again to locate the
 * error), and its AST walkers recurse (2,000 `{{else if}}`s overflow the stack). The text is parsed by a
 * private instance of Handlebars' parser (its own tables, lexer, actions and helpers, see `privateParser`)
 * whose lexer counts the depth as it hands out tokens, so the parse stops at the first token too deep;
 * `Handlebars.parse` then applies its whitespace control to that AST, as it does to its own.
 */
export function parseProgram(text: string, maxNesting = DEFAULT_MAX_NESTING): HbsProgram {
  const ast = privateParser().run(shortComments(text), maxNesting);
  const shortened = shortenContents(ast);
  try {
    // Given an AST, Handlebars.parse skips parsing and applies whitespace control to it.
    return Handlebars.parse(ast as unknown as string);
  } finally {
    restoreContents(shortened);
  }
}

/** A content node's text for whitespace control: what it reads of `original` and `value` is all here. */
interface ShortContent {
  node: { original: string; value: string };
  full: string;
  short: string;
  placeholder: string;
  middle: string;
}

/**
 * Handlebars' whitespace control reads a content node's ends and whether it is all whitespace: it tests the
 * content before each mustache with an unanchored regular expression, `(?:^|\S)[^\S\n]*\n\s*$`, which
 * tries every position of it (a sixth of the parse of the 30 KB benchmark template), and strips whitespace
 * from the ends of values. So each long content is handed to it as its leading whitespace, a placeholder and
 * its trailing whitespace (the same answers: its middle starts and ends with other characters than
 * whitespace, as the placeholder does), and put back after; locations are the lexer's, untouched.
 */
function shortenContents(ast: HbsProgram): ShortContent[] {
  const out: ShortContent[] = [];
  for (const c of contentNodes(ast)) {
    const full = c.original;
    // A content is parsed with value === original; anything else is left as it is.
    if (typeof full !== 'string' || c.value !== full || full.length < MIN_RUN) continue;
    const form = shortForm(full, out.length);
    if (!form) continue;
    out.push({ node: c, full, ...form });
    c.original = c.value = form.short;
  }
  return out;
}

/**
 * `s` as its leading whitespace, the `n`-th placeholder and its trailing whitespace, and the middle the
 * placeholder stands for; undefined when `s` is all whitespace (nothing to stand for).
 */
function shortForm(s: string, n: number): { short: string; placeholder: string; middle: string } | undefined {
  let a = 0;
  let b = s.length;
  while (a < b && isSpaceCode(s.charCodeAt(a))) a++;
  while (b > a && isSpaceCode(s.charCodeAt(b - 1))) b--;
  if (a === b) return undefined;
  const placeholder = `${RUN_OPEN}${n.toString(36)}${RUN_CLOSE}`;
  return { short: s.slice(0, a) + placeholder + s.slice(b), placeholder, middle: s.slice(a, b) };
}

/** Every ContentStatement of an AST (Handlebars' types give its `original` the wrong type). */
function contentNodes(ast: HbsProgram): { value: string; original: string }[] {
  const out: { value: string; original: string }[] = [];
  const stack: unknown[] = [ast];
  while (stack.length) {
    const n = stack.pop();
    if (!n || typeof n !== 'object') continue;
    if (Array.isArray(n)) {
      for (const x of n) stack.push(x);
      continue;
    }
    const node = n as Record<string, unknown>;
    if (node.type === 'ContentStatement') {
      out.push(node as unknown as { value: string; original: string });
      continue;
    }
    for (const k in node) if (k !== 'loc' && node[k] && typeof node[k] === 'object') stack.push(node[k]);
  }
  return out;
}

function restoreContents(shortened: ShortContent[]): void {
  for (const s of shortened) {
    const value = s.node.value;
    s.node.original = s.full;
    if (value === s.short) s.node.value = s.full;
    else {
      // Whitespace control only strips whitespace from the ends: the placeholder is still there, once.
      const at = value.indexOf(s.placeholder);
      s.node.value = at < 0 ? value : value.slice(0, at) + s.middle + value.slice(at + s.placeholder.length);
    }
  }
}

/**
 * The text with each long comment `{{!-- … --}}` whose body holds no `}}` written as a short comment of the
 * same length (`{{!   …   }}`: the dashes become spaces), which Handlebars parses to the same statement
 * (a CommentStatement with the same location and whitespace control; only the comment's own text differs in
 * spaces, and nothing reads it). Why: Handlebars' lexer reads `{{!--` by putting it back in front of the
 * rest of the input (Jison's `unput`), which copies the rest of the input when it is a two-byte string (any
 * character beyond Latin-1, so any Chinese template): quadratic in the number of long comments — a 215 KB
 * text part with 17,842 of them took 7 s (fuzz seed 11, input 794), and 32,543 `{{!--}}` in 300 KB of HTML
 * 6 s (seed 11, input 4264: the opener's dashes close it). Long comments whose body holds `}}`
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
    const close = longCommentClose(text, bang + 1);
    if (close < 0) break; // unclosed: Handlebars reports it; nothing after it is a comment to rewrite
    const closeEnd = close + (text[close + 2] === '~' ? 5 : 4);
    if (close < bodyStart) {
      // `{{!--}}`, `{{!---}}`: the closing dashes are the opener's; the dashes become spaces.
      out += text.slice(from, bang + 1) + ' '.repeat(close + 2 - (bang + 1)) + text.slice(close + 2, closeEnd);
      from = closeEnd;
    } else if (!text.slice(bodyStart, close).includes('}}')) {
      out += text.slice(from, bang + 1) + '  ' + text.slice(bodyStart, close) + '  ' + text.slice(close + 2, closeEnd);
      from = closeEnd;
    }
    i = text.indexOf('{{', closeEnd);
  }
  return from === 0 ? text : out + text.slice(from);
}

/**
 * An AST of `text` to compile and render, and for nothing else: Handlebars.parse's AST but for its
 * locations, which are not positions in `text`. Used for the HTML an MJML template compiles to, which is
 * parsed only to be rendered with TemplateData (render.ts), and is mostly long runs of markup between a few
 * expressions: lexing those runs (and Handlebars' whitespace control testing them with unanchored regular
 * expressions) was most of its parse (newsletter.mjml: 17 KB, 13 expressions, 0.25 ms; this way 0.07 ms).
 *
 * Each long run of content is parsed as its leading whitespace, a placeholder, and its trailing whitespace:
 * Handlebars' lexer and whitespace control read only a content's ends and whether it holds anything but
 * whitespace, so they treat the short form as they treat the run, and the run goes back into the content
 * node afterwards. The runs are found by a plain search for `{{` and `}}`; a run is put back only where the
 * parse made a content node of exactly its short form, each once — if any is not, the text is parsed as it
 * is (that proves, run by run from the start, that the lexer read the same tokens). Texts with backslashes
 * (escaped mustaches), raw blocks or NUL are parsed as they are.
 */
export function parseForRendering(text: string, maxNesting = DEFAULT_MAX_NESTING, cache?: BoundedCache<string, { text: string; ast: HbsProgram | null | undefined }>): HbsProgram {
  const short = shortRuns(text);
  if (short) {
    // The short form's AST, kept by the short form (`hbs.rendering`) the second time it is parsed (as
    // parseHandlebars keeps its parses): texts that differ only inside their long runs share it, each
    // getting a copy with its own runs put back.
    const key = cache && short.text.length <= MAX_SKELETON ? `${maxNesting}\n${short.text}` : undefined;
    const digest = key && textKey(key);
    const seen = digest ? cache!.get(digest) : undefined;
    const known = seen && seen.text === key ? seen : undefined;
    if (known?.ast) {
      const ast = cloneAst(known.ast, copyLoc, noContent) as HbsProgram;
      if (putRunsBack(ast, short.runs)) return ast;
    }
    try {
      const ast = parseProgram(short.text, maxNesting);
      let locations = 0;
      const kept =
        known && known.ast === undefined
          ? (cloneAst(
            ast,
            (loc, out) => {
              locations++;
              copyLoc(loc, out);
            },
            noContent,
          ) as HbsProgram)
        : undefined;
      if (putRunsBack(ast, short.runs)) {
        if (digest && !known) cache!.set(digest, { text: key!, ast: undefined });
        else if (known && kept) known.ast = locations <= MAX_KEPT_LOCATIONS ? kept : null;
        return ast;
      }
    } catch {
      // parsed as it is below: its own error
    }
  }
  return parseProgram(text, maxNesting);
}

/** ASTs of the short forms parseForRendering parsed, by short form (per engine). */
/** (ast undefined: seen once, not kept yet; null: too large to keep.) */
export const RENDERING_ASTS = cacheKey<string, { text: string; ast: HbsProgram | null | undefined }>('hbs.rendering', 50);
const copyLoc = (loc: Loc, out: Loc) => {
  out.source = loc.source;
  out.start = { line: loc.start.line, column: loc.start.column };
  out.end = { line: loc.end.line, column: loc.end.column };
};
const noContent = () => undefined;

/** Runs shorter than this are left in the text (a placeholder and the bookkeeping cost more than lexing them). */
const MIN_RUN = 64;
const RUN_OPEN = '\uFDD2';
const RUN_CLOSE = '\uFDD3';

interface Run {
  /** The short form in the parsed text: leading whitespace, placeholder, trailing whitespace. */
  short: string;
  placeholder: string;
  /** What the placeholder stands for (the run without its leading and trailing whitespace). */
  middle: string;
  full: string;
  found: boolean;
}

function shortRuns(text: string): { text: string; runs: Run[] } | undefined {
  if (text.length < MIN_RUN * 2 || text.includes('\\') || text.includes('\u0000') || text.includes('{{{{') || text.includes(RUN_OPEN)) return undefined;
  const runs: Run[] = [];
  let out = '';
  scanMustaches(
    text,
    (from, to) => {
      const full = text.slice(from, to);
      const form = full.length < MIN_RUN ? undefined : shortForm(full, runs.length);
      if (!form) {
        out += full;
        return;
      }
      runs.push({ ...form, full, found: false });
      out += form.short;
    },
    (from, to) => {
      out += text.slice(from, to);
    },
  );
  return runs.length ? { text: out, runs } : undefined;
}

/**
 * The text in order as content runs and mustaches: `run` for the text between expressions (an unclosed
 * `{{` starts a run of its own that goes to the end), `mustache` for each `{{…}}` with any extra closing braces.
 */
function scanMustaches(text: string, run: (from: number, to: number) => void, mustache: (from: number, to: number) => void): void {
  let pos = 0;
  for (let at = text.indexOf('{{'); at >= 0; at = text.indexOf('{{', pos)) {
    run(pos, at);
    const close = text.indexOf('}}', at + 2);
    if (close < 0) {
      pos = at;
      break;
    }
    let end = close + 2;
    while (text.charCodeAt(end) === 125 /* } */) end++;
    mustache(at, end);
    pos = end;
  }
  run(pos, text.length);
}

/** Put each run back into the content node made of its short form; false unless every run is found so, once. */
function putRunsBack(ast: HbsProgram, runs: Run[]): boolean {
  const byPlaceholder = new Map(runs.map((r) => [r.placeholder, r]));
  const contents = contentNodes(ast);
  let found = 0;
  const edits: [{ value: string; original: string }, Run, number][] = [];
  for (const c of contents) {
    const at = c.original.indexOf(RUN_OPEN);
    if (at < 0) continue;
    const r = byPlaceholder.get(c.original.slice(at, c.original.indexOf(RUN_CLOSE, at) + 1));
    const inValue = c.value.indexOf(r?.placeholder ?? RUN_OPEN);
    if (!r || r.found || c.original !== r.short || inValue < 0) return false;
    r.found = true;
    found++;
    edits.push([c, r, inValue]);
  }
  // A placeholder anywhere but in content (a string, a comment) is not among those found.
  if (found !== runs.length) return false;
  for (const [c, r, at] of edits) {
    c.value = c.value.slice(0, at) + r.middle + c.value.slice(at + r.placeholder.length);
    c.original = r.full;
  }
  return true;
}

/**
 * `parseProgram` with its result kept by the template's skeleton (see `skeleton`) in `cache`: a text whose
 * skeleton was parsed before gets a copy of that AST with its own content and locations, with no parse.
 * A skeleton is kept the second time it is parsed (the first time only its key is noted): copying an AST
 * to keep costs about a third of the parse, which a template seen once (most of a batch) would pay for nothing.
 */
export function parseHandlebars(text: string, lines: LineIndex, maxNesting = DEFAULT_MAX_NESTING, cache?: BoundedCache<string, KeptParse>): { ast?: HbsProgram; error?: HbsError } {
  const sk = cache && skeleton(text, maxNesting);
  const digest = sk && textKey(sk.key);
  const seen = sk ? cache!.get(digest!) : undefined;
  const known = seen && seen.key === sk!.key ? seen : undefined;
  if (known?.parse) {
    const ast = fromSkeleton(known.parse, text, sk!.middles, lines);
    skeletons.set(ast, known.parse);
    return { ast };
  }
  let ast: HbsProgram;
  try {
    ast = parseProgram(text, maxNesting);
  } catch (e) {
    return { error: toError(e, text, lines) };
  }
  if (sk && !known) cache!.set(digest!, { key: sk.key, parse: undefined });
  else if (sk && known && known.parse === undefined) {
    const entry = toSkeleton(ast, text, sk, lines);
    known.parse = entry ?? null;
    if (entry) skeletons.set(ast, entry);
  }
  return { ast };
}

// ---- parses kept by skeleton -------------------------------------------------------------------------

/** The skeleton entry each AST parseHandlebars gave out was made from or stored as. */
const skeletons = new WeakMap<object, ParsedSkeleton>();

/** The kept parse `ast` shares its structure with (parseHandlebars with a cache), if any. */
export function skeletonOf(ast: object): ParsedSkeleton | undefined {
  return skeletons.get(ast);
}

/**
 * Parsed templates by skeleton, per engine (`hbs.parsed` in its caches). Handlebars' (Jison's) parse costs
 * a few microseconds per token (each token tries the lexer's regular expressions in turn), about 1 ms for
 * the 30 KB benchmark template; templates that differ only in the text between their expressions — the
 * next review of a template being edited, one layout with other wording, copies — share one parse.
 */
export const PARSED_SKELETONS = cacheKey<string, KeptParse>('hbs.parsed', 50);

/** A skeleton seen: its parse once kept (undefined: seen once, not kept yet; null: it cannot be copied). */
export interface KeptParse {
  key: string;
  parse: ParsedSkeleton | null | undefined;
}
/** Skeletons longer than this are parsed without being kept. */
const MAX_SKELETON = 64 * 1024;
/**
 * Nor are texts longer than this (a kept AST's strings are slices of its text, which they keep alive), or
 * ASTs with more locations (about ten per expression; an entry of the 30 KB benchmark template, ~400
 * locations, holds ~140 KB): a full cache holds at most tens of megabytes.
 */
const MAX_KEPT_TEXT = 256 * 1024;
const MAX_KEPT_LOCATIONS = 4000;
const SKELETON_MIDDLE = '\uFDD4';

/**
 * A template's skeleton: its text with the middle of each long run of content (a run between expressions,
 * as `shortRuns` finds them, without its leading and trailing whitespace) written as one placeholder, and
 * the middles' spans. Two texts with one skeleton lex to the same tokens but for those contents (see
 * toSkeleton for what is checked). Undefined for texts whose lexing could look into content (backslashes
 * escape mustaches, raw blocks, NUL ends Handlebars' input), whose locations could (line separators), and
 * for texts without long runs.
 */
function skeleton(text: string, maxNesting: number): { key: string; middles: number[] } | undefined {
  if (text.length < MIN_RUN * 2 || text.length > MAX_KEPT_TEXT || text.includes('\\') || text.includes('\u0000') || text.includes('{{{{') || text.includes(SKELETON_MIDDLE)) return undefined;
  // Jison counts a token's last column up to the first U+2028/U+2029 after its last line break (its `.`
  // stops there): columns then depend on what the content holds.
  if (text.includes('\u2028') || text.includes('\u2029')) return undefined;
  const middles: number[] = [];
  const pieces: string[] = [`${maxNesting}\n`];
  scanMustaches(
    text,
    (from, to) => {
      if (to - from >= MIN_RUN) {
        let a = from;
        let b = to;
        while (a < b && isSpaceCode(text.charCodeAt(a))) a++;
        while (b > a && isSpaceCode(text.charCodeAt(b - 1))) b--;
        if (a < b) {
          middles.push(a, b);
          pieces.push(text.slice(from, a), SKELETON_MIDDLE, text.slice(b, to));
          return;
        }
      }
      pieces.push(text.slice(from, to));
    },
    (from, to) => {
      pieces.push(text.slice(from, to));
    },
  );
  if (!middles.length) return undefined;
  const key = pieces.join('');
  return key.length <= MAX_SKELETON ? { key, middles } : undefined;
}

/** A parsed AST kept by skeleton: positions in it are those of `text`, whose middles are `middles`. */
export interface ParsedSkeleton {
  key: string;
  /**
   * What was derived from the AST's structure, which every AST of this skeleton shares (all but content and
   * locations): hbs-compile.ts keeps the compiled spec per set of options here.
   */
  derived: Map<string, unknown>;
  ast: HbsProgram;
  middles: number[];
  starts: readonly number[];
  /**
   * The ContentStatements of `ast` that hold a middle: which one, how much whitespace control took off each
   * end, and the length of the run (their `original` and `value` are left empty: each copy gets its own).
   */
  contents: Map<object, { k: number; a: number; b: number; length: number }>;
}

type Loc = { source?: unknown; start: { line: number; column: number }; end: { line: number; column: number } };

/**
 * The entry for `ast`, parsed from `text`, or undefined unless every middle is the middle of one
 * ContentStatement whose original is its whole run (then the lexer read each run as one content token, and a
 * text with the same skeleton is read alike: a content token runs to the next `{{`, and nothing else of
 * the text differs), and every location is a line and column of the text outside the middles.
 */
function toSkeleton(ast: HbsProgram, text: string, sk: { key: string; middles: number[] }, lines: LineIndex): ParsedSkeleton | undefined {
  const { middles } = sk;
  const starts = lines.starts;
  const contents = new Map<object, { k: number; a: number; b: number; length: number }>();
  // Run start offset -> middle index.
  const runAt = new Map<number, number>();
  for (let k = 0; k < middles.length; k += 2) {
    let s = middles[k]!;
    while (s > 0 && isSpaceCode(text.charCodeAt(s - 1))) s--;
    runAt.set(s, k >> 1);
  }
  let ok = true;
  const offsetOf = (p: { line: number; column: number }): number => {
    const start = starts[p.line - 1];
    const next = p.line < starts.length ? starts[p.line]! : text.length + 1;
    if (start === undefined || p.column < 0 || start + p.column >= next) {
      if (!(start !== undefined && p.line === starts.length && start + p.column === text.length)) ok = false;
    }
    const o = (start ?? 0) + p.column;
    // Inside a middle, or between the \r and \n of a line break (Jison and LineIndex would count lines apart).
    if (insideMiddle(middles, o) || (text.charCodeAt(o - 1) === 13 && text.charCodeAt(o) === 10)) ok = false;
    return o;
  };
  let locations = 0;
  const copy = cloneAst(ast, (loc, out) => {
    if (++locations > MAX_KEPT_LOCATIONS) ok = false;
    offsetOf(loc.start);
    offsetOf(loc.end);
    out.source = loc.source;
    out.start = { line: loc.start.line, column: loc.start.column };
    out.end = { line: loc.end.line, column: loc.end.column };
  }, (node, clone) => {
    const original = node.original;
    if (typeof original !== 'string' || !node.loc) return;
    const k = runAt.get(offsetOf(node.loc.start));
    if (k === undefined) return;
    const [ms, me] = [middles[2 * k]!, middles[2 * k + 1]!];
    const runStart = offsetOf(node.loc.start);
    if (text.slice(runStart, runStart + original.length) !== original || runStart + original.length < me) return;
    const value = node.value;
    if (typeof value !== 'string') return;
    const a = original.indexOf(value);
    if (a < 0 || a > ms - runStart) return;
    const b = original.length - a - value.length;
    if (b > runStart + original.length - me) return;
    contents.set(clone, { k, a, b, length: original.length });
    // Each copy gets its own run (fromSkeleton): the entry, which outlives the review, keeps none.
    clone.original = '';
    clone.value = '';
  }, detached); // the other strings copied: a slice of the template would keep all of it alive
  if (!ok || contents.size !== middles.length / 2) return undefined;
  return { key: sk.key, derived: new Map(), ast: copy as HbsProgram, middles, starts, contents };
}

/** Is offset `o` strictly inside one of the middles (sorted [start, end) pairs)? */
function insideMiddle(middles: number[], o: number): boolean {
  let lo = 0;
  let hi = middles.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (middles[2 * mid + 1]! <= o) lo = mid + 1;
    else if (middles[2 * mid]! >= o) hi = mid - 1;
    else return true;
  }
  return false;
}

/** A copy of the entry's AST for `text` (same skeleton, its middles at `middles`), located in `text`. */
function fromSkeleton(entry: ParsedSkeleton, text: string, middles: number[], lines: LineIndex): HbsProgram {
  const old = entry.middles;
  const oldStarts = entry.starts;
  const starts = lines.starts;
  // shift[k]: how far an offset after the first k middles moves.
  const shift: number[] = [0];
  for (let k = 0; k < old.length; k += 2) shift.push(shift[shift.length - 1]! + (middles[k + 1]! - middles[k]!) - (old[k + 1]! - old[k]!));
  const map = (p: { line: number; column: number }) => {
    const o = oldStarts[p.line - 1]! + p.column;
    // Middles before o (o is never inside one).
    let lo = 0;
    let hi = old.length / 2;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (old[2 * mid + 1]! <= o) lo = mid + 1;
      else hi = mid;
    }
    const n = o + shift[lo]!;
    let a = 0;
    let b = starts.length - 1;
    while (a < b) {
      const m = (a + b + 1) >> 1;
      if (starts[m]! <= n) a = m;
      else b = m - 1;
    }
    return { line: a + 1, column: n - starts[a]! };
  };
  return cloneAst(entry.ast, (loc, out) => {
    out.source = loc.source;
    out.start = map(loc.start);
    out.end = map(loc.end);
  }, (node, clone) => {
    const c = entry.contents.get(node);
    if (!c) return;
    const runStart = middles[2 * c.k]! - (old[2 * c.k]! - (oldStarts[node.loc!.start.line - 1]! + node.loc!.start.column));
    const runEnd = runStart + c.length + shift[c.k + 1]! - shift[c.k]!;
    const run = text.slice(runStart, runEnd);
    clone.original = run;
    clone.value = run.slice(c.a, run.length - c.b);
  }) as HbsProgram;
}

type AstNode = Record<string, unknown> & { original?: unknown; value?: unknown; loc?: Loc; type?: unknown };

/**
 * A deep copy of a Handlebars AST (plain data: nodes, arrays, locations); `loc` copies each location,
 * `content` is told of each ContentStatement and its copy, and `str` (if given) maps each string. Recursion is bounded: parses nest at most
 * `maxNesting` deep.
 */
function cloneAst(ast: unknown, loc: (l: Loc, out: Loc) => void, content: (node: AstNode, clone: AstNode) => void, str?: (s: string) => string): unknown {
  const copy = (x: unknown): unknown => {
    if (typeof x === 'string' && str) return str(x);
    if (x === null || typeof x !== 'object') return x;
    if (Array.isArray(x)) {
      const a: unknown[] = new Array(x.length);
      for (let i = 0; i < x.length; i++) a[i] = copy(x[i]);
      return a;
    }
    const node = x as AstNode;
    const proto = Object.getPrototypeOf(node) as object | null;
    const out: AstNode = proto === Object.prototype ? {} : (Object.create(proto) as AstNode);
    for (const k in node) {
      if (!Object.prototype.hasOwnProperty.call(node, k)) continue;
      const v = node[k];
      if (k === 'loc' && v) {
        const l = Object.create(Object.getPrototypeOf(v) as object | null) as Loc;
        loc(v as Loc, l);
        out.loc = l;
      } else out[k] = copy(v);
    }
    if (node.type === 'ContentStatement') content(node, out);
    return out;
  };
  return copy(ast);
}

/** Thrown by parseProgram at the first token past its limit (nesting, or segments of one path). */
export class NestingError extends Error {
  constructor(
    message: string,
    readonly loc: JisonLoc,
    readonly token: string,
  ) {
    super(message);
  }
}

interface JisonLexer {
  yylloc: JisonLoc;
  yytext: string;
  next(): number | string | undefined;
}

interface JisonParser {
  yy: object;
  lexer: JisonLexer;
  symbols_: Record<string, number>;
  parse(text: string): unknown;
  parseError(str: string, hash: unknown): never;
}

interface PrivateParser {
  /** Parse (Jison's parse, no whitespace control); a parse error carries Jison's hash as `hash`. */
  run(text: string, maxNesting: number): hbs.AST.Program;
}

let instance: PrivateParser | undefined;

/**
 * A parser that inherits the shared Handlebars parser's tables, actions, lexer rules and AST helpers, with
 * own state so the shared parser is never modified:
 * - an own `yy` (Jison writes `yy.parser` and `yy.lexer` while parsing) over Handlebars' helpers, with the
 *   `locInfo` Handlebars.parse sets when called without options;
 * - an own `parseError` that keeps the location hash Jison builds (Handlebars' throws `new Error(str)` and
 *   drops it, so its errors say "line N" only): a failed text is not parsed a second time to locate it;
 * - an own lexer whose `lex` (Jison's: `next()` until a token) counts nesting: a block opens a level, each
 *   `{{else …}}` of its chain one more (Handlebars nests the chain), its close (`{{/x}}`, `{{{{/raw}}}}`) ends them all; a
 *   sub-expression opens a level and its `)` ends it; and it counts the separators of each path.
 * Parsing is synchronous, so one instance serves every parse.
 */
function privateParser(): PrivateParser {
  if (instance) return instance;
  // Handlebars sets its parser's yy to its AST helpers on the first parse: make that happen.
  Handlebars.parseWithoutProcessing('');
  const shared = (Handlebars as unknown as { Parser: JisonParser }).Parser;
  const helpers = shared.yy as { SourceLocation: new (source: string | undefined, loc: JisonLoc) => unknown };
  const sym = shared.symbols_;
  const [SEXPR, END_SEXPR, CHAIN, ID, SEP] = [sym.OPEN_SEXPR, sym.CLOSE_SEXPR, sym.OPEN_INVERSE_CHAIN, sym.ID, sym.SEP];
  const BLOCK = new Set([sym.OPEN_BLOCK, sym.OPEN_INVERSE, sym.OPEN_PARTIAL_BLOCK, sym.OPEN_RAW_BLOCK]);
  const END_BLOCK = new Set([sym.OPEN_ENDBLOCK, sym.END_RAW_BLOCK]);
  let max = DEFAULT_MAX_NESTING;
  let depth = 0;
  // Separators of the path being read (`a.b.c`: 2).
  let seps = 0;
  let prev = -1;
  // Per open block: the levels it holds (1 + its {{else …}} chain).
  const blocks: number[] = [];
  const lexer = Object.create(shared.lexer, {
    lex: {
      value(this: JisonLexer) {
        let token = this.next();
        while (token === undefined) token = this.next();
        const t = typeof token === 'number' ? token : (sym[token] ?? -1);
        if (t === SEP) {
          if (++seps >= max) throw new NestingError(`A Handlebars path has more than ${max} segments here; inboxlint stops parsing here`, this.yylloc, this.yytext);
        } else if (t !== ID || prev !== SEP) seps = 0; // an ID after a separator goes on with the path
        prev = t;
        if (t === SEXPR) depth++;
        else if (t === END_SEXPR) depth = Math.max(0, depth - 1);
        else if (BLOCK.has(t)) {
          blocks.push(1);
          depth++;
        } else if (t === CHAIN && blocks.length) {
          blocks[blocks.length - 1]!++;
          depth++;
        } else if (END_BLOCK.has(t) && blocks.length) depth -= blocks.pop()!;
        if (depth > max) throw new NestingError(`Handlebars blocks, {{else if}} chains and sub-expressions nest more than ${max} deep; inboxlint stops parsing here`, this.yylloc, this.yytext);
        return token;
      },
      writable: true,
    },
  }) as JisonLexer;
  let hash: JisonHash | undefined;
  const own = Object.create(shared, {
    yy: { value: Object.create(helpers, { locInfo: { value: (loc: JisonLoc) => new helpers.SourceLocation(undefined, loc) } }), writable: true },
    lexer: { value: lexer, writable: true },
    parseError: {
      value: (str: string, h: JisonHash) => {
        hash = h;
        throw new Error(str);
      },
      writable: true,
    },
  }) as JisonParser;
  instance = {
    run(text, maxNesting) {
      max = maxNesting;
      depth = seps = 0;
      prev = -1;
      blocks.length = 0;
      hash = undefined;
      try {
        return own.parse(text) as hbs.AST.Program;
      } catch (e) {
        if (hash && e instanceof Error) Object.assign(e, { hash });
        throw e;
      }
    },
  };
  return instance;
}

interface JisonLoc {
  first_line: number;
  first_column: number;
  last_line: number;
  last_column: number;
}

interface JisonHash {
  text?: string;
  token?: string;
  loc?: JisonLoc;
  expected?: string[];
}

function toError(e: unknown, text: string, lines: LineIndex): HbsError {
  const err = e as Error & { lineNumber?: number; column?: number; endLineNumber?: number; endColumn?: number };
  const firstLine = (err.message ?? String(e)).split('\n');
  if (e instanceof NestingError) {
    const start = lines.offset(e.loc.first_line, e.loc.first_column + 1);
    return { message: e.message, span: { start, end: Math.min(text.length, start + Math.max(1, e.token.length)) }, budget: 'nesting' };
  }
  const hash = typeof err.lineNumber === 'number' ? undefined : (e as { hash?: JisonHash }).hash;
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
