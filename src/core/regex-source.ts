/**
 * Reading a regular expression's source as syntax: the characters that are neither escaped (`\|`) nor inside a
 * character class (`[|]`), where `(`, `)` and `|` mean groups and alternatives. For checks of a pattern's
 * shape (the phrase lists' ReDoS check, the matcher's word-boundary test), not a parser.
 */

/** Calls `visit` with each syntax character and its index, in order; stops when `visit` returns true. */
export function eachSyntaxChar(source: string, visit: (c: string, i: number) => boolean | void): void {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (visit(c, i)) return;
  }
}
