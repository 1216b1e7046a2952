/**
 * A faster lexer for Handlebars' own parser: the same rules, actions and token stream as the lexer Jison
 * generated for it, found faster.
 *
 * Jison's lexer (handlebars/dist, `parser.lexer`) finds each token by trying the current state's rules in
 * order, each as an `^`-anchored regex on `input.slice(pos)` — up to 38 regexes per token inside a
 * mustache — and it counts lines with another regex per token. On a 30 KB template that is more than half
 * of `Handlebars.parse`. This lexer keeps Jison's rules and their order and calls Jison's own action code,
 * but:
 * - tries only the rules whose first character can match the next input character (a rule list per state
 *   and character, built on first use); the rules run as sticky regexes on the whole input, which matches
 *   what the anchored regex matches on the rest of the input (no rule looks behind);
 * - finds content (text up to the next `{{`) with indexOf;
 * - counts lines and columns without a regex.
 * Tokens, texts and locations are identical, including Jison's quirks (`.` does not cross U+2028/2029 when
 * columns are counted; `unput` keeps one character too many in `matched`). test/parse/hbs-lexer.test.ts
 * compares both lexers token by token on the samples, edge cases and generated templates.
 *
 * Installed with `parser.lexer = …`, Jison's documented way to give a generated parser another lexer.
 */

interface Loc {
  first_line: number;
  last_line: number;
  first_column: number;
  last_column: number;
  range?: [number, number];
}

/** What we use of the lexer object Jison generated. */
export interface JisonLexer {
  rules: RegExp[];
  conditions: Record<string, { rules: number[] }>;
  performAction: (this: unknown, yy: unknown, lexer: unknown, rule: number, state: string) => unknown;
}

// The first characters each of Handlebars' 45 lexer rules can start with (handlebars.l, in order).
// null: the rule can match the empty string, so it is always a candidate.
const FIRST: (RegExp | null)[] = [
  null, // 0  content up to {{ (may be empty)
  /[^\x00]/, // 1  content to the end
  /[^\x00]/, // 2  <emu> escaped mustache content
  /\{/, // 3  <raw> {{{{ nested
  /\{/, // 4  <raw> {{{{/name}}}}
  /[^\x00]/, // 5  <raw> content
  /[\s\S]/, // 6  <com> comment body --}}
  /\(/, // 7
  /\)/, // 8
  /\{/, /\}/, // 9 {{{{  10 }}}}
  /\{/, /\{/, /\{/, /\{/, /\{/, /\{/, /\{/, /\{/, /\{/, /\{/, /\{/, /\{/, /\{/, // 11–23 {{…
  /=/, // 24
  /\./, /\./, /[/.]/, // 25 ..  26 .  27 SEP
  /\s/, // 28 whitespace
  /\}/, /[~}]/, // 29 }}}  30 ~}} or }}
  /"/, /'/, /@/, // 31 32 strings  33 DATA
  /t/, /f/, /u/, /n/, /[-0-9]/, // 34–38 literals
  /a/, /\|/, // 39 as |  40 |
  // eslint-disable-next-line no-useless-escape -- written exactly as in Handlebars' ID rule
  /[^\s!"#%-,\.\/;->@\[-\^`\{-~]/, // 41 ID
  /\[/, // 42 [literal]
  /./, // 43 INVALID: any character but a line terminator
  null, // 44 EOF ($)
];

const END = -1;

/** FNV-1a of Handlebars 4.7.10's lexer rule sources, one per line: FIRST and AFTER_OPEN are written for them. */
const RULES_FINGERPRINT = 0x9fc4a510;

/** Are these the lexer rules FIRST and AFTER_OPEN describe? (Another Handlebars version may differ.) */
export function knowsRules(lexer: JisonLexer): boolean {
  const src = lexer.rules.map((r) => r.source).join('\n');
  let h = 0x811c9dc5;
  for (let i = 0; i < src.length; i++) h = Math.imul(h ^ src.charCodeAt(i), 0x01000193) >>> 0;
  return lexer.rules.length === FIRST.length && h === RULES_FINGERPRINT;
}

/**
 * Rules 9–23 all start with `{{`; the character after `{{` and an optional `~` tells them apart
 * (`{{#`, `{{/`, `{{^`, `{{else`, `{{!`, …). null: `{{` alone can match (rule 23, `{{~?\*?`).
 * A rule is tried only if this character fits; `{{` followed by a name tries rules 23 and 43 only.
 */
const AFTER_OPEN: Record<number, RegExp | null> = {
  9: /\{/,
  11: />/,
  12: /#/,
  13: /#/,
  14: /\//,
  15: /\^/,
  16: /[\se]/,
  17: /\^/,
  18: /[\se]/,
  19: /\{/,
  20: /&/,
  21: /!/,
  22: /!/,
  23: null,
};
/** Keys of the candidate cache for '{': above every UTF-16 code, one per character after `{{` (or none). */
const OPEN_KEY = 0x10000;
const NOT_OPEN_KEY = 0x30000;

export class FastLexer {
  EOF = 1;
  options: { ranges?: boolean; flex?: boolean } = {};
  yy: Record<string, unknown> = {};
  yytext = '';
  yyleng = 0;
  yylineno = 0;
  yylloc: Loc = { first_line: 1, first_column: 0, last_line: 1, last_column: 0 };
  match = '';
  matched = '';
  private matchedTrimmed = false;
  /** Jison keeps each token's match array here; nothing reads it, so this lexer leaves it null. */
  matches: null = null;
  conditionStack: string[] = ['INITIAL'];
  done = false;
  offset = 0;
  _more = false;
  _less = false;

  private src = '';
  private pos = 0;
  private hasNul = false;
  private readonly sticky: RegExp[];
  private readonly performAction: JisonLexer['performAction'];
  private readonly conditions: JisonLexer['conditions'];
  /** state → character code (or END) → rule numbers to try, in Jison's order. */
  private readonly candidates = new Map<string, Map<number, number[]>>();

  /** The lexer Jison generated, whose rules and actions this one runs. */
  readonly jison: JisonLexer;

  constructor(original: JisonLexer) {
    this.jison = original;
    if (!knowsRules(original)) throw new Error("Handlebars' lexer rules are not the ones this lexer was written for (handlebars 4.7.10)");
    this.sticky = original.rules.map((r) => {
      if (!r.source.startsWith('^')) throw new Error(`unexpected Handlebars lexer rule ${r.source}`);
      return new RegExp(r.source.slice(1), r.flags.replace('g', '') + 'y');
    });
    this.performAction = original.performAction;
    this.conditions = original.conditions;
  }

  get _input(): string {
    return this.src.slice(this.pos);
  }

  setInput(input: string): this {
    this.src = input;
    this.pos = 0;
    this.hasNul = input.includes('\0');
    this._more = this._less = this.done = false;
    this.yylineno = this.yyleng = 0;
    this.yytext = this.matched = this.match = '';
    this.matchedTrimmed = false;
    this.conditionStack = ['INITIAL'];
    this.yylloc = { first_line: 1, first_column: 0, last_line: 1, last_column: 0 };
    if (this.options.ranges) this.yylloc.range = [0, 0];
    this.offset = 0;
    return this;
  }

  lex(): unknown {
    for (;;) {
      const r = this.next();
      if (r !== undefined) return r;
    }
  }

  next(): unknown {
    if (this.done) return this.EOF;
    const src = this.src;
    if (this.pos >= src.length) this.done = true;
    if (!this._more) {
      this.yytext = '';
      this.match = '';
    }
    const state = this.conditionStack[this.conditionStack.length - 1]!;
    let rule = -1;
    let text = '';
    if (state === 'INITIAL' && !this.hasNul) {
      // Rules 0 ([^\x00]*?(?={{)), 1 ([^\x00]+) and 44 ($), without a lazy regex over the whole text.
      const open = src.indexOf('{{', this.pos);
      if (open >= 0) {
        rule = 0;
        text = src.slice(this.pos, open);
      } else if (this.pos < src.length) {
        rule = 1;
        text = src.slice(this.pos);
      } else rule = 44;
    } else {
      const code = this.pos < src.length ? src.charCodeAt(this.pos) : END;
      for (const r of this.rulesFor(state, code === 123 ? this.braceKey(src, this.pos) : code)) {
        const re = this.sticky[r]!;
        re.lastIndex = this.pos;
        // test() and lastIndex rather than exec(): no match array per token (nothing reads `matches`)
        if (re.test(src)) {
          rule = r;
          text = src.slice(this.pos, re.lastIndex);
          break;
        }
      }
    }
    if (rule < 0) {
      if (this.pos >= src.length) return this.EOF;
      return this.parseError(`Lexical error on line ${this.yylineno + 1}. Unrecognized text.\n${this.showPosition()}`, { text: '', token: null, line: this.yylineno });
    }

    this.advance(text);
    this.yytext += text;
    this.match += text;
    this.yyleng = this.yytext.length;
    if (this.options.ranges) this.yylloc.range = [this.offset, (this.offset += this.yyleng)];
    this._more = false;
    this.pos += text.length;
    this.matched += text;
    this.trimMatched();
    const token = this.performAction.call(this, this.yy, this, rule, state);
    if (this.done && this.pos < this.src.length) this.done = false;
    return token ? token : undefined;
  }

  /** Line and column bookkeeping exactly as Jison's `(?:\r\n?|\n).*` does it. */
  private advance(text: string): void {
    const prev = this.yylloc;
    let lines = 0;
    let lastLineStart = -1;
    if (text.includes('\r')) {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 13) {
          if (text.charCodeAt(i + 1) === 10) i++;
          lines++;
          lastLineStart = i + 1;
        } else if (c === 10) {
          lines++;
          lastLineStart = i + 1;
        }
      }
    } else {
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
        lines++;
        lastLineStart = i + 1;
      }
    }
    let lastColumn: number;
    if (lines) {
      this.yylineno += lines;
      // Jison's `.*` stops at U+2028/U+2029 as well: the column counts only up to there.
      let end = text.length;
      const ls = text.indexOf('\u2028', lastLineStart);
      if (ls >= 0) end = ls;
      const ps = text.indexOf('\u2029', lastLineStart);
      if (ps >= 0 && ps < end) end = ps;
      lastColumn = end - lastLineStart;
    } else {
      lastColumn = prev.last_column + text.length;
    }
    this.yylloc = { first_line: prev.last_line, last_line: this.yylineno + 1, first_column: prev.last_column, last_column: lastColumn };
  }

  /** Cache key for a '{' at `pos`: whether `{{` follows and, if so, the character after it (and a `~`). */
  private braceKey(src: string, pos: number): number {
    if (src.charCodeAt(pos + 1) !== 123) return NOT_OPEN_KEY;
    let i = pos + 2;
    if (src.charCodeAt(i) === 126) i++; // ~
    return i < src.length ? OPEN_KEY + src.charCodeAt(i) : OPEN_KEY + 0xffff + 1;
  }

  private rulesFor(state: string, key: number): number[] {
    let byChar = this.candidates.get(state);
    if (!byChar) {
      byChar = new Map();
      this.candidates.set(state, byChar);
    }
    let list = byChar.get(key);
    if (!list) {
      const all = this.conditions[state]?.rules ?? [];
      const brace = key >= OPEN_KEY;
      const code = brace ? 123 : key;
      const ch = code === END ? '' : String.fromCharCode(code);
      // After `{{`: the next character, or '' at the end of the input.
      const after = key !== NOT_OPEN_KEY && key - OPEN_KEY <= 0xffff ? String.fromCharCode(key - OPEN_KEY) : '';
      list = all.filter((r) => {
        const first = FIRST[r];
        if (first !== null && first !== undefined && (code === END || !first.test(ch))) return false;
        if (!brace || !(r in AFTER_OPEN)) return true;
        if (key === NOT_OPEN_KEY) return false; // every rule 9–23 needs `{{`
        const next = AFTER_OPEN[r];
        return next === null || (after !== '' && next!.test(after));
      });
      if (byChar.size < 4096) byChar.set(key, list);
    }
    return list;
  }

  // ---- the rest of Jison's lexer interface, with Jison's behaviour ------------------------------------

  parseError(str: string, hash: unknown): never {
    const parser = (this.yy as { parser?: { parseError: (s: string, h: unknown) => never } }).parser;
    if (parser) return parser.parseError(str, hash);
    throw new Error(str);
  }

  input(): string {
    const ch = this.src[this.pos] ?? '';
    this.yytext += ch;
    this.yyleng++;
    this.offset++;
    this.match += ch;
    this.matched += ch;
    this.trimMatched();
    if (ch === '\n' || ch === '\r') {
      this.yylineno++;
      this.yylloc.last_line++;
    } else {
      this.yylloc.last_column++;
    }
    if (this.options.ranges) this.yylloc.range![1]++;
    this.pos++;
    return ch;
  }

  unput(ch: string): this {
    const len = ch.length;
    const lines = ch.split(/(?:\r\n?|\n)/g);
    if (len <= this.pos && this.src.startsWith(ch, this.pos - len)) this.pos -= len;
    else {
      this.src = this.src.slice(0, this.pos) + ch + this.src.slice(this.pos);
      this.hasNul = this.src.includes('\0');
    }
    this.yytext = this.yytext.substr(0, this.yytext.length - len - 1);
    this.offset -= len;
    const oldLines = this.match.split(/(?:\r\n?|\n)/g);
    this.match = this.match.substr(0, this.match.length - 1);
    this.matched = this.matched.substr(0, this.matched.length - 1);
    if (lines.length - 1) this.yylineno -= lines.length - 1;
    const r = this.yylloc.range;
    this.yylloc = {
      first_line: this.yylloc.first_line,
      last_line: this.yylineno + 1,
      first_column: this.yylloc.first_column,
      last_column: (lines.length === oldLines.length ? this.yylloc.first_column : 0) + oldLines[oldLines.length - lines.length]!.length - lines[0]!.length,
    };
    if (this.options.ranges && r) this.yylloc.range = [r[0], r[0] + this.yyleng - len];
    return this;
  }

  more(): this {
    this._more = true;
    return this;
  }

  less(n: number): void {
    this.unput(this.match.slice(n));
  }

  pastInput(): string {
    const past = this.matched.substr(0, this.matched.length - this.match.length);
    return (past.length > 20 || this.matchedTrimmed ? '...' : '') + past.substr(-20).replace(/\n/g, '');
  }

  /**
   * `matched` is only read for its tail (pastInput: the 20 characters before the current match), but
   * unput cuts a character off its end, which copies the whole string: 18,000 `{{!-- c --}}` took 14 s.
   * Keep a tail a few KB longer than the current match (amortised: trimmed when twice that long).
   */
  private trimMatched(): void {
    const keep = 4096 + this.match.length;
    if (this.matched.length > 2 * keep) {
      this.matched = this.matched.slice(-keep);
      this.matchedTrimmed = true;
    }
  }

  upcomingInput(): string {
    let next = this.match;
    if (next.length < 20) next += this.src.substr(this.pos, 20 - next.length);
    return (next.substr(0, 20) + (next.length > 20 ? '...' : '')).replace(/\n/g, '');
  }

  showPosition(): string {
    const pre = this.pastInput();
    return `${pre}${this.upcomingInput()}\n${'-'.repeat(pre.length)}^`;
  }

  begin(condition: string): void {
    this.conditionStack.push(condition);
  }

  pushState(condition: string): void {
    this.begin(condition);
  }

  popState(): string | undefined {
    return this.conditionStack.pop();
  }

  topState(): string | undefined {
    return this.conditionStack[this.conditionStack.length - 2];
  }

  _currentRules(): number[] {
    return this.conditions[this.conditionStack[this.conditionStack.length - 1]!]!.rules;
  }
}
