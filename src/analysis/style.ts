/**
 * CSS as a mail client applies it, for hidden-text detection: inline `style` declarations read with css-tree's
 * tokenizer, `<style>` sheets parsed by css-tree, selectors of any shape (descendant, child, attribute,
 * structural pseudo-classes) matched by css-select, the cascade by `!important`, specificity and order, and
 * colours in every CSS form (hex with alpha, `rgb()` in numbers or percentages, `hsl()`, `hwb()`, `lab()`,
 * `lch()`, the 148 named colours, `transparent`, `currentColor`) read by colord, with WCAG contrast.
 *
 * Rules inside `@media` apply only when the query holds on a desktop reader (`screen`, `all`, no feature):
 * responsive and dark-mode rules hide and recolour for some readers only. Rules with pseudo-elements or
 * interaction pseudo-classes (`:hover`) never describe what a reader sees first, and are skipped.
 */
import * as csstree from 'css-tree/dist/csstree.esm';
import { compile } from 'css-select';
import type { Element } from 'domhandler';
import { colord, extend } from 'colord';
import namesPlugin from 'colord/plugins/names';
import a11yPlugin from 'colord/plugins/a11y';
import hwbPlugin from 'colord/plugins/hwb';
import labPlugin from 'colord/plugins/lab';
import lchPlugin from 'colord/plugins/lch';
import { detached } from '../core/detach.js';
import { parseSheetBounded } from './css-sheet.js';
import { cacheKey, textKey, type EngineCaches } from '../core/cache.js';

extend([namesPlugin, a11yPlugin, hwbPlugin, labPlugin, lchPlugin]);

export interface Decl {
  /** Lower-cased, trimmed, without `!important`. */
  value: string;
  important: boolean;
}
export type Declarations = Map<string, Decl>;

/** Properties hidden-text detection reads; others are dropped when a declaration block is read. */
const RELEVANT = new Set([
  'display', 'visibility', 'opacity', 'font-size', 'font', 'color', 'background', 'background-color', 'background-image',
  'max-height', 'height', 'max-width', 'width', 'overflow', 'overflow-x', 'overflow-y', 'position', 'left', 'top', 'text-indent',
  'mso-hide', 'clip', 'clip-path', 'transform',
]);

const T = csstree.tokenTypes;

/**
 * The relevant declarations of a declaration list (an inline `style`, or a rule's block), read with css-tree's
 * tokenizer (strings, comments, escapes and `url()` as CSS reads them); within the list a later declaration
 * wins unless an earlier one is `!important`.
 */
export function parseDeclarations(style: string, into: Declarations = new Map()): Declarations {
  let name: string | undefined; // property whose value is being read
  let sawColon = false;
  let valueStart = -1;
  let valueEnd = -1;
  let depth = 0;
  let bang = -1; // start of a `!` delimiter at depth 0 in the value
  let important = false;
  const finish = () => {
    if (name !== undefined && sawColon && valueStart >= 0 && RELEVANT.has(name)) {
      let value = style.slice(valueStart, bang >= 0 && important ? bang : valueEnd);
      if (value.includes('/*')) value = value.replace(/\/\*[\s\S]*?(?:\*\/|$)/g, ' ');
      value = value.trim().toLowerCase();
      const prev = into.get(name);
      if (value && (important || !prev?.important)) into.set(name, { value, important });
    }
    name = undefined;
    sawColon = false;
    valueStart = valueEnd = bang = -1;
    depth = 0;
    important = false;
  };
  csstree.tokenize(style, (type, start, end) => {
    if (type === T.Comment) return;
    if (depth === 0 && type === T.Semicolon) return finish();
    if (name === undefined) {
      if (type === T.Ident) name = style.slice(start, end).toLowerCase();
      return;
    }
    if (!sawColon) {
      if (type === T.Colon) sawColon = true;
      else if (type !== T.WhiteSpace) name = undefined; // not a declaration: skip to the next semicolon
      return;
    }
    if (type === T.WhiteSpace) return;
    if (type === T.Function || type === T.LeftParenthesis || type === T.LeftSquareBracket || type === T.LeftCurlyBracket) depth++;
    else if ((type === T.RightParenthesis || type === T.RightSquareBracket || type === T.RightCurlyBracket) && depth > 0) depth--;
    if (valueStart < 0) valueStart = start;
    if (depth === 0 && type === T.Delim && style.charCodeAt(start) === 0x21) {
      bang = start;
      important = false;
    } else if (bang >= 0 && type === T.Ident && style.slice(start, end).toLowerCase() === 'important') important = true;
    else if (bang >= 0 && type !== T.Delim) bang = -1;
    valueEnd = end;
  });
  finish();
  return into;
}

/** Inline `style` attribute text → its declarations. */
export const INLINE_STYLES = cacheKey<string, Declarations>('style.inline', 5000);

/**
 * parseDeclarations for an inline `style` attribute, remembered across the documents of an engine (templates
 * of one sender repeat the same inline styles); the result is shared: treat it as read-only.
 */
export function inlineDeclarations(style: string, caches: EngineCaches): Declarations {
  if (style.length > MAX_KEPT_INLINE) return parseDeclarations(style);
  const cache = caches.get(INLINE_STYLES);
  let d = cache.get(style);
  if (!d) {
    // Parsed from a copy: the values are slices of the text parsed, and the cache must not keep the
    // document's source alive (see detach.ts).
    const own = detached(style);
    d = parseDeclarations(own);
    cache.set(own, d);
  }
  return d;
}

/** A style rule of a sheet: one selector (a selector list becomes one rule per selector). */
interface SheetRule {
  selector: string;
  match: (el: Element) => boolean;
  /** Specificity as a*10000 + b*100 + c. */
  specificity: number;
  order: number;
  decls: Declarations;
  /** How candidates are found: by the key (rightmost) compound's id, class or tag, or every element. */
  key: { kind: 'id' | 'class' | 'tag' | 'any'; name: string };
}

export interface StyleIndex {
  rules: SheetRule[];
  /** Sheets (their positions in the list styleIndex got) read only in part: too many syntax errors. */
  cut?: number[];
  /** The sheet where MAX_SHEETS_READ ran out: it was read in part, the sheets after it not at all. */
  sizeCut?: number;
}

/**
 * Characters of style sheet read per document. Reading a sheet costs ~1 µs a character (css-tree's parse and
 * the rules' selectors): a 2 MB `<style>` of valid rules took a review 1.1 s, and only syntax errors were
 * bounded (css-sheet.ts). Real email sheets are tens of kilobytes (the corpus's largest: 18 KB).
 */
export const MAX_SHEETS_READ = 256 * 1024;

/** Where a sheet read up to `n` characters ends: after its last `}` before `n` (at `n` when there is none). */
function cutAt(css: string, n: number): number {
  const k = css.lastIndexOf('}', n - 1);
  return k < 0 ? n : k + 1;
}

/** Style sheets (by `textKey` of their text, the text kept to confirm a hit) → their index. */
export const STYLE_INDEXES = cacheKey<string, { text: string; index: StyleIndex | undefined }>('style.sheets', 200);

/**
 * Texts longer than these are parsed without being kept: a cache holds copies of its keys (detach.ts), and
 * 5,000 inline styles or 200 sheets of a few megabytes each (hostile templates in a batch) would keep
 * gigabytes. Real inline styles are under a kilobyte, real sheets tens of kilobytes, and a long one is
 * rarely repeated.
 */
const MAX_KEPT_INLINE = 4096;
const MAX_KEPT_SHEETS = 128 * 1024;
const MAX_KEPT_COLOR = 256;

/**
 * The rules of a document's style sheets (the text of each `<style>` block) that hidden-text detection
 * reads, or undefined when there are none. Cached by the sheets' text: senders reuse one sheet for many
 * templates. `mjml`: MJML's `css-class` attribute carries the classes its output will have.
 */
export function styleIndex(sheets: readonly string[], mjml: boolean, caches: EngineCaches): StyleIndex | undefined {
  if (!sheets.length) return undefined;
  const text = (mjml ? 'mjml\u0000' : '') + (sheets.length === 1 ? sheets[0]! : sheets.join('\u0000'));
  const indexCache = text.length <= MAX_KEPT_SHEETS ? caches.get(STYLE_INDEXES) : undefined;
  const hit = indexCache?.get(textKey(text));
  if (hit && hit.text === text) return hit.index;
  // Parsed and kept as copies: the cache must not keep the document's source alive (see detach.ts).
  const rules: SheetRule[] = [];
  const cut: number[] = [];
  let left = MAX_SHEETS_READ;
  let sizeCut: number | undefined;
  sheets.forEach((css, i) => {
    if (sizeCut !== undefined) return;
    let read = css;
    if (css.length > left) {
      read = css.slice(0, cutAt(css, left));
      sizeCut = i;
    }
    left -= read.length;
    if (readSheet(detached(read), mjml, rules)) cut.push(i);
  });
  const index = rules.length || cut.length || sizeCut !== undefined ? { rules, ...(cut.length ? { cut } : {}), ...(sizeCut !== undefined ? { sizeCut } : {}) } : undefined;
  if (indexCache) {
    const ownText = detached(text);
    indexCache.set(textKey(ownText), { text: ownText, index });
  }
  return index;
}

/** Media queries a desktop mail reader matches: no query, a media type of screen or all, nothing else. */
const DESKTOP_MEDIA = /^(?:only\s+)?(?:screen|all)(?:\s*,\s*(?:only\s+)?(?:screen|all|print))*$/i;
/** Pseudo-classes that describe an interaction or a state no first reading has. */
const INTERACTIVE = new Set(['hover', 'focus', 'active', 'visited', 'focus-within', 'focus-visible', 'target', 'checked']);

/** Reads a sheet's rules into `rules`; true when it was read only in part (parseSheetBounded). */
function readSheet(css: string, mjml: boolean, rules: SheetRule[]): boolean {
  // css-tree recovers from syntax errors; parseSheet keeps that recovery linear on a badly broken sheet.
  const visit = (children: { forEach(fn: (node: csstree.CssNode) => void): void }) => {
    children.forEach((node) => {
      if (node.type === 'Atrule') {
        if (node.name.toLowerCase() !== 'media' || !node.block) return;
        const query = node.prelude ? csstree.generate(node.prelude).trim() : '';
        if (query === '' || DESKTOP_MEDIA.test(query)) visit(node.block.children);
        return;
      }
      if (node.type !== 'Rule' || node.prelude.type !== 'SelectorList') return;
      const decls: Declarations = new Map();
      node.block.children.forEach((d) => {
        if (d.type !== 'Declaration' || !RELEVANT.has(d.property.toLowerCase())) return;
        const value = (d.value.type === 'Raw' ? d.value.value : csstree.generate(d.value)).trim().toLowerCase();
        const name = d.property.toLowerCase();
        const important = d.important === true || d.important === 'important';
        if (value && (important || !decls.get(name)?.important)) decls.set(name, { value, important });
      });
      if (!decls.size) return;
      node.prelude.children.forEach((sel) => {
        if (sel.type !== 'Selector') return;
        const rule = sheetRule(sel, decls, rules.length, mjml);
        if (rule) rules.push(rule);
      });
    });
  };
  const { nodes, cut } = parseSheetBounded(css);
  visit(nodes);
  return cut;
}

function sheetRule(sel: csstree.Selector, decls: Declarations, order: number, mjml: boolean): SheetRule | undefined {
  let a = 0;
  let b = 0;
  let c = 0;
  let skip = false;
  let key: SheetRule['key'] = { kind: 'any', name: '' };
  let keyRank = 0; // id 3 > class 2 > tag 1 within the rightmost compound
  csstree.walk(sel, (node) => {
    switch (node.type) {
      case 'Combinator':
        key = { kind: 'any', name: '' };
        keyRank = 0;
        break;
      case 'IdSelector':
        a++;
        if (keyRank < 3) [key, keyRank] = [{ kind: 'id', name: node.name }, 3];
        break;
      case 'ClassSelector':
        b++;
        if (keyRank < 2) [key, keyRank] = [{ kind: 'class', name: node.name }, 2];
        break;
      case 'AttributeSelector':
        b++;
        break;
      case 'PseudoClassSelector': {
        const name = node.name.toLowerCase();
        if (INTERACTIVE.has(name)) skip = true;
        if (name !== 'not' && name !== 'is' && name !== 'where' && name !== 'has') b++;
        break;
      }
      case 'PseudoElementSelector':
        skip = true;
        break;
      case 'TypeSelector':
        if (node.name !== '*') {
          c++;
          if (keyRank < 1) [key, keyRank] = [{ kind: 'tag', name: node.name.toLowerCase() }, 1];
        }
        break;
    }
  });
  // A key found inside :not()/:is() would not be a requirement: only trust it when the selector has none.
  const selector = csstree.generate(sel);
  if (skip || /:(?:not|is|where|has)\(/i.test(selector)) key = { kind: 'any', name: '' };
  if (skip) return undefined;
  // MJML: `.x` names `class` in raw HTML and `css-class` on MJML elements.
  const query = mjml ? selector.replace(/\.(-?[_a-zA-Z][\w-]*)/g, ':is(.$1,[css-class~="$1"])') : selector;
  let match: (el: Element) => boolean;
  try {
    match = compile(query, { xmlMode: false }) as (el: Element) => boolean;
  } catch {
    return undefined; // a selector css-select cannot read (an unknown pseudo-class) matches nothing we know of
  }
  return { selector, match, specificity: a * 10000 + b * 100 + c, order, decls, key };
}

/**
 * The declarations each element gets from the sheets (cascaded by importance, specificity and order), for the
 * elements any rule matches. Candidates come from the key compound of each selector (by id, class or tag, as
 * browsers index rules), so a rule is only tested on elements that could match it.
 */
export function matchSheet(index: StyleIndex, elements: readonly Element[], byTag: (tag: string) => readonly Element[]): Map<Element, SheetMatch> {
  let byId: Map<string, Element[]> | undefined;
  let byClass: Map<string, Element[]> | undefined;
  const indexAttrs = () => {
    byId = new Map();
    byClass = new Map();
    for (const el of elements) {
      const id = el.attribs.id;
      if (id) push(byId, id, el);
      const cls = el.attribs.class;
      if (cls) for (const c of cls.split(/[\t\n\f\r ]+/)) if (c) push(byClass, c, el);
      // MJML: css-class names the classes of the element's output (see sheetRule).
      const cssClass = el.attribs['css-class'];
      if (cssClass) for (const c of cssClass.split(/[\t\n\f\r ]+/)) if (c) push(byClass, c, el);
    }
  };
  const hits = new Map<Element, SheetRule[]>();
  for (const rule of index.rules) {
    let candidates: readonly Element[];
    if (rule.key.kind === 'tag') candidates = byTag(rule.key.name);
    else if (rule.key.kind === 'any') candidates = elements;
    else {
      if (!byId) indexAttrs();
      candidates = (rule.key.kind === 'id' ? byId! : byClass!).get(rule.key.name) ?? [];
    }
    for (const el of candidates) {
      let ok: boolean;
      try {
        ok = rule.match(el);
      } catch {
        ok = false; // css-select on a malformed tree: the rule does not apply
      }
      if (!ok) continue;
      const list = hits.get(el);
      if (list) list.push(rule);
      else hits.set(el, [rule]);
    }
  }
  const out = new Map<Element, SheetMatch>();
  const signatures = new Map<string, SheetMatch>();
  for (const [el, list] of hits) {
    if (list.length > 1) list.sort((x, y) => x.specificity - y.specificity || x.order - y.order);
    // Elements matched by the same rules share one result (and one signature, for the effect cache).
    const sig = list.map((r) => r.order).join(',');
    let m = signatures.get(sig);
    if (!m) {
      const decls: Declarations = new Map();
      for (const r of list) r.decls.forEach((d, k) => cascadeInto(decls, k, d));
      m = { id: signatures.size + 1, decls };
      signatures.set(sig, m);
    }
    out.set(el, m);
  }
  return out;
}

export interface SheetMatch {
  /** Elements with equal ids were matched by the same rules. */
  id: number;
  decls: Declarations;
}

function push(m: Map<string, Element[]>, k: string, el: Element): void {
  const l = m.get(k);
  if (!l) m.set(k, [el]);
  else if (l[l.length - 1] !== el) l.push(el); // class="a a", or class and css-class naming one class
}

/** Apply one declaration over what the cascade has so far (an `!important` one is only beaten by another). */
export function cascadeInto(decls: Declarations, name: string, d: Decl): void {
  if (d.important || !decls.get(name)?.important) decls.set(name, d);
}

// ---- colours -------------------------------------------------------------------------------------

/** r, g, b 0–255 and alpha 0–1. */
export type Rgba = [number, number, number, number];
export type Rgb = [number, number, number];

/** A colour value: a colour, `currentColor`, or undefined when unknown (a template expression, var(), a typo). */
export type ColorValue = Rgba | 'currentcolor' | undefined;

/** CSS colour value → colour (undefined when unknown). */
export const COLORS = cacheKey<string, ColorValue>('style.colors', 2000);

/** A CSS colour value read by colord; remembered in the engine's caches when given them. */
export function parseColor(value: string | undefined, caches?: EngineCaches): ColorValue {
  if (!value) return undefined;
  const colorCache = value.length <= MAX_KEPT_COLOR ? caches?.get(COLORS) : undefined;
  if (colorCache) {
    const hit = colorCache.get(value);
    if (hit !== undefined || colorCache.has(value)) return hit;
  }
  let c: ColorValue;
  const v = value.trim();
  if (v.toLowerCase() === 'currentcolor') c = 'currentcolor';
  else {
    const x = colord(v);
    if (x.isValid()) {
      const { r, g, b, a } = x.toRgb();
      c = [r, g, b, a];
    }
  }
  colorCache?.set(detached(value), c);
  return c;
}

/** The colour layer of a `background` shorthand; 'image' when it paints an image or gradient (colours unknown). */
export function backgroundColor(value: string, caches?: EngineCaches): ColorValue | 'image' {
  if (/url\(|gradient\(|image\(/.test(value)) return 'image';
  const direct = parseColor(value, caches);
  if (direct) return direct;
  for (const token of splitTopLevel(value)) {
    const c = parseColor(token, caches);
    if (c) return c;
  }
  return undefined;
}

/** Whitespace-separated components of a value, keeping parenthesised groups (`rgb(1, 2, 3)`) whole. */
export function splitTopLevel(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= value.length; i++) {
    const ch = value[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (i === value.length || (depth === 0 && (ch === ' ' || ch === '\t' || ch === '\n' || ch === '/'))) {
      if (i > start) out.push(value.slice(start, i));
      if (ch === '/') out.push('/');
      start = i + 1;
    }
  }
  return out;
}

/** `top` painted over an opaque `under` with the top's alpha (`alpha` multiplies it, e.g. an opacity). */
export function over(top: Rgba, under: Rgb, alpha = 1): Rgb {
  const a = top[3] * alpha;
  return [top[0] * a + under[0] * (1 - a), top[1] * a + under[1] * (1 - a), top[2] * a + under[2] * (1 - a)];
}

/** WCAG 2 contrast ratio, 1 (same colour) to 21 (black on white). */
export function contrastRatio(a: Rgb, b: Rgb): number {
  return colord({ r: a[0], g: a[1], b: a[2] }).contrast({ r: b[0], g: b[1], b: b[2] });
}

// ---- lengths -------------------------------------------------------------------------------------

const FONT_KEYWORDS: Record<string, number> = { 'xx-small': 9, 'x-small': 10, small: 13, medium: 16, large: 18, 'x-large': 24, 'xx-large': 32, 'xxx-large': 48 };

/**
 * Font size in CSS px, relative units read against the parent's size (`parentPx`, 16 when unknown);
 * undefined when it cannot be known (a template expression, `calc()`, `inherit`).
 */
export function fontSizePx(value: string | undefined, parentPx = 16): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  const kw = FONT_KEYWORDS[v];
  if (kw !== undefined) return kw;
  if (v === 'smaller') return parentPx / 1.2;
  if (v === 'larger') return parentPx * 1.2;
  const n = lengthPx(v, parentPx);
  return n === undefined ? undefined : Math.max(0, n);
}

/** The font size in a `font` shorthand (`bold 12px/1.4 Arial` → 12px, `0/0 a` → 0), as font-size reads it. */
export function fontShorthandSize(value: string): string | undefined {
  for (const token of splitTopLevel(value)) {
    if (token === '/') return undefined;
    const size = token.split('/')[0]!;
    if (FONT_KEYWORDS[size] !== undefined || size === 'smaller' || size === 'larger') return size;
    // A number as `\d+(?:\.\d+)?|\.\d+` (what `\d*\.?\d+` means, without two runs of digits that meet: a long
    // run of digits tried every split of it).
    if (/^(?:(?:\d+(?:\.\d+)?|\.\d+)(?:px|pt|em|rem|%|pc|in|cm|mm|q)|0)$/.test(size)) return size;
  }
  return undefined;
}

/** A CSS length in px (`em`/`%` of `relativeTo`), or undefined for anything else. */
export function lengthPx(value: string, relativeTo = 16): number | undefined {
  const m = /^([+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:e[+-]?\d+)?)(px|pt|pc|in|cm|mm|q|em|rem|%)?$/.exec(value.trim());
  if (!m) return undefined;
  const n = parseFloat(m[1]!);
  if (n === 0) return 0;
  switch (m[2]) {
    case undefined:
      return undefined; // only 0 may omit its unit
    case 'pt':
      return (n * 4) / 3;
    case 'pc':
      return n * 16;
    case 'in':
      return n * 96;
    case 'cm':
      return (n * 96) / 2.54;
    case 'mm':
      return (n * 96) / 25.4;
    case 'q':
      return (n * 96) / 101.6;
    case 'em':
      return n * relativeTo;
    case 'rem':
      return n * 16;
    case '%':
      return (n / 100) * relativeTo;
    default:
      return n;
  }
}
