/**
 * The Handlebars instance every module uses.
 *
 * Handlebars' Node entry (lib/index.js) loads the `source-map` library and builds a real SourceNode tree
 * for every compiled template; its standalone build (dist/handlebars.js, the same version and code,
 * published in the same package) uses a light stub instead, which makes compiling a template about a
 * third faster. We never need source maps of generated template code, so we use the standalone build.
 *
 * Its parser gets a faster lexer with the same token stream (hbs-lexer.ts) and an LR driver that does not
 * copy its stacks on every reduction (hbs-parser.ts); grammar, tables and actions stay Handlebars' own.
 */
import Handlebars from 'handlebars/dist/handlebars.js';
import { FastLexer, knowsRules, type JisonLexer } from './hbs-lexer.js';
import { parseInPlace, type JisonParser } from './hbs-parser.js';
import { stripWhitespace } from './hbs-whitespace.js';

type Parser = Omit<JisonParser, 'lexer'> & { lexer: JisonLexer | FastLexer; parse: (input: string) => unknown };
const parser = (Handlebars as unknown as { Parser: Parser }).Parser;
const prototype = Object.getPrototypeOf(parser) as Parser;

/** The lexer Jison generated for Handlebars (on the parser's prototype; kept for the equivalence tests). */
export const jisonLexer: JisonLexer = prototype.lexer as JisonLexer;
// Our lexer is written for Handlebars 4.7.10's rules (pinned in package.json); with other rules Handlebars
// keeps its own lexer (the equivalence test then fails, so an upgrade is noticed).
const fastLexer: FastLexer | JisonLexer = knowsRules(jisonLexer) ? new FastLexer(jisonLexer) : jisonLexer;

/** Is our lexer in use (false only if Handlebars' lexer rules are not the ones it knows)? */
export const usingFastLexer = fastLexer !== jisonLexer;

/** Which lexer and driver Handlebars' parser uses: ours (the default) or Jison's (tests compare them). */
export function useHandlebarsParser(which: 'fast' | 'jison'): void {
  if (which === 'fast') {
    parser.lexer = fastLexer;
    parser.parse = parseInPlace as Parser['parse'];
  } else {
    parser.lexer = jisonLexer;
    parser.parse = prototype.parse;
  }
}

useHandlebarsParser('fast');

/** Handlebars.parse(), with our port of its whitespace control (hbs-whitespace.ts). Throws as it does. */
export function parseProgram(text: string): hbs.AST.Program {
  return stripWhitespace(Handlebars.parseWithoutProcessing(text));
}

export default Handlebars;
