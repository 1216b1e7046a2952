/**
 * A small scanner for Handlebars mustaches. It finds every `{{…}}` with its exact span
 * (before Handlebars parses anything), so that we can mask them for HTML/MJML parsing and
 * check block structure with locations Handlebars' own parser does not give
 * (it reports an unclosed block at end of file).
 */
import type { Span } from '../core/types.js';

export type MustacheKind =
  | 'expr' // {{x}}
  | 'raw' // {{{x}}} or {{& x}}
  | 'open' // {{#x}}
  | 'inverse-open' // {{^x}}
  | 'close' // {{/x}}
  | 'else' // {{else}} {{^}} {{else if x}}
  | 'partial' // {{> x}}
  | 'partial-block' // {{#> x}}
  | 'comment' // {{! }} {{!-- --}}
  | 'raw-block-open' // {{{{raw}}}}
  | 'raw-block-close' // {{{{/raw}}}}
  | 'merge-tag'; // another language's tag: *|FNAME|*, {% if %}, ${x} (merge-tags.ts), masked like the rest

export interface Mustache {
  kind: MustacheKind;
  span: Span;
  /** Helper or path name (first word) for blocks, expressions and partials. */
  name: string;
  /** Text between the delimiters, without ~ and sigils. */
  inner: string;
  /** True when the closing delimiter was never found. */
  unterminated?: boolean;
  /** For merge tags: whose syntax it is. */
  syntax?: import('./merge-tags.js').MergeSyntax;
}

export interface BlockIssue {
  kind: 'unclosed' | 'unopened' | 'mismatch' | 'unterminated' | 'too-deep';
  span: Span;
  name: string;
  /** For mismatches: the opening block. */
  opener?: { name: string; span: Span };
}

export interface ScanResult {
  mustaches: Mustache[];
  issues: BlockIssue[];
  maxDepth: number;
}

const NAME = /^\s*([^\s}()|=]+)/;

/**
 * Where the long comment whose opener's dashes (`{{!--`, `{{~!--`) are at `dashes` ends: the index of its
 * closing `--` (then `}}` or `~}}`), or -1 when it is never closed. As Handlebars' lexer reads it, the search
 * starts at the opener's own dashes: `{{!--}}` is a whole, empty comment.
 */
export function longCommentClose(text: string, dashes: number): number {
  for (let j = text.indexOf('--', dashes); j >= 0; j = text.indexOf('--', j + 1)) {
    if (text.startsWith('}}', j + 2) || text.startsWith('~}}', j + 2)) return j;
  }
  return -1;
}

export function scanMustaches(text: string, maxDepth = 100): ScanResult {
  const mustaches: Mustache[] = [];
  const issues: BlockIssue[] = [];
  let i = 0;
  let rawBlock: string | null = null;
  while (i < text.length) {
    const at = text.indexOf('{{', i);
    if (at < 0) break;
    // An escaped mustache \{{ is literal text (but \\{{ is an escaped backslash followed by a mustache).
    if (at > 0 && text[at - 1] === '\\' && !(at > 1 && text[at - 2] === '\\')) {
      i = at + 2;
      continue;
    }
    if (rawBlock !== null) {
      // Inside {{{{raw}}}} … only the matching {{{{/raw}}}} ends it.
      const closeTag = `{{{{/${rawBlock}}}}}`;
      const end = text.indexOf(closeTag, at);
      if (end < 0) break;
      mustaches.push({ kind: 'raw-block-close', span: { start: end, end: end + closeTag.length }, name: rawBlock, inner: `/${rawBlock}` });
      rawBlock = null;
      i = end + closeTag.length;
      continue;
    }
    let m: Mustache;
    if (text.startsWith('{{!--', at) || text.startsWith('{{~!--', at)) {
      const dashes = at + (text[at + 2] === '~' ? 4 : 3);
      const end = longCommentClose(text, dashes);
      const bodyStart = dashes + 2;
      m = end < 0
        ? { kind: 'comment', span: { start: at, end: text.length }, name: '', inner: text.slice(bodyStart), unterminated: true }
        : { kind: 'comment', span: { start: at, end: end + (text[end + 2] === '~' ? 5 : 4) }, name: '', inner: end < bodyStart ? '' : text.slice(bodyStart, end) };
    } else if (text.startsWith('{{{{', at)) {
      const close = text.indexOf('}}}}', at + 4);
      const end = close < 0 ? text.length : close + 4;
      const inner = text.slice(at + 4, close < 0 ? text.length : close).trim();
      const isClose = inner.startsWith('/');
      const name = (NAME.exec(isClose ? inner.slice(1) : inner)?.[1]) ?? '';
      m = { kind: isClose ? 'raw-block-close' : 'raw-block-open', span: { start: at, end }, name, inner, ...(close < 0 ? { unterminated: true } : {}) };
      if (!isClose && close >= 0) rawBlock = name;
    } else {
      const triple = text.startsWith('{{{', at) || text.startsWith('{{~{', at);
      const closer = triple ? '}}}' : '}}';
      const close = findClose(text, at + (triple ? 3 : 2), closer);
      const end = close < 0 ? lineEnd(text, at) : close + closer.length;
      let inner = text.slice(at + (triple ? 3 : 2), close < 0 ? end : close);
      inner = inner.replace(/^~/, '').replace(/~$/, '');
      if (triple) inner = inner.replace(/^\{/, '');
      m = classify(inner, { start: at, end }, triple);
      if (close < 0) m.unterminated = true;
    }
    mustaches.push(m);
    i = Math.max(m.span.end, at + 2);
  }
  const maxSeen = checkBlocks(mustaches, issues, maxDepth);
  return { mustaches, issues, maxDepth: maxSeen };
}

/** Find the closing delimiter, skipping string literals ("}}" inside a hash string is not a close). */
function findClose(text: string, from: number, closer: string): number {
  let quote: string | null = null;
  for (let j = from; j < text.length; j++) {
    const c = text[j]!;
    if (quote) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (text.startsWith(closer, j)) return j;
    else if (c === '{' && text[j + 1] === '{') return -1; // a new mustache starts: this one is unterminated
  }
  return -1;
}

function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl;
}

function classify(rawInner: string, span: Span, triple: boolean): Mustache {
  const inner = rawInner.trim();
  if (triple) return { kind: 'raw', span, name: NAME.exec(inner)?.[1] ?? '', inner };
  const sigil = inner[0];
  const rest = inner.slice(1).trim();
  const nameOf = (s: string) => NAME.exec(s)?.[1] ?? '';
  switch (sigil) {
    case '!':
      return { kind: 'comment', span, name: '', inner: rest };
    case '#':
      if (rest.startsWith('>')) return { kind: 'partial-block', span, name: nameOf(rest.slice(1)), inner: rest.slice(1).trim() };
      if (rest.startsWith('*')) return { kind: 'open', span, name: nameOf(rest.slice(1)), inner: rest.slice(1).trim() }; // decorator block
      return { kind: 'open', span, name: nameOf(rest), inner: rest };
    case '^':
      return rest === '' ? { kind: 'else', span, name: 'else', inner: '' } : { kind: 'inverse-open', span, name: nameOf(rest), inner: rest };
    case '/':
      return { kind: 'close', span, name: nameOf(rest), inner: rest };
    case '>':
      return { kind: 'partial', span, name: nameOf(rest), inner: rest };
    case '&':
      return { kind: 'raw', span, name: nameOf(rest), inner: rest };
    default:
      if (/^else(\s|$)/.test(inner)) return { kind: 'else', span, name: 'else', inner };
      return { kind: 'expr', span, name: nameOf(inner), inner };
  }
}

function checkBlocks(mustaches: Mustache[], issues: BlockIssue[], maxDepth: number): number {
  const stack: Mustache[] = [];
  // How many blocks of each name are open: a close whose name is not open is known at once, without a
  // search down the stack (a search per close was quadratic: 20,000 mismatched closes under 20,000 opens, 0.7 s).
  const open = new Map<string, number>();
  const push = (m: Mustache) => {
    stack.push(m);
    open.set(m.name, (open.get(m.name) ?? 0) + 1);
  };
  const popTo = (length: number) => {
    while (stack.length > length) {
      const m = stack.pop()!;
      open.set(m.name, open.get(m.name)! - 1);
    }
  };
  let deepest = 0;
  let reportedDeep = false;
  for (const m of mustaches) {
    if (m.unterminated) issues.push({ kind: 'unterminated', span: m.span, name: m.name });
    if (m.kind === 'open' || m.kind === 'inverse-open' || m.kind === 'partial-block' || m.kind === 'raw-block-open') {
      if (m.unterminated) continue;
      push(m);
      deepest = Math.max(deepest, stack.length);
      if (stack.length > maxDepth && !reportedDeep) {
        issues.push({ kind: 'too-deep', span: m.span, name: m.name });
        reportedDeep = true;
      }
    } else if (m.kind === 'close' || m.kind === 'raw-block-close') {
      const top = stack[stack.length - 1];
      if (!top) {
        issues.push({ kind: 'unopened', span: m.span, name: m.name });
      } else if (top.name === m.name) {
        popTo(stack.length - 1);
      } else {
        // Found when open: the search ends at it, and the blocks above it leave the stack.
        const idx = open.get(m.name) ? findLastIndex(stack, (s) => s.name === m.name) : -1;
        issues.push({ kind: 'mismatch', span: m.span, name: m.name, opener: { name: top.name, span: top.span } });
        // Recover: if the close matches an outer block, the inner ones were never closed.
        if (idx >= 0) popTo(idx);
      }
    }
  }
  for (const open of stack) issues.push({ kind: 'unclosed', span: open.span, name: open.name });
  return deepest;
}

function findLastIndex<T>(arr: T[], pred: (t: T) => boolean): number {
  for (let i = arr.length - 1; i >= 0; i--) if (pred(arr[i]!)) return i;
  return -1;
}
