/**
 * The Handlebars instance every module uses.
 *
 * Handlebars' Node entry (lib/index.js) loads the `source-map` library and builds a real SourceNode tree
 * for every compiled template; its standalone build (dist/handlebars.js, the same version and code,
 * published in the same package) uses a light stub instead, which makes compiling a template about a
 * third faster. We never need source maps of generated template code, so we use the standalone build.
 *
 * Its parser gets a faster lexer with the same token stream (see hbs-lexer.ts).
 */
import Handlebars from 'handlebars/dist/handlebars.js';
import { FastLexer, type JisonLexer } from './hbs-lexer.js';

const parser = (Handlebars as unknown as { Parser: { lexer: JisonLexer | FastLexer } }).Parser;

/** The lexer Jison generated for Handlebars (kept for the equivalence tests). */
// (A test runner may evaluate this module again in the same process: do not wrap our own lexer.)
export const jisonLexer: JisonLexer = 'jison' in parser.lexer ? parser.lexer.jison : parser.lexer;
export const fastLexer = new FastLexer(jisonLexer);
parser.lexer = fastLexer;

/** Which lexer Handlebars' parser uses (tests compare the two). */
export function useLexer(which: 'fast' | 'jison'): void {
  parser.lexer = which === 'fast' ? fastLexer : jisonLexer;
}

export default Handlebars;
