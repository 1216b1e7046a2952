/**
 * What mjml would do with a template's attributes that costs more than linear time, read in one pass over
 * its tags without compiling: attribute values that mjml copies into many elements, values too long for
 * mjml's unit regex (its own or copied), and `<mj-font>` declarations that mjml's font detection turns into
 * regexes. Each is a shape of input whose compile took seconds; a template over a bound is not compiled (the
 * caller reports why, at the span given here). The bounds are far above real templates' (measured on
 * ../shared/corpus/templates, whose 55 MJML templates all compile).
 */
import type { Span } from '../core/types.js';

/**
 * No attribute value (quoted or not) over 8 KB, whatever mjml does with it: fuzz seed 11 #22671,
 * `width="50%{{else}}…"` 140 KB long, spent 1.9 s in the unit regex below. URLs (a `data:` image in `src`) may
 * be long and are not bounded.
 */
export const MJML_MAX_ATTRIBUTE = 8 * 1024;
const URL_ATTRIBUTES = new Set(['src', 'href', 'srcset', 'background-url', 'action', 'url', 'path']);

/**
 * mjml reads the unit of a width (mj-column, mj-group, mj-button, mj-divider, mj-image, mj-table) and of a
 * section's gutter with `/[\d.,]*(\D*)$/`, which tries every position of the value: its length squared, and
 * more than once per element. `width="50%aaa…1"` of 8,000 characters took 0.3 s per column; set in
 * `<mj-all>`, 4,000 characters took 1.8 s on 16 columns of a 5 KB template (a survey of every attribute of
 * every mjml component with long values found these two quadratic, no other). Counted as the sum of
 * (value length)² over the elements a value applies to. Real widths are a few characters (`33.3%`).
 */
export const MJML_UNIT_STEPS = 4_000_000;
const UNIT_ATTRIBUTES = new Set(['width', 'gutter']); // isUnit below checks their lengths, 5 and 6, first

/**
 * Characters of attribute values mjml copies into its output beyond the template's own: `<mj-attributes>`
 * defaults (`mj-all` into every element, `mj-text` into every mj-text, an `mj-class` into every element that
 * names it) and what mj-social, mj-navbar, mj-accordion and mj-carousel hand down to the elements inside them.
 * Its output is then read whole by its font detection, a regex per font (fonts.js), and by every rule.
 * Fuzz seed 12 #20606: an `mj-all` font-family of 150 KB, copied into 55 elements, made 8.3 MB of output from
 * 166 KB and a second of review. Counted as (value length) × (elements it may apply to), an over-estimate; real
 * templates stay near 10^4 (the corpus's largest: 6,655), and 2 million copied characters cost mjml about 0.1 s.
 */
export const MJML_MAX_COPIES = 2_000_000;

/**
 * mjml tests its output for each font it knows (five defaults and each `<mj-font name>`) with
 * `new RegExp(`"[^"]*font-family:[^"]*${name}[^"]*"`, 'gmi')`: fonts × output (1,600 fonts on 355 KB of
 * output: 2.3 s). Real templates declare a few.
 */
export const MJML_MAX_FONTS = 20;

/**
 * Those regexes read a stretch of the output again from each `font-family:` in it: `"[^"]*font-family:[^"]*NAME`
 * runs to the next `"` and back once per occurrence, and for `<mj-style inline="inline">` CSS,
 * `font-family:[^;}]*NAME` to the next `;` or `}`. A stretch of L characters with K occurrences costs K × L per
 * font: `"font-family:font-family:…"` of 48 KB in an mj-text took 1.3 s, in an inline mj-style 2.0 s.
 * Counted over the template from `<mj-body>` on and the values mjml copies, times the fonts
 * (five defaults and the `<mj-font>` names), with the copies themselves (each read at least once per font).
 * Real templates have one `font-family:` per stretch, or a few in a style sheet (the corpus's largest:
 * 46,585); 100 million is about 0.1 s (1,100 of them in 13 KB of mj-text between two quotes).
 */
export const MJML_FONT_STEPS = 100_000_000;

/**
 * Characters of `<mj-style inline="inline">` CSS in all: mjml inlines it into its output with juice, whose time
 * grows with the square of the style sheet (100 KB 0.25 s, 200 KB 1 s; 2 MB of `.a{color:red}` ran 97 s).
 * Real inline styles are a few hundred characters (the corpus's largest: 242).
 */
export const MJML_MAX_INLINE_CSS = 64 * 1024;
const DEFAULT_FONTS = 5;

/**
 * The regex is built from the font's name as written: a name with regex syntax in it is a pattern run over
 * the whole output, and `(a|a)*b` backtracks exponentially on a font-family of 30 letters. Font names have
 * none of these characters.
 */
const PATTERN_CHARS = /[\\|?*+()[\]{}]/;

/**
 * mjml's own work is linear in its elements but large: 0.1 ms (an unknown `<mj-zzz/>`) to 0.4 ms (a section with
 * its column and text, and 600 characters of output) each; 6,000 elements in 136 KB of sections took 1.2 s, and
 * fuzz seed 14 #8339, 19,821 `<mj-zzz/>` in 180 KB, 0.5-0.9 s of review. Real templates have a few hundred
 * (the corpus's largest: 161).
 */
export const MJML_MAX_ELEMENTS = 2_000;

/**
 * mjml rewrites every Outlook conditional comment of its output with
 * `/(<!--\[if\s[^\]]+]>)([\s\S]*?)(<!\[endif]-->)/gm` (minifyOutlookConditionnals.js): from each `<!--[if …]>`
 * it reads on to the next `<![endif]-->`, to the end when there is none. Fuzz seed 14 #8419: 14,355
 * `<!--[if mso]>` never closed in 187 KB, 1.3 billion characters read, 0.33-0.66 s. Counted as the distance
 * from each opener to the next closer in the template; real conditional comments are closed a few hundred
 * characters on.
 */
export const MJML_CONDITIONAL_STEPS = 100_000_000;

/**
 * mjml's parser (mjml-parser-xml) adds each piece of text of an element to its content and trims the whole
 * again (`cur.content = \`${cur.content}${text.trim()}\`.trim()`): a `<` that starts no tag ends a piece, so k
 * of them cost k × the content. Fuzz seed 15 #2201: 3,966 in runs of `<<<<` in 165 KB, 0.5 s. Counted as
 * (such `<`) × (template length), an over-estimate (inside mj-text they cost nothing); real templates write
 * `&lt;`.
 */
export const MJML_TEXT_STEPS = 200_000_000;

/** Elements that hand their attribute values down to the elements inside them. */
const PASSING = new Set(['mj-social', 'mj-navbar', 'mj-accordion', 'mj-accordion-element', 'mj-carousel']);

export interface MjmlCostIssue {
  message: string;
  span: Span;
}

/** An attribute as offsets into the markup (read lazily: most are never looked at). */
interface Attr {
  start: number;
  nameEnd: number;
  valueStart: number;
  valueEnd: number;
  end: number;
}

/**
 * Where copied values come from: their characters, the squares of their unit-read values' lengths, and the
 * longest of each (where a finding points).
 */
interface Source {
  label: string;
  chars: number;
  longest?: Attr;
  unitSquares: number;
  longestUnit?: Attr;
  /** K × L of its values (K: the `font-family:` in a value of L characters). */
  fontSteps: number;
}

/** A source applied to `count` elements: `copies` characters, `steps` of the unit regex, `fontSteps` per font. */
interface Applied {
  source: Source;
  count: number;
  copies: number;
  steps: number;
  fontSteps: number;
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 12 || c === 13;
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * Read the start and end tags of `markup` as htmlparser2 (mjml's parser) does, calling `onTag` for each with its
 * attributes. Comments are skipped; a quote left open ends the text. Every step moves forward: one pass.
 */
function readTags(markup: string, onTag: (name: string, closing: boolean, selfClosing: boolean, attrs: Attr[], end: number, start: number) => void, onStray: (at: number) => void, onComment?: (at: number) => void): void {
  const n = markup.length;
  const stop = (c: number) => isSpace(c) || c === 47 /* / */ || c === 62; /* > */
  let i = markup.indexOf('<');
  while (i >= 0) {
    if (markup.startsWith('<!--', i)) {
      onComment?.(i);
      const close = markup.indexOf('-->', i + 4);
      if (close < 0) return;
      i = markup.indexOf('<', close + 3);
      continue;
    }
    const closing = markup.charCodeAt(i + 1) === 47; /* / */
    let j = closing ? i + 2 : i + 1;
    if (!isLetter(markup.charCodeAt(j))) {
      const c = markup.charCodeAt(i + 1);
      if (c !== 33 /* ! */ && c !== 63 /* ? */) onStray(i);
      i = markup.indexOf('<', i + 1);
      continue;
    }
    const nameStart = j;
    while (j < n && !stop(markup.charCodeAt(j))) j++;
    const name = markup.slice(nameStart, j).toLowerCase();
    const attrs: Attr[] = [];
    let selfClosing = false;
    // Attributes up to the `>` outside quotes.
    while (j < n) {
      const c = markup.charCodeAt(j);
      if (c === 62 /* > */) break;
      if (c === 47 /* / */) selfClosing = markup.charCodeAt(j + 1) === 62;
      if (isSpace(c) || c === 47) {
        j++;
        continue;
      }
      const start = j;
      while (j < n && !stop(markup.charCodeAt(j)) && markup.charCodeAt(j) !== 61 /* = */) j++;
      if (j === start) j++; // a lone `=`
      const nameEnd = j;
      let k = j;
      while (k < n && isSpace(markup.charCodeAt(k))) k++;
      if (markup.charCodeAt(k) !== 61 /* = */) {
        attrs.push({ start, nameEnd, valueStart: j, valueEnd: j, end: j });
        continue;
      }
      k++;
      while (k < n && isSpace(markup.charCodeAt(k))) k++;
      const q = markup.charCodeAt(k);
      if (q === 34 || q === 39) {
        const close = markup.indexOf(q === 34 ? '"' : "'", k + 1);
        j = close < 0 ? n : close + 1;
        attrs.push({ start, nameEnd, valueStart: k + 1, valueEnd: close < 0 ? n : close, end: j });
      } else {
        j = k;
        while (j < n && !isSpace(markup.charCodeAt(j)) && markup.charCodeAt(j) !== 62) j++;
        attrs.push({ start, nameEnd, valueStart: k, valueEnd: j, end: j });
      }
    }
    onTag(name, closing, selfClosing, closing ? [] : attrs, Math.min(j + 1, n), i);
    i = j >= n ? -1 : markup.indexOf('<', j + 1);
  }
}

const FONT_FAMILY = /font-family:/gi;
const isQuote = (c: number) => c === 34;
const isRuleEnd = (c: number) => c === 59 /* ; */ || c === 125; /* } */

/**
 * Σ K × L over the stretches of markup[from, to) between delimiters (L: a stretch's length, K: the
 * `font-family:` in it, as mjml's case-insensitive regex finds them), and the first `font-family:` of the
 * costliest stretch.
 * One pass: the regex runs over the slice, and each stretch is measured once, from where the last one ended.
 */
function stretchSteps(markup: string, from: number, to: number, isDelim: (c: number) => boolean): { steps: number; at: number; worst: number } {
  const out = { steps: 0, at: from, worst: 0 };
  const text = markup.slice(from, to);
  let start = 0;
  let end = -1;
  let first = 0;
  let k = 0;
  let done = 0;
  const flush = () => {
    const s = k * (end - start);
    out.steps += s;
    if (s > out.worst) {
      out.worst = s;
      out.at = from + first;
    }
  };
  FONT_FAMILY.lastIndex = 0;
  for (let m = FONT_FAMILY.exec(text); m; m = FONT_FAMILY.exec(text)) {
    if (m.index >= end) {
      if (k) flush();
      k = 0;
      first = start = m.index;
      while (start > done && !isDelim(text.charCodeAt(start - 1))) start--;
      end = m.index + m[0].length;
      while (end < text.length && !isDelim(text.charCodeAt(end))) end++;
      done = end;
    }
    k++;
  }
  if (k) flush();
  return out;
}

/** The first reason mjml's handling of this template's attributes would cost more than linear time, if any. */
export function mjmlAttributeCost(markup: string): MjmlCostIssue | undefined {
  const length = (a: Attr) => a.valueEnd - a.valueStart;
  const value = (a: Attr) => markup.slice(a.valueStart, a.valueEnd);
  const nameOf = (a: Attr) => markup.slice(a.start, a.nameEnd).toLowerCase();
  const named = (attrs: Attr[], name: string) => attrs.find((a) => a.nameEnd - a.start === name.length && nameOf(a) === name);
  const isUnit = (a: Attr) => (a.nameEnd - a.start === 5 || a.nameEnd - a.start === 6) && UNIT_ATTRIBUTES.has(nameOf(a));
  const source = (label: string): Source => ({ label, chars: 0, unitSquares: 0, fontSteps: 0 });
  const add = (to: Source, a: Attr) => {
    const n = length(a);
    to.chars += n;
    to.fontSteps += stretchSteps(markup, a.valueStart, a.valueEnd, isQuote).steps;
    if (!to.longest || n > length(to.longest)) to.longest = a;
    if (n > 0 && isUnit(a)) {
      to.unitSquares += n * n;
      if (!to.longestUnit || n > length(to.longestUnit)) to.longestUnit = a;
    }
  };

  let long: Attr | undefined;
  const fonts = new Set<string>();
  let fontPattern: Attr | undefined;
  let manyFonts: Attr | undefined;
  // <mj-attributes> defaults, and how many elements each applies to.
  let inAttributes = false;
  let inClass: string | undefined;
  const everywhere = source('<mj-all>');
  const byTag = new Map<string, Source>();
  const byClass = new Map<string, Source>();
  let elements = 0;
  const tagCount = new Map<string, number>();
  const classRefs = new Map<string, number>();
  // An element's own width read by the unit regex.
  let ownSteps = 0;
  let worstOwn: Attr | undefined;
  // Elements handing values down: a stack of the open ones, each with the element count when it opened.
  const open: { tag: string; source: Source; from: number }[] = [];
  const openByTag = new Map<string, number>();
  const applied: Applied[] = [];
  const apply = (from: Source, count: number) => {
    if (count > 0 && from.chars > 0) applied.push({ source: from, count, copies: from.chars * count, steps: from.unitSquares * count, fontSteps: from.fontSteps * count });
  };
  const closeHanded = (o: { tag: string; source: Source; from: number }) => {
    openByTag.set(o.tag, openByTag.get(o.tag)! - 1);
    apply(o.source, elements - o.from);
  };

  // The CSS of inline mj-style blocks, each read from where the last one ended (an unclosed one runs to the end).
  let inlineSteps = 0;
  let inlineAt = 0;
  let inlineWorst = 0;
  let cssDone = 0;
  let styleClose = -1;
  let inlineChars = 0;
  let firstInline: Span | undefined;
  const inlineCss = (from: number) => {
    if (from < cssDone) from = cssDone;
    if (styleClose !== markup.length && styleClose < from) {
      styleClose = markup.indexOf('</mj-style', from);
      if (styleClose < 0) styleClose = markup.length;
    }
    const to = Math.max(from, styleClose);
    inlineChars += to - from;
    const r = stretchSteps(markup, from, to, isRuleEnd);
    inlineSteps += r.steps;
    if (r.worst > inlineWorst) [inlineWorst, inlineAt] = [r.worst, r.at];
    cssDone = to;
  };

  // mjml's font regexes read the body's output (the head's style sheets are not in it).
  let bodyStart = -1;

  let pastElements: Span | undefined;
  let comments = 0;
  let stray = 0;
  let firstStray = 0;

  readTags(markup, (name, closing, selfClosing, attrs, end, start) => {
    if (closing) {
      if (name === 'mj-attributes') inAttributes = false;
      else if (name === 'mj-class') inClass = undefined;
      else if (openByTag.get(name)) {
        // The innermost open element of that name, and those left open inside it (searched only when there is
        // one: each step of the search removes an entry, so the searches together are as long as the pushes).
        for (let k = open.length - 1; k >= 0; k--) {
          if (open[k]!.tag !== name) continue;
          for (const o of open.splice(k).reverse()) closeHanded(o);
          break;
        }
      }
      return;
    }
    for (const a of attrs) if (!long && length(a) > MJML_MAX_ATTRIBUTE && !URL_ATTRIBUTES.has(nameOf(a))) long = a;
    if (name === 'mj-font') {
      const font = named(attrs, 'name');
      if (font) {
        if (!fontPattern && PATTERN_CHARS.test(value(font))) fontPattern = font;
        fonts.add(value(font));
        if (!manyFonts && fonts.size > MJML_MAX_FONTS) manyFonts = font;
      }
      return;
    }
    if (inAttributes) {
      if (inClass !== undefined || name === 'mj-all') {
        // mj-all, and an mj-class's children (defaults for the elements inside one that names the class): counted
        // as applying to every element.
        for (const a of attrs) add(everywhere, a);
      } else if (name === 'mj-class') {
        const nameAttr = named(attrs, 'name');
        const cls = nameAttr ? value(nameAttr) : '';
        let to = byClass.get(cls);
        if (!to) byClass.set(cls, (to = source(`<mj-class name="${cls.slice(0, 40)}">`)));
        for (const a of attrs) if (a !== nameAttr) add(to, a);
        if (!selfClosing) inClass = cls;
      } else {
        let to = byTag.get(name);
        if (!to) byTag.set(name, (to = source(`<${name.slice(0, 40)}> in <mj-attributes>`)));
        for (const a of attrs) add(to, a);
      }
      return;
    }
    if (name === 'mj-attributes') {
      inAttributes = !selfClosing;
      return;
    }
    if (name === 'mj-body' && bodyStart < 0) bodyStart = end;
    if (name === 'mj-style' && !selfClosing) {
      const inline = named(attrs, 'inline');
      if (inline && value(inline) === 'inline') {
        firstInline ??= { start, end };
        inlineCss(end);
      }
    }
    if (!name.startsWith('mj-')) return;
    if (++elements + comments === MJML_MAX_ELEMENTS + 1) pastElements ??= { start, end };
    tagCount.set(name, (tagCount.get(name) ?? 0) + 1);
    for (const a of attrs) {
      if (!isUnit(a)) continue;
      ownSteps += length(a) ** 2;
      if (!worstOwn || length(a) > length(worstOwn)) worstOwn = a;
    }
    const classAttr = named(attrs, 'mj-class');
    if (classAttr) for (const c of value(classAttr).split(' ')) if (c) classRefs.set(c, (classRefs.get(c) ?? 0) + 1);
    if (PASSING.has(name) && !selfClosing) {
      const handed = source(`<${name}>`);
      for (const a of attrs) add(handed, a);
      open.push({ tag: name, source: handed, from: elements });
      openByTag.set(name, (openByTag.get(name) ?? 0) + 1);
    }
  }, (at) => {
    if (stray++ === 0) firstStray = at;
  }, (at) => {
    // mjml keeps comments (keepComments) as nodes of its tree, each costing about what an element does:
    // 2 MB of `<!-- c -->` took 4.5 s to compile.
    if (++comments + elements === MJML_MAX_ELEMENTS + 1) pastElements ??= { start: at, end: at + 4 };
  });
  for (const o of open.reverse()) closeHanded(o);
  apply(everywhere, elements);
  for (const [tag, from] of byTag) apply(from, tagCount.get(tag) ?? 0);
  for (const [cls, from] of byClass) apply(from, classRefs.get(cls) ?? 0);

  const at = (a: Attr): Span => ({ start: a.start, end: Math.min(a.end, a.start + 200) });
  const sum = (k: 'copies' | 'steps' | 'fontSteps') => applied.reduce((t, x) => t + x[k], 0);
  const most = (k: 'copies' | 'steps' | 'fontSteps') => applied.reduce<Applied | undefined>((m, x) => (!m || x[k] > m[k] ? x : m), undefined);
  const copies = sum('copies');
  const w = most('copies');
  if (copies > MJML_MAX_COPIES && w?.source.longest) {
    return {
      message: `MJML would take too long to compile this template (mjml copies the attribute values of ${w.source.label}, ${chars(w.source.chars)}, into each of the ${count(w.count)} elements they apply to: ${chars(copies)} of copies in all, over the bound of ${chars(MJML_MAX_COPIES)}, in an output it then searches whole once per font): not compiled`,
      span: at(w.source.longest),
    };
  }
  if (long) {
    return {
      message: `MJML would take too long to compile this template (the value of its attribute ${markup.slice(long.start, long.nameEnd)} is over ${MJML_MAX_ATTRIBUTE / 1024} KB long, and mjml reads attribute values such as a width's unit with regexes whose time grows with the square of the value's length): not compiled`,
      span: at(long),
    };
  }
  const steps = ownSteps + sum('steps');
  if (steps > MJML_UNIT_STEPS) {
    const u = most('steps');
    const inherited = u?.source.longestUnit && u.steps > (worstOwn ? length(worstOwn) ** 2 : 0) ? u : undefined;
    const attr = inherited ? inherited.source.longestUnit! : worstOwn!;
    const name = markup.slice(attr.start, attr.nameEnd);
    return {
      message: `MJML would take too long to compile this template (mjml reads the unit of a ${name} with a regex whose time grows with the square of the value's length${inherited ? `, for each of the ${count(inherited.count)} elements ${inherited.source.label} applies it to` : ''}: ${count(steps)} steps in all, over the bound of ${count(MJML_UNIT_STEPS)}): not compiled`,
      span: at(attr),
    };
  }
  if (pastElements) {
    return {
      message: `MJML would take too long to compile this template (it has more than ${count(MJML_MAX_ELEMENTS)} MJML elements and comments, and mjml's own work is up to 0.4 ms for each, for an output many times the template's size): not compiled`,
      span: pastElements,
    };
  }
  if (stray * markup.length > MJML_TEXT_STEPS) {
    return {
      message: `MJML would take too long to compile this template (it has ${count(stray)} "<" that start no tag, and mjml's parser copies an element's whole text again at each one; write &lt; for a "<" in text): not compiled`,
      span: { start: firstStray, end: firstStray + 1 },
    };
  }
  const conditional = conditionalSteps(markup);
  if (conditional.steps > MJML_CONDITIONAL_STEPS) {
    return {
      message: `MJML would take too long to compile this template (mjml reads from each Outlook conditional comment <!--[if …]> of its output to the next <![endif]-->, here ${count(conditional.steps)} characters in all, over the bound of ${count(MJML_CONDITIONAL_STEPS)}: are they closed?): not compiled`,
      span: { start: conditional.at, end: Math.min(markup.length, conditional.at + 13) },
    };
  }
  if (inlineChars > MJML_MAX_INLINE_CSS && firstInline) {
    return {
      message: `MJML would take too long to compile this template (its <mj-style inline="inline"> CSS is ${chars(inlineChars)}, over the bound of ${chars(MJML_MAX_INLINE_CSS)}: mjml inlines it with juice, whose time grows with the square of the style sheet's size): not compiled`,
      span: firstInline,
    };
  }
  if (fontPattern) {
    return {
      message: 'MJML would take too long to compile this template (the name of an <mj-font> has regular-expression syntax in it, and mjml searches its output with a pattern made of the name as written, which can take exponential time): not compiled',
      span: at(fontPattern),
    };
  }
  if (manyFonts) {
    return {
      message: `MJML would take too long to compile this template (it declares more than ${MJML_MAX_FONTS} fonts with <mj-font>, and mjml searches its whole output once for each): not compiled`,
      span: at(manyFonts),
    };
  }
  // mjml's font regexes: each font reads the template's own stretches, the copies and the copied values' stretches.
  const own = stretchSteps(markup, Math.max(0, bodyStart), markup.length, isQuote);
  const fontCount = DEFAULT_FONTS + fonts.size;
  const perFont = own.steps + inlineSteps + copies + sum('fontSteps');
  if (fontCount * perFont > MJML_FONT_STEPS) {
    const f = most('fontSteps');
    const spots: [number, Span][] = [[own.worst, { start: own.at, end: Math.min(markup.length, own.at + 200) }], [inlineWorst, { start: inlineAt, end: Math.min(markup.length, inlineAt + 200) }]];
    if (f?.source.longest) spots.push([f.fontSteps, at(f.source.longest)]);
    if (w?.source.longest) spots.push([w.copies, at(w.source.longest)]);
    const span = spots.reduce((a, b) => (b[0] > a[0] ? b : a))[1];
    return {
      message: `MJML would take too long to compile this template (mjml searches its output once for each of its ${fontCount} fonts with a regex that reads a stretch again from each "font-family:" in it: about ${count(fontCount * perFont)} steps, over the bound of ${count(MJML_FONT_STEPS)}): not compiled`,
      span,
    };
  }
  return undefined;
}

/** Σ over `<!--[if` + space of the distance to the next `<![endif]-->` (or the end), and the opener that reads furthest. */
function conditionalSteps(markup: string): { steps: number; at: number } {
  let steps = 0;
  let at = -1;
  let worst = -1;
  let close = -2;
  for (let i = markup.indexOf('<!--[if'); i >= 0; i = markup.indexOf('<!--[if', i + 7)) {
    if (!/\s/.test(markup[i + 7] ?? '')) continue;
    if (close !== -1 && close < i) close = markup.indexOf('<![endif]-->', i);
    const d = (close < 0 ? markup.length : close) - i;
    steps += d;
    if (d > worst) [worst, at] = [d, i];
  }
  return { steps, at };
}

const count = (n: number) => n.toLocaleString('en-US');
const chars = (n: number) => (n >= 1_000_000 ? `${(n / 1_000_000).toFixed(1).replace(/\.0$/, '')} million characters` : `${n.toLocaleString('en-US')} characters`);
