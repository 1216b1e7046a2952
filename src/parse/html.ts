/** DOM with source positions (startIndex/endIndex on every node), and cheerio over it. */
// cheerio/slim: cheerio over htmlparser2 and dom-serializer only. wrapDom passes `xml` options, so the full
// build would take the same path; it also loads parse5 and undici (its fromURL) for nothing.
import * as cheerio from 'cheerio/slim';
import type { CheerioAPI } from 'cheerio';
import { Parser } from 'htmlparser2';
import { DomHandler, type Document, type Element } from 'domhandler';

export type { CheerioAPI };

/**
 * htmlparser2 rather than parse5: it keeps exact start/end indices, never restructures the tree
 * (parse5 would move a misplaced <table> child, and positions would lie) and tolerates email-era markup.
 */
function options(mjml: boolean) {
  return {
    xmlMode: false,
    withStartIndices: true,
    withEndIndices: true,
    recognizeSelfClosing: mjml,
    lowerCaseTags: true,
    lowerCaseAttributeNames: true,
    decodeEntities: true,
  };
}

/** Elements nested deeper than this are not parsed (syntax/review-limits reports the depth). */
export const DEFAULT_MAX_DOM_DEPTH = 500;

const HTML_OPTIONS = options(false);
const MJML_OPTIONS = options(true);

/**
 * One class for every parse (not a class per call): htmlparser2 calls its handler's methods on every token,
 * and a handler of a new class each time made those calls megamorphic (the 30 KB benchmark template: 1.0 ->
 * 0.5 ms in a process that only parses; 0.49 -> 0.42 ms median in one that has run 300 reviews).
 */
class DepthLimitedHandler extends DomHandler {
  stopped = false;
  /** The deepest element opened (1: a child of the document). */
  deepest = 0;
  /** The parser to pause (DomHandler keeps its own `parser` private). */
  owner: Parser | undefined;

  constructor(
    opts: typeof HTML_OPTIONS,
    private readonly maxDepth: number,
  ) {
    super(undefined, opts);
  }

  override onopentag(name: string, attribs: Record<string, string>): void {
    super.onopentag(name, attribs);
    // tagStack holds the document too: its length is the depth of the element just opened, plus one.
    if (this.tagStack.length > this.deepest + 1) this.deepest = this.tagStack.length - 1;
    if (this.tagStack.length > this.maxDepth + 1 && !this.stopped) {
      this.stopped = true;
      this.owner?.pause();
    }
  }
}

/**
 * The document tree alone: what most rules read (through the element index).
 *
 * Parsing stops at the first element nested deeper than `maxDepth`: htmlparser2 keeps its open elements
 * with Array#unshift, so each start tag costs the current depth, and 100,000 nested <div> took seconds
 * (quadratic). The tree then holds everything before that element and the element itself; elements still
 * open end at the end of the input, as they would if the input ended there.
 */
export function parseDom(masked: string, mjml = false, maxDepth = DEFAULT_MAX_DOM_DEPTH): Document {
  const opts = mjml ? MJML_OPTIONS : HTML_OPTIONS;
  const handler = new DepthLimitedHandler(opts, maxDepth);
  const parser = new Parser(handler, opts);
  handler.owner = parser;
  parser.end(masked);
  depths.set(handler.root, handler.deepest);
  if (handler.stopped) {
    const open = (handler as unknown as { tagStack: Element[] }).tagStack;
    for (let i = 1; i < open.length; i++) open[i]!.endIndex = masked.length - 1;
    handler.root.endIndex = masked.length - 1;
  }
  return handler.root;
}

const depths = new WeakMap<Document, number>();

/** How deep elements nest in a document parseDom made (1: children of the document only; 0: none). */
export function domDepthOf(document: Document): number | undefined {
  return depths.get(document);
}

/** cheerio over an already parsed document (the same nodes). */
export function wrapDom(document: Document, mjml = false): CheerioAPI {
  return cheerio.load(document, { xml: options(mjml) });
}

export function loadDom(masked: string, mjml = false): CheerioAPI {
  return wrapDom(parseDom(masked, mjml), mjml);
}
