/**
 * Handlebars' whitespace control (`~`) and standalone-line stripping, ported from its WhitespaceControl
 * visitor (handlebars 4.7.x, compiler/whitespace-control.js), which `Handlebars.parse` runs after parsing.
 *
 * The port does the same edits in the same order. Only the tests on content are written differently:
 * Handlebars asks end-anchored regexes such as /(?:^|\S)[^\S\n]*\n\s*$/, which the regex engine retries
 * from every position of the content (a fifth of a parse on large templates); here they are answered by
 * scanning the trailing or leading whitespace. `parseProgram()` = `Handlebars.parse()`, checked on the same
 * inputs as the lexer (test/parse/hbs-lexer.test.ts).
 */
import { isSpaceCode } from '../core/chars.js';

type Node = hbs.AST.Node & Record<string, unknown>;
type Statement = hbs.AST.Statement & Record<string, unknown>;
type Program = hbs.AST.Program;

interface Strip {
  open?: boolean;
  close?: boolean;
  openStandalone?: boolean;
  closeStandalone?: boolean;
  inlineStandalone?: boolean;
}

interface Content {
  type: 'ContentStatement';
  value: string;
  original: string;
  leftStripped?: boolean;
  rightStripped?: boolean;
}

/** Start of the maximal run of whitespace that ends the string. */
function trailingSpaceStart(s: string): number {
  let i = s.length;
  while (i > 0 && isSpaceCode(s.charCodeAt(i - 1))) i--;
  return i;
}

/** /(?:^|\S)[^\S\n]*\n\s*$/: the trailing whitespace holds a newline. */
function endsWithNewlineSpace(s: string): boolean {
  return s.indexOf('\n', trailingSpaceStart(s)) >= 0;
}

/** /^\s*?\r?\n/: a newline comes before any non-whitespace. */
function startsWithSpaceNewline(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x0a) return true;
    if (!isSpaceCode(c)) return false;
  }
  return false;
}

function isWhitespaceOnly(s: string): boolean {
  return trailingSpaceStart(s) === 0;
}

function isPrevWhitespace(body: Statement[], i: number | undefined, isRoot?: boolean): boolean | undefined {
  if (i === undefined) i = body.length;
  const prev = body[i - 1];
  const sibling = body[i - 2];
  if (!prev) return isRoot;
  if (prev.type === 'ContentStatement') {
    const original = (prev as unknown as Content).original;
    // (sibling || !isRoot ? /(?:^|\S)[^\S\n]*\n\s*$/ : /^\s*$|(?:^|\S)[^\S\n]*\n\s*$/)
    return sibling || !isRoot ? endsWithNewlineSpace(original) : isWhitespaceOnly(original) || endsWithNewlineSpace(original);
  }
  return undefined;
}

function isNextWhitespace(body: Statement[], i: number | undefined, isRoot?: boolean): boolean | undefined {
  if (i === undefined) i = -1;
  const next = body[i + 1];
  const sibling = body[i + 2];
  if (!next) return isRoot;
  if (next.type === 'ContentStatement') {
    const original = (next as unknown as Content).original;
    // (sibling || !isRoot ? /^\s*?\r?\n/ : /^\s*?(\r?\n|$)/)
    return sibling || !isRoot ? startsWithSpaceNewline(original) : startsWithSpaceNewline(original) || isWhitespaceOnly(original);
  }
  return undefined;
}

function omitRight(body: Statement[], i?: number | null, multiple?: boolean): void {
  const current = body[i == null ? 0 : i + 1] as unknown as Content | undefined;
  if (!current || current.type !== 'ContentStatement' || (!multiple && current.rightStripped)) return;
  const original = current.value;
  current.value = current.value.replace(multiple ? /^\s+/ : /^[ \t]*\r?\n?/, '');
  current.rightStripped = current.value !== original;
}

function omitLeft(body: Statement[], i?: number | null, multiple?: boolean): boolean | undefined {
  const current = body[i == null ? body.length - 1 : i - 1] as unknown as Content | undefined;
  if (!current || current.type !== 'ContentStatement' || (!multiple && current.leftStripped)) return undefined;
  const original = current.value;
  current.value = multiple ? current.value.slice(0, trailingSpaceStart(current.value)) : stripTrailingBlanks(current.value);
  current.leftStripped = current.value !== original;
  return current.leftStripped;
}

/** s.replace(/(^|[^ \t])[ \t]+$/, '$1'): drop trailing spaces and tabs. */
function stripTrailingBlanks(s: string): string {
  let i = s.length;
  while (i > 0 && (s[i - 1] === ' ' || s[i - 1] === '\t')) i--;
  return i === s.length ? s : s.slice(0, i);
}

class WhitespaceControl {
  private isRootSeen = false;

  constructor(private readonly options: { ignoreStandalone?: boolean } = {}) {}

  accept(node: Node | null | undefined): Strip | undefined {
    if (!node) return undefined;
    switch (node.type) {
      case 'Program':
        this.program(node as unknown as Program);
        return undefined;
      case 'BlockStatement':
      case 'DecoratorBlock':
      case 'PartialBlockStatement':
        return this.block(node);
      case 'MustacheStatement':
      case 'Decorator':
        return node.strip as Strip;
      case 'PartialStatement':
      case 'CommentStatement': {
        const strip = (node.strip ?? {}) as Strip;
        return { inlineStandalone: true, open: strip.open, close: strip.close };
      }
      case 'ContentStatement':
        return undefined;
      default:
        // Handlebars' Visitor throws on a type it does not know; its parser makes no other statements.
        throw new Error(`Unknown type: ${node.type}`);
    }
  }

  private program(program: Program): void {
    const doStandalone = !this.options.ignoreStandalone;
    const isRoot = !this.isRootSeen;
    this.isRootSeen = true;
    const body = program.body as Statement[];
    for (let i = 0, l = body.length; i < l; i++) {
      const current = body[i]!;
      const strip = this.accept(current as Node);
      if (!strip) continue;
      const prevWs = isPrevWhitespace(body, i, isRoot);
      const nextWs = isNextWhitespace(body, i, isRoot);
      const openStandalone = strip.openStandalone && prevWs;
      const closeStandalone = strip.closeStandalone && nextWs;
      const inlineStandalone = strip.inlineStandalone && prevWs && nextWs;
      if (strip.close) omitRight(body, i, true);
      if (strip.open) omitLeft(body, i, true);
      if (doStandalone && inlineStandalone) {
        omitRight(body, i);
        if (omitLeft(body, i)) {
          // If we are on a standalone node, save the indent info for partials
          if (current.type === 'PartialStatement') {
            current.indent = /(?:^|[^ \t])([ \t]+)$/.exec((body[i - 1] as unknown as Content).original)![1];
          }
        }
      }
      if (doStandalone && openStandalone) {
        omitRight((((current.program || current.inverse) as Program).body) as Statement[]);
        // Strip out the previous content node if it's whitespace only
        omitLeft(body, i);
      }
      if (doStandalone && closeStandalone) {
        // Always strip the next node
        omitRight(body, i);
        omitLeft((((current.inverse || current.program) as Program).body) as Statement[]);
      }
    }
  }

  private block(block: Node): Strip {
    this.accept(block.program as Node | undefined);
    this.accept(block.inverse as Node | undefined);
    // Find the inverse program that is involved with whitespace stripping.
    const program = (block.program || block.inverse) as Program;
    const inverse = (block.program && block.inverse) as (Program & { chained?: boolean }) | undefined;
    let firstInverse = inverse;
    let lastInverse = inverse;
    if (inverse && inverse.chained) {
      firstInverse = (inverse.body[0] as unknown as { program: Program }).program;
      // Walk the inverse chain to find the last inverse that is actually in the chain.
      while (lastInverse!.chained) lastInverse = (lastInverse!.body[lastInverse!.body.length - 1] as unknown as { program: Program & { chained?: boolean } }).program;
    }
    const openStrip = block.openStrip as Strip;
    const closeStrip = block.closeStrip as Strip;
    const strip: Strip = {
      open: openStrip.open,
      close: closeStrip.close,
      // Determine the standalone candidacy: flag our content as possibly standalone, so that our parent can
      // determine if we actually are standalone.
      openStandalone: isNextWhitespace(program.body as Statement[], undefined),
      closeStandalone: isPrevWhitespace(((firstInverse || program).body) as Statement[], undefined),
    };
    if (openStrip.close) omitRight(program.body as Statement[], null, true);
    if (inverse) {
      const inverseStrip = block.inverseStrip as Strip;
      if (inverseStrip.open) omitLeft(program.body as Statement[], null, true);
      if (inverseStrip.close) omitRight(firstInverse!.body as Statement[], null, true);
      if (closeStrip.open) omitLeft(lastInverse!.body as Statement[], null, true);
      // Find standalone else statements
      if (!this.options.ignoreStandalone && isPrevWhitespace(program.body as Statement[], undefined) && isNextWhitespace(firstInverse!.body as Statement[], undefined)) {
        omitLeft(program.body as Statement[]);
        omitRight(firstInverse!.body as Statement[]);
      }
    } else if (closeStrip.open) {
      omitLeft(program.body as Statement[], null, true);
    }
    return strip;
  }
}

/** Apply whitespace control and standalone stripping to a freshly parsed AST (as Handlebars.parse does). */
export function stripWhitespace(ast: Program, options: { ignoreStandalone?: boolean } = {}): Program {
  new WhitespaceControl(options).accept(ast as unknown as Node);
  return ast;
}
