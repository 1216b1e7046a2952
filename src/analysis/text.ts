/**
 * The text a recipient reads, per part, with exact source spans: memoised per TemplateDoc.
 *
 * HTML: the DOM's text nodes, skipping `<head>`, `<style>`, `<script>`, `<title>`, comments and MJML head
 * elements. Text inside hidden elements is kept apart with the reason and the hiding element: display:none,
 * visibility:hidden (unless a descendant sets it visible again), opacity (multiplied down the tree) near 0,
 * zero or tiny font (`font-size`, the `font` shorthand, em/% against the inherited size), zero max-height or
 * width with overflow hidden, off-screen positioning or text-indent, clip/clip-path/scale(0), mso-hide:all,
 * the `hidden` attribute, or a text colour equal or close to its background by WCAG contrast (colours in any
 * CSS form, alpha blended over the inherited background). Styles come from inline `style`, presentational
 * attributes (`bgcolor`, `<font color>`, MJML `color`/`background-color`) and `<style>` sheets with any
 * selector and `!important` (see style.ts). The document title and image alt text are hidden runs too
 * (reasons `title`, `alt`): a filter reads them, a reader of the body does not.
 *
 * Runs hold the masked source (template expressions are U+E000–U+F8FF mask characters): normalise them
 * with `normalizePieces`, which turns each expression into one VAR character.
 */
import type { AnyNode, Element } from 'domhandler';
import type { Part } from '../core/types.js';
import { allElements, attribute, elementsByTag, textNodes, type HtmlPart, type TemplateDoc, type TemplatePart } from './template-doc.js';
import { normalizePieces, VAR, type Normalized, type Piece } from './normalize.js';
import { isSpaceCode } from '../core/chars.js';
import { decodeText } from './entities.js';
import { isUnspacedCode, segmentWords, unspacedEnd } from './words.js';
import type { EngineCaches } from '../core/cache.js';
import {
  backgroundColor, cascadeInto, contrastRatio, fontShorthandSize, fontSizePx, lengthPx, matchSheet, over, parseColor, inlineDeclarations, styleIndex,
  type ColorValue, type Declarations, type Rgb, type Rgba, type SheetMatch,
} from './style.js';
import { Memo } from '../core/memo.js';

export interface TextRun extends Piece {
  /** Source offsets in the part's text; `text` is the masked source between them. */
  end: number;
  /** Element the text sits in (HTML part only). */
  el?: Element;
  /** The text is inside a link (<a>, <mj-button>). */
  inLink?: boolean;
}

export type HiddenReason =
  | 'display-none' | 'visibility-hidden' | 'opacity-0' | 'tiny-font' | 'zero-height' | 'zero-width' | 'hidden-attribute' | 'low-contrast'
  | 'off-screen' | 'clipped' | 'mso-hide' | 'mj-preview'
  /** Text a reader of the body does not see: the document `<title>`, and image `alt` text (shown only when images are off). */
  | 'title' | 'alt';

export interface HiddenRun extends TextRun {
  reason: HiddenReason;
  /** The element that hides the text (the ancestor with display:none, the coloured element...). */
  by: Element;
  /** Detail for messages: the contrast ratio, the font size... */
  detail?: string;
  /** Looks like a preheader (inbox preview text): short, hidden near the top, or named so. */
  preheader: boolean;
}

export interface PartText {
  part: Part;
  /** Visible text runs. */
  runs: TextRun[];
  /** Visible runs plus preheader text (what filters and the inbox preview read). */
  scored: TextRun[];
  /** Text hidden by styling (preheaders included, flagged). */
  hidden: HiddenRun[];
  /** Text a reader of the body never sees and a filter reads: the document title and image alt text (reasons `title`, `alt`). */
  unseen: HiddenRun[];
  /** Links in the HTML part (<a href>, <area href>, <mj-button href>), in document order. */
  links: Element[];
  /** The first `<style>` (`<mj-style>`) element read only in part: more syntax errors than a sheet may cost. */
  cssCut?: Element;
  /** The `<style>` (`<mj-style>`) element where the characters of style sheet read ran out (MAX_SHEETS_READ). */
  cssSizeCut?: Element;
  /** Normalised visible + preheader text (lazily computed, cached). */
  normalized(): Normalized;
  /** Normalised hidden text that is not a preheader (lazily computed, cached); undefined when there is none. */
  hiddenNormalized(): Normalized | undefined;
  /** Words of the normalised text as a reader counts them (lazily computed, cached: several rules ask). */
  wordCount(): WordCount;
}

export interface ContentText {
  subject?: PartText;
  html?: PartText;
  text?: PartText;
  /**
   * Every hidden run of the template, with its reason (only the HTML part hides text): what a filter reads and
   * a reader does not see, as a feature of its own (preheaders included, flagged `preheader`; the title and
   * alt text too, reasons `title` and `alt`), in source order. Always set by contentText().
   */
  hidden?: readonly HiddenRun[];
}

const cache = new Memo<TemplateDoc, ContentText>();

/** The content text if something in this review has already read it; never reads it (limit findings). */
export function contentTextIfRead(doc: TemplateDoc): ContentText | undefined {
  return cache.get(doc);
}

export function contentText(doc: TemplateDoc): ContentText {
  let hit = cache.get(doc);
  if (hit) return hit;
  hit = { hidden: [] };
  if (doc.subject) hit.subject = plainPart(doc.subject);
  if (doc.text) hit.text = plainPart(doc.text);
  if (doc.html) {
    // A head partial that could not be read held <mj-attributes> and <mj-style> nobody can see: the text
    // colours MJML would use are unknown, so no text is judged hidden for its contrast (a dark-themed
    // template's default black text is not low-contrast text; its colour is in the missing partial).
    const coloursUnknown = doc.missingIncludes.some((m) => m.inHead && (m.reason === 'missing' || m.reason === 'unavailable'));
    hit.html = htmlText(doc.html, doc.caches, coloursUnknown ? { minContrast: 0 } : {});
    const h = hit.html;
    hit.hidden = h.unseen.length ? [...h.hidden, ...h.unseen].sort((a, b) => a.start - b.start) : h.hidden;
  }
  cache.set(doc, hit);
  return hit;
}

/** Mask expressions in a plain part the way the HTML part is masked (one mask char per expression char). */
function plainPart(p: TemplatePart): PartText {
  const runs: TextRun[] = [{ text: maskPlain(p), start: 0, end: p.text.length }];
  return lazy({ part: p.part, runs, scored: runs, hidden: [], unseen: [], links: [] }, false);
}

function maskPlain(p: TemplatePart): string {
  const ms = p.scan.mustaches;
  if (!ms.length) return p.text;
  const out: string[] = [];
  let pos = 0;
  for (const m of ms) {
    out.push(p.text.slice(pos, m.span.start), '\uE000'.repeat(m.span.end - m.span.start));
    pos = m.span.end;
  }
  out.push(p.text.slice(pos));
  return out.join('');
}

function lazy(p: Omit<PartText, 'normalized' | 'hiddenNormalized' | 'wordCount'>, entities: boolean): PartText {
  let n: Normalized | undefined;
  let h: Normalized | null | undefined;
  let w: WordCount | undefined;
  const normalized = () => (n ??= normalizePieces(p.scored, { entities }));
  return {
    ...p,
    normalized,
    wordCount() {
      w ??= countWords(normalized().text);
      return { ...w };
    },
    hiddenNormalized() {
      if (h === undefined) {
        const runs = p.hidden.filter((r) => !r.preheader);
        h = runs.length ? normalizePieces(runs, { entities, maps: true }) : null;
      }
      return h ?? undefined;
    },
  };
}

const SKIP = new Set(['head', 'style', 'script', 'title', 'template', 'noscript', 'xml', 'mj-head', 'mj-style', 'mj-attributes', 'mj-font', 'mj-breakpoint', 'mj-html-attributes', 'mj-title']);
const MJ_DEFAULTS: Record<string, { color?: string; bg?: string }> = {
  'mj-button': { color: '#ffffff', bg: '#414141' },
};
/** A character that renders as nothing but space: whitespace or an invisible (default-ignorable) one. */
const INVISIBLE = String.raw`[\s\p{Default_Ignorable_Code_Point}]`;
/** Text that renders as nothing but spaces (after its character references are decoded). */
const FILLER = new RegExp(`^${INVISIBLE}*$`, 'u');

/** The longest preheader, in characters a reader could see (see readableLength). */
const PREHEADER_MAX = 300;
const INVISIBLE_RUN = new RegExp(`${INVISIBLE}+`, 'gu');

/**
 * The characters of a text run that render as something, each run of spaces and invisible characters
 * counted as one: a preheader padded with `&nbsp;&zwnj;` (the usual way to keep the body out of the inbox
 * preview) is as long as its words, not as its 6-character entity references. Decoded only when it has a
 * reference or a non-ASCII character; most runs are plain.
 */
function readableLength(text: string): number {
  const plain = !/[&\u0080-\uffff]/.test(text);
  return (plain ? text : decodeText(text)).replace(INVISIBLE_RUN, ' ').length;
}

/**
 * Can the text be filler (see FILLER)? Only if it has no ASCII letter or digit outside a character reference:
 * a cheap scan, so that decoding and the Unicode test run only on the few candidates.
 */
function mayBeFiller(text: string): boolean {
  let inRef = false;
  let any = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x26) {
      inRef = true;
      any = true;
    } else if (inRef) {
      if (c === 0x3b) inRef = false;
      else if (!((c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c === 0x23)) inRef = false;
    } else if ((c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a)) return false;
    else if (c > 0x7f) {
      if (!maybeBlankCode(c)) return false;
      any = true;
    }
  }
  return any;
}

/** Non-ASCII code units that may be blank (spaces, invisible characters, surrogates of tag characters): a superset. */
function maybeBlankCode(c: number): boolean {
  return (
    c === 0xa0 || c === 0xad || c === 0x34f || c === 0x61c || c === 0x115f || c === 0x1160 || c === 0x1680 || (c >= 0x17b4 && c <= 0x17b5) ||
    (c >= 0x180b && c <= 0x180f) || (c >= 0x2000 && c <= 0x206f) || c === 0x3000 || c === 0x3164 || (c >= 0xd800 && c <= 0xdfff) ||
    (c >= 0xfe00 && c <= 0xfe0f) || c === 0xfeff || c === 0xffa0 || (c >= 0xfff0 && c <= 0xfff8)
  );
}
const PREHEADER_NAME = /pre-?header|preview|snippet|inbox-?text/i;
const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgba = [0, 0, 0, 1];

/** Inherited rendering state. Fixed shape (every field always present) keeps the hot walk monomorphic. */
interface State {
  /** Text colour as set (alpha included); null: unknown (a template expression, an MJML default...). */
  color: Rgba | null;
  /** The opaque colour behind the text; null: unknown (an image, a gradient, an expression). */
  bg: Rgb | null;
  /** Effective font size in px (inherited; a descendant may set it back: MJML puts font-size:0 on layout cells). */
  fontPx: number | undefined;
  fontEl: Element | undefined;
  fontValue: string | undefined;
  link: boolean;
  /** Product of the opacities of the element and its ancestors. */
  opacity: number;
  /** Contrast ratio of color on bg, computed when either changes. */
  contrast: number | undefined;
  hidden: { reason: HiddenReason; by: Element; detail?: string } | undefined;
}

function previewState(base: State, el: Element): State {
  const s = cloneState(base);
  s.hidden = { reason: 'mj-preview', by: el };
  return s;
}

function cloneState(p: State): State {
  return { color: p.color, bg: p.bg, fontPx: p.fontPx, fontEl: p.fontEl, fontValue: p.fontValue, link: p.link, opacity: p.opacity, contrast: p.contrast, hidden: p.hidden };
}

export interface HtmlTextOptions {
  /** Contrast ratio under which text counts as hidden (WCAG ratio; 1 = same colour). */
  minContrast?: number;
  /** Font size in px under which text counts as hidden. */
  minFontPx?: number;
}

function htmlText(html: HtmlPart, caches: EngineCaches, options: HtmlTextOptions = {}): PartText {
  const minContrast = options.minContrast ?? 1.5;
  const minFont = options.minFontPx ?? 3;
  const mjml = html.kind === 'mjml';
  // Style sheets: the raw text of each <style> (<mj-style>) element the parser saw, as a mail client's HTML
  // parser sees them (not one inside <title> or a comment), from the element index.
  const sheets: string[] = [];
  const sheetElements: Element[] = [];
  const src = html.masked;
  for (const el of elementsByTag(html, mjml ? 'mj-style' : 'style')) {
    let css = '';
    for (const c of el.children) if (c.type === 'text' && c.startIndex != null && c.endIndex != null) css += src.slice(c.startIndex, c.endIndex + 1);
    if (css) {
      sheets.push(css);
      sheetElements.push(el);
    }
  }
  const index = styleIndex(sheets, mjml, caches);
  const cssCut = index?.cut ? sheetElements[index.cut[0]!] : undefined;
  const cssSizeCut = index?.sizeCut !== undefined ? sheetElements[index.sizeCut] : undefined;
  const sheet = index ? matchSheet(index, allElements(html), (tag) => elementsByTag(html, tag)) : undefined;
  // MJML defaults set in <mj-attributes> or mj-class: colours we cannot see from the element itself.
  // (Is there a colour after the first <mj-attributes: one search from there, not a lazy scan from each one.)
  const mjAttributes = mjml ? src.search(/<mj-attributes/i) : -1;
  const mjColorsUnknown = mjml && (/mj-class=/i.test(src) || (mjAttributes >= 0 && /(?:color|background-color)=/i.test(src.slice(mjAttributes))));

  const runs: TextRun[] = [];
  const hidden: HiddenRun[] = [];
  const initial: State = {
    color: mjColorsUnknown ? null : BLACK, bg: WHITE, fontPx: undefined, fontEl: undefined, fontValue: undefined, link: false, opacity: 1,
    contrast: mjColorsUnknown ? undefined : 21, hidden: undefined,
  };
  const ctx: WalkContext = { sheet: sheet?.size ? sheet : undefined, mjml, minFont, effects: new Map(), caches };
  // States are computed only for the elements that hold text (and their ancestors), from the text nodes the
  // element index already found: most elements of email HTML are layout around whitespace. null = skipped.
  const memo = new Map<Element, State | null>();
  const headBase = new Map<Element, State>();
  const stateOf = (el: Element): State | null => {
    const hit = memo.get(el);
    if (hit !== undefined) return hit;
    const chain: Element[] = [];
    let base: State | null = initial;
    for (let p: Element | null = el; p && (p as AnyNode).type !== 'root'; p = p.parent as Element | null) {
      const m = memo.get(p);
      if (m !== undefined) {
        base = m;
        break;
      }
      chain.push(p);
    }
    for (let k = chain.length - 1; k >= 0; k--) {
      const e = chain[k]!;
      const parent = e.parent as Element | null;
      let s: State | null;
      if (parent && parent.name === 'mj-head' && (parent as AnyNode).type !== 'root') {
        // Only the preview text in the MJML head is read.
        const b = e.name === 'mj-preview' ? headBase.get(parent) : undefined;
        s = b ? previewState(b, e) : null;
      } else if (base === null) s = null;
      else if (e.name === 'mj-preview') s = previewState(base, e);
      else if (e.name === 'mj-head') {
        headBase.set(e, base);
        s = null;
      } else if (SKIP.has(e.name)) s = null;
      else s = elementState(e, base, ctx);
      memo.set(e, s);
      base = s;
    }
    return base;
  };
  const parentState = (node: AnyNode): State | null => {
    const parent = node.parent as Element | null;
    return !parent || (parent as AnyNode).type === 'root' ? initial : stateOf(parent);
  };

  let visibleChars = 0;
  let sawPreheader = false;
  /** The hidden run taken for a preheader by its place alone (first in the body), and the visible text before it. */
  let positionalPreheader: { index: number; visibleChars: number } | undefined;
  const texts = textNodes(html);
  for (let t = 0; t < texts.length && t < 500_000; t++) {
    const node = texts[t]!;
    const start = node.startIndex;
    const endIdx = node.endIndex;
    if (start == null || endIdx == null) continue;
    // Most text nodes of email HTML are the indentation between tags: skip them without slicing.
    let k = start;
    while (k <= endIdx && isSpaceCode(src.charCodeAt(k))) k++;
    if (k > endIdx) continue;
    const state = parentState(node);
    if (!state) continue;
    const text = src.slice(start, endIdx + 1);
    if (mayBeFiller(text) && FILLER.test(decodeText(text))) continue;
    const parent = node.parent as Element | null;
    const run: TextRun = { text, start, end: endIdx + 1 };
    if (parent && (parent as AnyNode).type !== 'root') run.el = parent;
    if (state.link) run.inLink = true;
    let h = state.hidden;
    if (!h && state.fontPx !== undefined && state.fontPx < minFont && state.fontEl) h = { reason: 'tiny-font', by: state.fontEl, ...(state.fontValue ? { detail: state.fontValue } : {}) };
    if (!h && state.contrast !== undefined && state.contrast < minContrast && parent) h = { reason: 'low-contrast', by: parent as Element, detail: state.contrast.toFixed(2) };
    if (h) {
      const named = PREHEADER_NAME.test(`${h.by.attribs?.class ?? ''} ${h.by.attribs?.id ?? ''} ${h.by.attribs?.['css-class'] ?? ''}`);
      const short = readableLength(text) <= PREHEADER_MAX;
      const positional = !named && h.reason !== 'mj-preview' && short && !sawPreheader && visibleChars < 60;
      const preheader = h.reason === 'mj-preview' || (short && (named || positional));
      if (preheader) sawPreheader = true;
      if (positional) positionalPreheader = { index: hidden.length, visibleChars };
      hidden.push({ ...run, reason: h.reason, by: h.by, ...(h.detail ? { detail: h.detail } : {}), preheader });
    } else {
      runs.push(run);
      visibleChars += trimmedLength(text, k - start);
    }
  }
  // A preheader previews the body in the inbox: hidden text that no visible text follows (a body of images
  // and hidden words, the 2004 phishing of a bank logo above near-white filler) previews nothing.
  if (positionalPreheader && visibleChars === positionalPreheader.visibleChars) hidden[positionalPreheader.index]!.preheader = false;
  // Text a filter reads and a reader does not see in the body: the document title and image alt text.
  const extra: HiddenRun[] = [];
  for (const el of elementsByTag(html, mjml ? 'mj-title' : 'title')) {
    for (const c of el.children) {
      if (c.type !== 'text' || c.startIndex == null || c.endIndex == null) continue;
      const text = src.slice(c.startIndex, c.endIndex + 1);
      if (text.trim()) extra.push({ text, start: c.startIndex, end: c.endIndex + 1, el, reason: 'title', by: el, preheader: false });
    }
  }
  for (const el of elementsByTag(html, mjml ? 'mj-image' : 'img')) {
    if (el.attribs.alt === undefined || !el.attribs.alt.trim() || parentState(el) === null) continue;
    const alt = attribute(html, el, 'alt');
    if (alt && alt.span.end > alt.span.start) extra.push({ text: src.slice(alt.span.start, alt.span.end), start: alt.span.start, end: alt.span.end, el, reason: 'alt', by: el, preheader: false });
  }
  // Links (<a>, <area>, <mj-button> with an href) outside skipped elements, in document order.
  const links = elementsByTag(html, 'a', 'area', 'mj-button').filter((el) => el.attribs.href !== undefined && parentState(el) !== null);
  const preheaders = hidden.filter((h) => h.preheader);
  const scored = preheaders.length ? [...runs, ...preheaders].sort((a, b) => a.start - b.start) : runs;
  return lazy({ part: 'html', runs, scored, hidden, unseen: extra, links, ...(cssCut ? { cssCut } : {}), ...(cssSizeCut ? { cssSizeCut } : {}) }, true);
}

const NO_DECLS: Declarations = new Map();

/** text.trim().length without the copy; `lead` = the whitespace already counted at its start. */
function trimmedLength(text: string, lead: number): number {
  let end = text.length;
  while (end > lead && isSpaceCode(text.charCodeAt(end - 1))) end--;
  return end - lead;
}

/**
 * What an element does to the inherited state, computed from the attributes it has (see `readAttrs`) and the
 * style-sheet rules that match it. Email HTML repeats the same elements (`<td class="content-cell" style="…">`)
 * many times, so each distinct signature is resolved once per document: its inline style parsed, cascaded
 * over the matched rules, its colours read.
 */
interface Effect {
  /** The element changes nothing: its children inherit the parent's state object. */
  noop: boolean;
  link: boolean;
  hide: HiddenReason | undefined;
  /** `visibility: visible`: shows text inside a `visibility: hidden` ancestor. */
  visible: boolean;
  opacity: number | undefined;
  /** The font-size value (read against the parent's size when the state is computed). */
  fontValue: string | undefined;
  /** undefined: inherited; null: unknown (a template expression, a background image...). */
  color: Rgba | 'currentcolor' | null | undefined;
  bg: Rgba | 'currentcolor' | null | undefined;
  /** Child state per parent state, for effects whose result does not name the element (no hiding, no tiny font). */
  next: Map<State, State> | undefined;
  /** The attributes this effect was computed from, and the next effect whose attributes share their hash. */
  attrs: Attrs;
  collided: Effect | undefined;
}

interface WalkContext {
  /** Declarations from the style sheets, for the elements their rules match. */
  sheet: Map<Element, SheetMatch> | undefined;
  mjml: boolean;
  minFont: number;
  /** Effects by the hash of their attributes (Attrs.hash); entries are verified field by field. */
  effects: Map<number, Effect>;
  /** The engine's caches (inline styles, colours). */
  caches: EngineCaches;
}

/**
 * The attributes `elementEffect` reads, read in one pass over the element's attributes (a fixed shape, so the
 * reads after it are monomorphic), the style-sheet rules that match the element, and `hash`: a hash of the tag,
 * those attributes and rules. Elements whose Attrs are equal (`sameAttrs`) have equal effects. A hash, not a
 * string key made of the values: the values are mostly long inline styles, and a string key is built,
 * flattened and hashed again for every element.
 */
interface Attrs {
  hash: number;
  tag: string;
  /** style, bgcolor, color, background or hidden is present (what can matter without a style sheet). */
  styled: boolean;
  sheet: SheetMatch | undefined;
  style: string | undefined;
  bgcolor: string | undefined;
  color: string | undefined;
  background: string | undefined;
  hidden: boolean;
  fontSize: string | undefined;
  backgroundColor: string | undefined;
  containerBackgroundColor: string | undefined;
  backgroundUrl: string | undefined;
}

function readAttrs(tag: string, a: Record<string, string>, sheet: SheetMatch | undefined): Attrs {
  const r: Attrs = { hash: 0, tag, styled: false, sheet, style: undefined, bgcolor: undefined, color: undefined, background: undefined, hidden: false, fontSize: undefined, backgroundColor: undefined, containerBackgroundColor: undefined, backgroundUrl: undefined };
  let h = mix(0x811c9dc5, 0, tag);
  if (sheet) h = Math.imul(h ^ (sheet.id + 0x20000), 0x01000193);
  for (const name in a) {
    const v = a[name]!;
    switch (name) {
      case 'style':
        r.style = v;
        r.styled = true;
        h = mix(h, 3, v);
        break;
      case 'bgcolor':
        r.bgcolor = v;
        r.styled = true;
        h = mix(h, 4, v);
        break;
      case 'color':
        r.color = v;
        r.styled = true;
        h = mix(h, 5, v);
        break;
      case 'background':
        r.background = v;
        r.styled = true;
        h = mix(h, 6, v);
        break;
      case 'hidden':
        r.hidden = true;
        r.styled = true;
        h = mix(h, 7, '');
        break;
      case 'font-size':
        r.fontSize = v;
        h = mix(h, 9, v);
        break;
      case 'background-color':
        r.backgroundColor = v;
        h = mix(h, 10, v);
        break;
      case 'container-background-color':
        r.containerBackgroundColor = v;
        h = mix(h, 11, v);
        break;
      case 'background-url':
        r.backgroundUrl = v;
        h = mix(h, 12, v);
        break;
    }
  }
  r.hash = h & 0x3fffffff;
  return r;
}

/** The hash `readAttrs` gives an element (exported for tests: they need elements whose hashes collide). */
export function attrsHash(tag: string, attribs: Record<string, string>): number {
  return readAttrs(tag, attribs, undefined).hash;
}

/** FNV-1a of a field number and a value, continuing from `h`. */
function mix(h: number, field: number, v: string): number {
  h = Math.imul(h ^ (field + 0x10000), 0x01000193);
  for (let k = 0; k < v.length; k++) h = Math.imul(h ^ v.charCodeAt(k), 0x01000193);
  return h;
}

function sameAttrs(x: Attrs, y: Attrs): boolean {
  return (
    x.tag === y.tag && x.sheet === y.sheet && x.style === y.style && x.bgcolor === y.bgcolor && x.color === y.color &&
    x.background === y.background && x.hidden === y.hidden && x.fontSize === y.fontSize &&
    x.backgroundColor === y.backgroundColor && x.containerBackgroundColor === y.containerBackgroundColor && x.backgroundUrl === y.backgroundUrl
  );
}

/** Elements whose text is link text (what `State.link` and `Effect.link` record). */
function isLinkTag(tag: string): boolean {
  return tag === 'a' || tag === 'mj-button' || tag === 'mj-navbar-link';
}

function withLink(parent: State, isLink: boolean): State {
  if (!isLink || parent.link) return parent;
  const s = cloneState(parent);
  s.link = true;
  return s;
}

function elementState(el: Element, parent: State, ctx: WalkContext): State {
  const tag = el.name;
  const isLink = isLinkTag(tag);
  // Hidden stays hidden, except that `visibility: visible` shows a child of `visibility: hidden`.
  if (parent.hidden && parent.hidden.reason !== 'visibility-hidden') return withLink(parent, isLink);
  const a = readAttrs(tag, el.attribs ?? {}, ctx.sheet?.get(el));
  // Fast path: nothing on this element can change visibility or colours.
  if (!a.sheet && !ctx.mjml && !isLink && !a.styled) return parent;
  const first = ctx.effects.get(a.hash);
  let eff = first;
  while (eff && !sameAttrs(eff.attrs, a)) eff = eff.collided;
  if (!eff) {
    eff = elementEffect(tag, a, ctx);
    eff.collided = first;
    if (ctx.effects.size < 20_000) ctx.effects.set(a.hash, eff);
  }
  if (parent.hidden && !eff.visible) return withLink(parent, isLink);
  if (eff.noop) return parent;
  const cached = eff.next?.get(parent);
  if (cached) return cached;
  const state = cloneState(parent);
  if (eff.visible) state.hidden = undefined;
  if (eff.link) state.link = true;
  if (eff.hide) {
    state.hidden = { reason: eff.hide, by: el };
    return state;
  }
  if (eff.opacity !== undefined) {
    state.opacity = parent.opacity * eff.opacity;
    if (state.opacity <= 0.05) {
      state.hidden = { reason: 'opacity-0', by: el };
      return state;
    }
  }
  let named = false;
  if (eff.fontValue !== undefined) {
    const px = fontSizePx(eff.fontValue, parent.fontPx ?? 16);
    if (px !== undefined) {
      state.fontPx = px;
      state.fontValue = eff.fontValue;
      // The element is only needed to point at a tiny font; other states are shared between elements.
      state.fontEl = px < ctx.minFont ? el : undefined;
      named = state.fontEl !== undefined;
    }
  }
  if (eff.color !== undefined) state.color = eff.color === 'currentcolor' ? parent.color : eff.color;
  if (eff.bg !== undefined) {
    const bg = eff.bg === 'currentcolor' ? state.color : eff.bg;
    if (bg === null) state.bg = null;
    else if (bg[3] >= 1) state.bg = [bg[0], bg[1], bg[2]];
    else if (bg[3] > 0) state.bg = parent.bg ? over(bg, parent.bg) : null;
    // a transparent background shows the parent's
  }
  if (state.color !== parent.color || state.bg !== parent.bg || parent.contrast === undefined) {
    // A translucent text colour is what it looks like over its background.
    state.contrast = state.color && state.bg ? contrastRatio(over(state.color, state.bg), state.bg) : undefined;
  }
  if (!named) (eff.next ??= new Map()).set(parent, state);
  return state;
}

/** An HTML legacy colour attribute (`bgcolor="ffffff"`, `<font color="red">`): a CSS colour, or bare hex digits. */
function legacyColor(v: string, caches: EngineCaches): ColorValue {
  const t = v.trim();
  return parseColor(/^[0-9a-f]{6}$|^[0-9a-f]{3}$/i.test(t) ? `#${t}` : t, caches);
}

/** opacity: a number or a percentage; undefined when unknown. */
function opacityOf(v: string): number | undefined {
  const m = /^(-?(?:\d+(?:\.\d+)?|\.\d+))(%)?$/.exec(v);
  if (!m) return undefined;
  const n = parseFloat(m[1]!) / (m[2] ? 100 : 1);
  return Math.min(1, Math.max(0, n));
}

const OFF_SCREEN_PX = 1000;

function isZero(v: string | undefined): boolean {
  return v !== undefined && lengthPx(v) === 0;
}

function farOff(v: string | undefined): boolean {
  if (v === undefined) return false;
  const px = lengthPx(v);
  return px !== undefined && px <= -OFF_SCREEN_PX;
}

/** How the declarations hide the element's content, if they do. */
function hidingReason(d: Declarations, a: Attrs, mjml: boolean): HiddenReason | undefined {
  if (a.hidden && !mjml) return 'hidden-attribute';
  const v = (name: string) => d.get(name)?.value;
  if (v('display') === 'none') return 'display-none';
  if (v('mso-hide') === 'all') return 'mso-hide';
  const visibility = v('visibility');
  if (visibility === 'hidden' || visibility === 'collapse') return 'visibility-hidden';
  const overflow = `${v('overflow') ?? ''} ${v('overflow-x') ?? ''} ${v('overflow-y') ?? ''}`;
  if (/hidden|clip/.test(overflow)) {
    if (isZero(v('max-height')) || isZero(v('height'))) return 'zero-height';
    if (isZero(v('max-width')) || isZero(v('width'))) return 'zero-width';
  }
  const position = v('position');
  const positioned = position === 'absolute' || position === 'fixed';
  if ((positioned && (farOff(v('left')) || farOff(v('top')))) || farOff(v('text-indent'))) return 'off-screen';
  const transform = v('transform');
  if (transform) {
    if (/\bscale[xy]?\(\s*0(?:\.0+)?\s*[,)]/.test(transform)) return 'clipped';
    const t = /\btranslate(?:x|y|3d)?\(\s*([^,)\s]+)/.exec(transform);
    if (t && farOff(t[1])) return 'off-screen';
  }
  const clip = v('clip');
  if (positioned && clip) {
    const nums = /^rect\(([^)]*)\)$/.exec(clip)?.[1]?.split(/[\s,]+/).filter(Boolean);
    if (nums && nums.length === 4 && nums.every((n) => (lengthPx(n) ?? 2) <= 1)) return 'clipped';
  }
  const clipPath = v('clip-path');
  if (clipPath && (/^inset\(\s*(?:[5-9]\d|100)%/.test(clipPath) || /^circle\(\s*0(?:px|%)?\s*[)a]/.test(clipPath))) return 'clipped';
  return undefined;
}

function elementEffect(tag: string, a: Attrs, ctx: WalkContext): Effect {
  const { mjml, caches } = ctx;
  const isLink = isLinkTag(tag);
  const eff: Effect = { noop: false, link: isLink, hide: undefined, visible: false, opacity: undefined, fontValue: undefined, color: undefined, bg: undefined, next: undefined, attrs: a, collided: undefined };
  let decls = a.sheet?.decls ?? NO_DECLS;
  if (a.style) {
    // Email HTML repeats the same inline styles: parse each distinct one once (see inlineDeclarations).
    const inline = inlineDeclarations(a.style, caches);
    if (inline.size) {
      if (decls === NO_DECLS) decls = inline;
      else {
        // Inline declarations win over the sheets' unless a sheet's is !important and theirs is not.
        const into: Declarations = new Map(decls);
        inline.forEach((d, k) => cascadeInto(into, k, d));
        decls = into;
      }
    }
  }
  if (decls.size === 0 && !mjml && !isLink && a.bgcolor === undefined && a.color === undefined && a.background === undefined && !a.hidden) {
    eff.noop = true;
    return eff;
  }
  eff.hide = hidingReason(decls, a, mjml);
  eff.visible = decls.get('visibility')?.value === 'visible';
  if (eff.hide) return eff;
  const opacity = decls.get('opacity')?.value;
  if (opacity !== undefined) eff.opacity = opacityOf(opacity);
  const font = decls.get('font-size')?.value ?? (decls.has('font') ? fontShorthandSize(decls.get('font')!.value) : undefined) ?? (mjml ? a.fontSize : undefined);
  if (font !== undefined) eff.fontValue = font;

  // Colours. Unknown values (template expressions, var(), gradients) make the pair unknown.
  const mjDefault = mjml ? MJ_DEFAULTS[tag] : undefined;
  const color = decls.get('color')?.value ?? (mjml ? a.color ?? mjDefault?.color : tag === 'font' ? a.color : undefined);
  if (color !== undefined && color !== 'inherit') eff.color = (tag === 'font' && !decls.has('color') ? legacyColor(color, caches) : parseColor(color, caches)) ?? null;
  else if (tag === 'a' && color === undefined) eff.color = null; // link colour is the client's unless styled
  const bgImage = decls.has('background-image') && decls.get('background-image')!.value !== 'none';
  const background = decls.get('background')?.value;
  const bgColor = decls.get('background-color')?.value;
  let bg: ColorValue | 'image' | undefined;
  if (bgColor !== undefined && bgColor !== 'inherit') bg = parseColor(bgColor, caches);
  else if (background !== undefined && background !== 'inherit') bg = backgroundColor(background, caches);
  else if (a.bgcolor !== undefined) bg = legacyColor(a.bgcolor, caches);
  else if (mjml) {
    const m = a.backgroundColor ?? a.containerBackgroundColor ?? mjDefault?.bg;
    if (m !== undefined) bg = parseColor(m, caches);
  }
  if (bgImage || bg === 'image' || a.background !== undefined || (mjml && a.backgroundUrl !== undefined)) eff.bg = null;
  else if (bgColor !== undefined || background !== undefined || a.bgcolor !== undefined || bg !== undefined) eff.bg = bg ?? null;
  return eff;
}

export interface WordCount {
  /** Words of scripts written with spaces (runs of letters/digits with at least one letter). */
  latin: number;
  /** Words of scripts written without spaces (Chinese, Japanese, Thai...), as Intl.Segmenter splits them. */
  cjk: number;
  /** Template expressions. */
  vars: number;
  total: number;
}

/** Count words in normalised text as a reader does (see words.ts), and variables separately. */
export function countWords(text: string): WordCount {
  let latin = 0;
  let cjk = 0;
  let vars = 0;
  let inWord = false;
  let hasLetter = false;
  const varCode = VAR.charCodeAt(0);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x0e00 && isUnspacedCode(code)) {
      if (inWord && hasLetter) latin++;
      inWord = false;
      const end = unspacedEnd(text, i);
      segmentWords(text, i, end, () => cjk++);
      i = end - 1;
      continue;
    }
    const letter = (code >= 0x61 && code <= 0x7a) || (code >= 0xc0 && LETTER.test(text[i]!));
    const digit = code >= 0x30 && code <= 0x39;
    if (letter || digit || code === 0x27) {
      if (!inWord) {
        inWord = true;
        hasLetter = false;
      }
      if (letter) hasLetter = true;
      continue;
    }
    if (inWord) {
      if (hasLetter) latin++;
      inWord = false;
    }
    if (code === varCode) vars++;
  }
  if (inWord && hasLetter) latin++;
  return { latin, cjk, vars, total: latin + cjk };
}

const LETTER = /\p{L}/u;
