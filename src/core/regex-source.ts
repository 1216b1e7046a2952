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

/**
 * A regular expression's syntax as far as startWords needs it. `char`: a literal character; `set`: anything
 * that matches one character of a class (`[…]`, `.`, `\d`, `\w`…) except `\s` (`space`); `zero`: an assertion
 * (`b`: `\b`; the others, `^`, `$`, `\B` and lookarounds, only restrict where a match is); `group`: alternatives
 * repeated min to max times (a quantified atom is a group of one).
 */
type Node =
  | { t: 'char'; c: string }
  | { t: 'set' }
  | { t: 'space' }
  | { t: 'zero'; b: boolean }
  | { t: 'group'; alts: Node[][]; min: number; max: number };

const ESCAPED_CHARS: Record<string, string> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v', '0': '\0' };

/** Parses `source` (no flags), or throws on syntax it does not know (the caller then knows nothing). */
function parseSource(source: string): Node[] {
  let i = 0;
  const alternatives = (): Node[][] => {
    const alts: Node[][] = [[]];
    while (i < source.length) {
      const c = source[i]!;
      if (c === ')') break;
      if (c === '|') {
        i++;
        alts.push([]);
        continue;
      }
      const atom = parseAtom();
      alts[alts.length - 1]!.push(quantified(atom));
    }
    return alts;
  };
  const parseAtom = (): Node => {
    const c = source[i++]!;
    if (c === '\\') {
      const e = source[i++];
      if (e === undefined) throw new Error('trailing backslash');
      if (e === 'b') return { t: 'zero', b: true };
      if (e === 'B') return { t: 'zero', b: false };
      if (e === 's') return { t: 'space' };
      // Classes, backreferences and code points: what they match is not read (a `set`).
      if ((e === 'p' || e === 'P' || e === 'u') && source[i] === '{') i = source.indexOf('}', i) + 1 || source.length;
      else if (e === 'k' && source[i] === '<') i = source.indexOf('>', i) + 1 || source.length;
      else if (e === 'x') i += 2;
      else if (e === 'u') i += 4;
      else if (e === 'c') i += 1;
      else if (/[1-9]/.test(e)) while (/[0-9]/.test(source[i] ?? '')) i++;
      if ('dDwWSpPkxuc123456789'.includes(e)) return { t: 'set' };
      return { t: 'char', c: ESCAPED_CHARS[e] ?? e };
    }
    if (c === '[') {
      // A class: skipped to its end (escapes inside it included). A few plain characters (`[oa]`, `[- ]`) are
      // alternatives, so that a word spelled with one (`estimad[oa]`) is still read.
      const from = i;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      if (source[i] !== ']') throw new Error('unclosed class');
      const body = source.slice(from, i++);
      if (/^[a-z0-9 -]{1,8}$/.test(body) && !/[^ ]-[^ ]/.test(body)) return { t: 'group', alts: [...new Set(body)].map((ch) => [{ t: 'char', c: ch }]), min: 1, max: 1 };
      return { t: 'set' };
    }
    if (c === '.') return { t: 'set' };
    if (c === '^' || c === '$') return { t: 'zero', b: false };
    if (c === '(') {
      let look = false;
      if (source.startsWith('?:', i)) i += 2;
      else if (source.startsWith('?=', i) || source.startsWith('?!', i)) {
        i += 2;
        look = true;
      } else if (source.startsWith('?<=', i) || source.startsWith('?<!', i)) {
        i += 3;
        look = true;
      } else if (source.startsWith('?<', i)) {
        const close = source.indexOf('>', i);
        if (close < 0) throw new Error('group name');
        i = close + 1;
      } else if (source[i] === '?') throw new Error('group kind');
      const alts = alternatives();
      if (source[i] !== ')') throw new Error('unclosed group');
      i++;
      return look ? { t: 'zero', b: false } : { t: 'group', alts, min: 1, max: 1 };
    }
    if ('*+?{|)'.includes(c)) throw new Error(`unexpected ${c}`);
    return { t: 'char', c };
  };
  const quantified = (atom: Node): Node => {
    const q = source[i];
    let min: number;
    let max: number;
    if (q === '?' || q === '*' || q === '+') {
      min = q === '+' ? 1 : 0;
      max = q === '?' ? 1 : Infinity;
      i++;
    } else if (q === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
      if (!m) throw new Error('quantifier');
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] ? Number(m[3]) : Infinity;
      i += m[0].length;
    } else return atom;
    if (source[i] === '?') i++; // lazy: the same matches, tried in another order
    if (atom.t === 'zero') return atom;
    return { t: 'group', alts: [[atom]], min, max };
  };
  const alts = alternatives();
  if (i !== source.length) throw new Error('unbalanced )');
  return alts.length === 1 ? alts[0]! : [{ t: 'group', alts, min: 1, max: 1 }];
}

const isWordChar = (c: string) => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');

/**
 * The words (runs of a–z and 0–9) one of which every match of a pattern starts with, as a whole word: the match
 * starts where a word of the text starts (the pattern says `\b` first) and that word is one of these. Undefined
 * when that cannot be read from the source: a match may start with another character, or mid-word, or the
 * first word's end depends on a class or a repetition, or there are too many ways to start (over `limit`).
 * Conservative by construction, so a matcher may try the pattern only where one of these words starts.
 */
export function startWords(source: string, limit = 2000): string[] | undefined {
  let nodes: Node[];
  try {
    nodes = parseSource(source);
  } catch {
    return undefined;
  }
  const words = new Set<string>();
  let paths = 0;
  // A continuation: the rest of the enclosing sequences, innermost first.
  type Rest = { seq: Node[]; at: number; next: Rest | undefined } | undefined;
  // Walks one way through the pattern; false when that way gives no whole first word.
  const walk = (seq: Node[], at: number, rest: Rest, prefix: string, boundary: boolean): boolean => {
    if (++paths > limit) return false;
    for (let k = at; k < seq.length; k++) {
      const node = seq[k]!;
      if (node.t === 'zero') {
        if (node.b) {
          if (prefix) return words.add(prefix), true;
          boundary = true;
        }
        continue;
      }
      if (node.t === 'char') {
        if (isWordChar(node.c)) {
          if (!prefix && !boundary) return false;
          prefix += node.c;
          continue;
        }
        // A character that ends a word (upper-case letters too: the text is lower-cased).
        if (!prefix || /[A-Z_]/.test(node.c)) return false;
        return words.add(prefix), true;
      }
      if (node.t === 'space') {
        if (!prefix) return false;
        return words.add(prefix), true;
      }
      if (node.t === 'set') return false;
      // A group: each alternative, then the rest; skipped too when it may occur 0 times. Repeated (max > 1), a
      // word could run on into the next repetition: only a group taken at most once is read through.
      if (node.max > 1) return false;
      const after: Rest = { seq, at: k + 1, next: rest };
      if (node.min === 0 && !walk(seq, k + 1, rest, prefix, boundary)) return false;
      for (const alt of node.alts) if (!walk(alt, 0, after, prefix, boundary)) return false;
      return true;
    }
    // The end of this sequence: on with the enclosing one; the end of the pattern ends no word (the text may go on).
    return rest ? walk(rest.seq, rest.at, rest.next, prefix, boundary) : false;
  };
  return walk(nodes, 0, undefined, '', false) ? [...words] : undefined;
}
