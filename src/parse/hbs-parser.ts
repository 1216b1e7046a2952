/**
 * The LR driver of Handlebars' Jison parser, without its allocations.
 *
 * Jison's generated `parse` pops the three parser stacks on every reduction with `stack.slice(0, -n)`, which
 * copies them, and then grows the copies again: on a 3.6 KB template that is ~200 KB of garbage per parse,
 * a fifth of everything a whole MJML review allocates. This is the same algorithm over the same tables
 * (`table`, `defaultActions`, `productions_`) calling the same semantic actions (`performAction`) with the
 * same arguments; only the pops are in place. Error messages and their hash are built as Jison builds them.
 * test/parse/hbs-lexer.test.ts compares ASTs and errors with Jison's own driver.
 */

type Action = number[] | number[][];

interface Location {
  first_line: number;
  last_line: number;
  first_column: number;
  last_column: number;
  range?: [number, number];
}

interface Lexer {
  setInput(input: string): unknown;
  lex(): unknown;
  yy: unknown;
  yytext: unknown;
  yyleng: number;
  yylineno: number;
  yylloc?: Location;
  match: string;
  options?: { ranges?: boolean };
  showPosition?: () => string;
}

/** The parts of Jison's generated parser object the driver reads. */
export interface JisonParser {
  yy: Record<string, unknown>;
  lexer: Lexer;
  table: Record<number, Action | number>[];
  defaultActions: Record<number, Action>;
  productions_: [number, number][];
  symbols_: Record<string, number>;
  terminals_: Record<number, string>;
  performAction: (this: { $?: unknown; _$?: Location }, yytext: unknown, yyleng: number, yylineno: number, yy: unknown, rule: number, vstack: unknown[], lstack: Location[]) => unknown;
  parseError: (str: string, hash: unknown) => unknown;
}

/**
 * Jison's tables are objects keyed by symbol and state numbers, which V8 keeps as sparse dictionaries;
 * dense arrays of the same entries are read several times faster. Built once per table.
 */
interface DenseTables {
  table: (Action | number | undefined)[][];
  defaults: (Action | undefined)[];
}
const denseCache = new WeakMap<object, DenseTables>();

function dense(parser: JisonParser): DenseTables {
  let d = denseCache.get(parser.table);
  if (!d) {
    const table = parser.table.map((row) => {
      const out: (Action | number | undefined)[] = [];
      for (const k of Object.keys(row)) out[Number(k)] = row[Number(k)];
      return Array.from(out);
    });
    const defaults: (Action | undefined)[] = [];
    for (const k of Object.keys(parser.defaultActions)) defaults[Number(k)] = parser.defaultActions[Number(k)];
    d = { table, defaults: Array.from({ length: parser.table.length }, (_, i) => defaults[i]) };
    denseCache.set(parser.table, d);
  }
  return d;
}

export function parseInPlace(this: JisonParser, input: string): unknown {
  const stack: number[] = [0];
  const vstack: unknown[] = [null];
  const lstack: Location[] = [];
  const table = this.table;
  const { table: rows, defaults } = dense(this);
  let yytext: unknown = '';
  let yylineno = 0;
  let yyleng = 0;
  const lexer = this.lexer;
  lexer.setInput(input);
  lexer.yy = this.yy;
  this.yy.lexer = lexer;
  this.yy.parser = this;
  if (typeof lexer.yylloc === 'undefined') lexer.yylloc = {} as Location;
  let yyloc = lexer.yylloc!;
  lstack.push(yyloc);
  const ranges = lexer.options && lexer.options.ranges;
  if (typeof this.yy.parseError === 'function') this.parseError = this.yy.parseError as JisonParser['parseError'];

  const lex = (): number => {
    let token = lexer.lex() || 1;
    if (typeof token !== 'number') token = this.symbols_[token as string] || token;
    return token as number;
  };

  let symbol: number | null | undefined;
  const yyval: { $?: unknown; _$?: Location } = {};
  for (;;) {
    const state = stack[stack.length - 1]!;
    let action: Action | undefined;
    const byDefault = defaults[state];
    if (byDefault) {
      action = byDefault;
    } else {
      if (symbol === null || symbol === undefined) symbol = lex();
      action = rows[state]?.[symbol] as Action | undefined;
    }
    if (action === undefined || !action.length || !action[0]) {
      const expected: string[] = [];
      for (const p in table[state]) if (this.terminals_[p as unknown as number] && (p as unknown as number) > 2) expected.push(`'${this.terminals_[p as unknown as number]}'`);
      const got = this.terminals_[symbol!] || symbol;
      const errStr = lexer.showPosition
        ? `Parse error on line ${yylineno + 1}:\n${lexer.showPosition()}\nExpecting ${expected.join(', ')}, got '${got}'`
        : `Parse error on line ${yylineno + 1}: Unexpected ${symbol === 1 ? 'end of input' : `'${got}'`}`;
      this.parseError(errStr, { text: lexer.match, token: got, line: lexer.yylineno, loc: yyloc, expected });
      throw new Error(errStr); // Handlebars' parseError always throws; never go on with a broken stack.
    }
    if (action[0] instanceof Array && action.length > 1) throw new Error(`Parse Error: multiple actions possible at state: ${state}, token: ${symbol}`);
    const kind = (action as number[])[0];
    const arg = (action as number[])[1]!;
    if (kind === 1) {
      // shift
      stack.push(symbol!, arg);
      vstack.push(lexer.yytext);
      lstack.push(lexer.yylloc!);
      symbol = null;
      yyleng = lexer.yyleng;
      yytext = lexer.yytext;
      yylineno = lexer.yylineno;
      yyloc = lexer.yylloc!;
    } else if (kind === 2) {
      // reduce by production `arg`
      const production = this.productions_[arg]!;
      const lhs = production[0];
      const len = production[1];
      yyval.$ = vstack[vstack.length - len];
      const first = lstack[lstack.length - (len || 1)]!;
      const last = lstack[lstack.length - 1]!;
      yyval._$ = { first_line: first.first_line, last_line: last.last_line, first_column: first.first_column, last_column: last.last_column };
      if (ranges) yyval._$.range = [first.range![0], last.range![1]];
      const r = this.performAction.call(yyval, yytext, yyleng, yylineno, this.yy, arg, vstack, lstack);
      if (typeof r !== 'undefined') return r;
      // (pop() rather than `length -=`: setting an array's length is a slow runtime call in V8)
      for (let i = 0; i < len; i++) {
        stack.pop();
        stack.pop();
        vstack.pop();
        lstack.pop();
      }
      stack.push(lhs);
      vstack.push(yyval.$);
      lstack.push(yyval._$);
      stack.push(rows[stack[stack.length - 2]!]![stack[stack.length - 1]!] as number);
    } else if (kind === 3) {
      return true;
    }
  }
}
