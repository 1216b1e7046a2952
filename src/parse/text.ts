/**
 * The text a recipient reads, per part, with exact source spans: memoised per TemplateDoc.
 *
 * HTML: the DOM's text nodes, skipping `<head>`, `<style>`, `<script>`, `<title>`, comments and MJML head
 * elements. Text inside hidden elements (display:none, visibility:hidden, opacity 0, zero or tiny font,
 * max-height 0 with overflow hidden, the `hidden` attribute, or a text colour equal or close to its
 * background by WCAG contrast) is kept apart with the reason and the hiding element. Styles come from
 * inline `style`, presentational attributes (`bgcolor`, `<font color>`, MJML `color`/`background-color`)
 * and simple `<style>` rules (tag, .class, #id), so class-based hiding is seen too.
 *
 * Runs hold the masked source (template expressions are U+E000–U+F8FF mask characters): normalise them
 * with `normalizePieces`, which turns each expression into one VAR character.
 */
import type { AnyNode, Element } from 'domhandler';
import type { Part } from '../core/types.js';
import { elementsByTag, textNodes, type HtmlPart, type TemplateDoc, type TemplatePart } from './template-doc.js';
import { isSpaceCode, normalizePieces, VAR, type Normalized, type Piece } from './normalize.js';
import { backgroundColor, contrastRatio, fontSizePx, matchRules, parseColor, relevantDeclarations, styleIndex, type Rgb, type StyleIndex } from './style.js';

export interface TextRun extends Piece {
  /** Source offsets in the part's text; `text` is the masked source between them. */
  end: number;
  /** Element the text sits in (HTML part only). */
  el?: Element;
  /** The text is inside a link (<a>, <mj-button>). */
  inLink?: boolean;
}

export type HiddenReason = 'display-none' | 'visibility-hidden' | 'opacity-0' | 'tiny-font' | 'zero-height' | 'hidden-attribute' | 'low-contrast' | 'mj-preview';

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
  hidden: HiddenRun[];
  /** Links in the HTML part (<a href>, <area href>, <mj-button href>), in document order. */
  links: Element[];
  /** Normalised visible + preheader text (lazily computed, cached). */
  normalized(): Normalized;
}

export interface ContentText {
  subject?: PartText;
  html?: PartText;
  text?: PartText;
}

const cache = new WeakMap<TemplateDoc, ContentText>();

export function contentText(doc: TemplateDoc): ContentText {
  let hit = cache.get(doc);
  if (hit) return hit;
  hit = {};
  if (doc.subject) hit.subject = plainPart(doc.subject);
  if (doc.text) hit.text = plainPart(doc.text);
  if (doc.html) hit.html = htmlText(doc.html);
  cache.set(doc, hit);
  return hit;
}

/** Mask expressions in a plain part the way the HTML part is masked (one mask char per expression char). */
function plainPart(p: TemplatePart): PartText {
  const runs: TextRun[] = [{ text: maskPlain(p), start: 0, end: p.text.length }];
  return lazy({ part: p.part, runs, scored: runs, hidden: [], links: [] }, false);
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

function lazy(p: Omit<PartText, 'normalized'>, entities: boolean): PartText {
  let n: Normalized | undefined;
  return {
    ...p,
    normalized() {
      n ??= normalizePieces(p.scored, { entities });
      return n;
    },
  };
}

const SKIP = new Set(['head', 'style', 'script', 'title', 'template', 'noscript', 'xml', 'mj-head', 'mj-style', 'mj-attributes', 'mj-font', 'mj-breakpoint', 'mj-html-attributes', 'mj-title']);
const MJ_DEFAULTS: Record<string, { color?: string; bg?: string }> = {
  'mj-button': { color: '#ffffff', bg: '#414141' },
};
// eslint-disable-next-line no-misleading-character-class
const FILLER = /^(?:\s|&(?:nbsp|zwnj|zwj|shy|#8203|#847|#x200b|#xfeff|#65279|#8204|#x200c|#160|#xa0|#173);|[\u00A0\u00AD\u034F\u200B-\u200D\u2060\uFEFF])*$/i;
const PREHEADER_NAME = /pre-?header|preview|snippet|inbox-?text/i;

/** Inherited rendering state. Fixed shape (every field always present) keeps the hot walk monomorphic. */
interface State {
  color: Rgb | null;
  bg: Rgb | null;
  /** Effective font size in px (inherited; a descendant may set it back: MJML puts font-size:0 on layout cells). */
  fontPx: number | undefined;
  fontEl: Element | undefined;
  fontValue: string | undefined;
  link: boolean;
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
  return { color: p.color, bg: p.bg, fontPx: p.fontPx, fontEl: p.fontEl, fontValue: p.fontValue, link: p.link, contrast: p.contrast, hidden: p.hidden };
}

export interface HtmlTextOptions {
  /** Contrast ratio under which text counts as hidden (WCAG ratio; 1 = same colour). */
  minContrast?: number;
  /** Font size in px under which text counts as hidden. */
  minFontPx?: number;
}

function htmlText(html: HtmlPart, options: HtmlTextOptions = {}): PartText {
  const minContrast = options.minContrast ?? 1.5;
  const minFont = options.minFontPx ?? 3;
  const mjml = html.kind === 'mjml';
  // Style sheets: the raw text of each <style> (<mj-style>) element the parser saw, as a mail client's HTML
  // parser sees them (not one inside <title> or a comment), from the element index.
  const sheets: string[] = [];
  const src = html.masked;
  for (const el of elementsByTag(html, mjml ? 'mj-style' : 'style')) {
    let css = '';
    for (const c of el.children) if (c.type === 'text' && c.startIndex != null && c.endIndex != null) css += src.slice(c.startIndex, c.endIndex + 1);
    if (css) sheets.push(css);
  }
  const index = styleIndex(sheets);
  // MJML defaults set in <mj-attributes> or mj-class: colours we cannot see from the element itself.
  // (Is there a colour after the first <mj-attributes: one search from there, not a lazy scan from each one.)
  const mjAttributes = mjml ? src.search(/<mj-attributes/i) : -1;
  const mjColorsUnknown = mjml && (/mj-class=/i.test(src) || (mjAttributes >= 0 && /(?:color|background-color)=/i.test(src.slice(mjAttributes))));

  const runs: TextRun[] = [];
  const hidden: HiddenRun[] = [];
  const initial: State = { color: mjColorsUnknown ? null : [0, 0, 0], bg: [255, 255, 255], fontPx: undefined, fontEl: undefined, fontValue: undefined, link: false, contrast: mjColorsUnknown ? undefined : 21, hidden: undefined };
  const ctx: WalkContext = { index, mjml, minFont, effects: new Map(), styleCache: new Map() };
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
    if ((text.includes('&') || text.charCodeAt(0) > 0x7f) && FILLER.test(text)) continue;
    const parent = node.parent as Element | null;
    const run: TextRun = { text, start, end: endIdx + 1 };
    if (parent && (parent as AnyNode).type !== 'root') run.el = parent;
    if (state.link) run.inLink = true;
    let h = state.hidden;
    if (!h && state.fontPx !== undefined && state.fontPx < minFont && state.fontEl) h = { reason: 'tiny-font', by: state.fontEl, ...(state.fontValue ? { detail: state.fontValue } : {}) };
    if (!h && state.contrast !== undefined && state.contrast < minContrast && parent) h = { reason: 'low-contrast', by: parent as Element, detail: state.contrast.toFixed(2) };
    if (h) {
      const named = PREHEADER_NAME.test(`${h.by.attribs?.class ?? ''} ${h.by.attribs?.id ?? ''} ${h.by.attribs?.['css-class'] ?? ''}`);
      const short = text.replace(/\s+/g, ' ').length <= 300;
      const preheader = h.reason === 'mj-preview' || (short && (named || (!sawPreheader && visibleChars < 60)));
      if (preheader) sawPreheader = true;
      hidden.push({ ...run, reason: h.reason, by: h.by, ...(h.detail ? { detail: h.detail } : {}), preheader });
    } else {
      runs.push(run);
      visibleChars += trimmedLength(text, k - start);
    }
  }
  // Links (<a>, <area>, <mj-button> with an href) outside skipped elements, in document order.
  const links = elementsByTag(html, 'a', 'area', 'mj-button').filter((el) => el.attribs.href !== undefined && parentState(el) !== null);
  const preheaders = hidden.filter((h) => h.preheader);
  const scored = preheaders.length ? [...runs, ...preheaders].sort((a, b) => a.start - b.start) : runs;
  return lazy({ part: 'html', runs, scored, hidden, links }, true);
}

const NO_DECLS: Map<string, string> = new Map();

/** text.trim().length without the copy; `lead` = the whitespace already counted at its start. */
function trimmedLength(text: string, lead: number): number {
  let end = text.length;
  while (end > lead && isSpaceCode(text.charCodeAt(end - 1))) end--;
  return end - lead;
}

/**
 * What an element does to the inherited state, computed from the attributes it has (see `readAttrs`). Email
 * HTML repeats the same elements (`<td class="content-cell" style="…">`) many times, so each distinct
 * signature is resolved once per document: its style rules matched, its inline style parsed, its colours read.
 */
interface Effect {
  /** The element changes nothing: its children inherit the parent's state object. */
  noop: boolean;
  link: boolean;
  hide: HiddenReason | undefined;
  fontPx: number | undefined;
  fontValue: string | undefined;
  /** undefined: inherited; null: unknown (a template expression, currentColor, a background image...). */
  color: Rgb | null | undefined;
  bg: Rgb | null | undefined;
  /** Child state per parent state, for effects whose result does not name the element (no hiding, no tiny font). */
  next: Map<State, State> | undefined;
  /** The attributes this effect was computed from, and the next effect whose attributes share their hash. */
  attrs: Attrs;
  collided: Effect | undefined;
}

interface WalkContext {
  index: StyleIndex | undefined;
  mjml: boolean;
  minFont: number;
  /** Effects by the hash of their attributes (Attrs.hash); entries are verified field by field. */
  effects: Map<number, Effect>;
  styleCache: Map<string, Map<string, string>>;
}

/**
 * The attributes `elementEffect` reads, read in one pass over the element's attributes (a fixed shape, so the
 * reads after it are monomorphic), and `hash`: a hash of the tag and those attributes. Elements whose Attrs are
 * equal (`sameAttrs`) have equal effects. A hash, not a string key made of the values: the values are mostly
 * long inline styles, and a string key is built, flattened and hashed again for every element.
 */
interface Attrs {
  hash: number;
  tag: string;
  /** style, bgcolor, color, background or hidden is present (what can matter without a style sheet). */
  styled: boolean;
  class: string | undefined;
  id: string | undefined;
  style: string | undefined;
  bgcolor: string | undefined;
  color: string | undefined;
  background: string | undefined;
  hidden: boolean;
  cssClass: string | undefined;
  fontSize: string | undefined;
  backgroundColor: string | undefined;
  containerBackgroundColor: string | undefined;
  backgroundUrl: string | undefined;
}

function readAttrs(tag: string, a: Record<string, string>): Attrs {
  const r: Attrs = { hash: 0, tag, styled: false, class: undefined, id: undefined, style: undefined, bgcolor: undefined, color: undefined, background: undefined, hidden: false, cssClass: undefined, fontSize: undefined, backgroundColor: undefined, containerBackgroundColor: undefined, backgroundUrl: undefined };
  let h = mix(0x811c9dc5, 0, tag);
  for (const name in a) {
    const v = a[name]!;
    switch (name) {
      case 'class':
        r.class = v;
        h = mix(h, 1, v);
        break;
      case 'id':
        r.id = v;
        h = mix(h, 2, v);
        break;
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
      case 'css-class':
        r.cssClass = v;
        h = mix(h, 8, v);
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
  return readAttrs(tag, attribs).hash;
}

/** FNV-1a of a field number and a value, continuing from `h`. */
function mix(h: number, field: number, v: string): number {
  h = Math.imul(h ^ (field + 0x10000), 0x01000193);
  for (let k = 0; k < v.length; k++) h = Math.imul(h ^ v.charCodeAt(k), 0x01000193);
  return h;
}

function sameAttrs(x: Attrs, y: Attrs): boolean {
  return (
    x.tag === y.tag && x.class === y.class && x.id === y.id && x.style === y.style && x.bgcolor === y.bgcolor && x.color === y.color &&
    x.background === y.background && x.hidden === y.hidden && x.cssClass === y.cssClass && x.fontSize === y.fontSize &&
    x.backgroundColor === y.backgroundColor && x.containerBackgroundColor === y.containerBackgroundColor && x.backgroundUrl === y.backgroundUrl
  );
}

/** Elements whose text is link text (what `State.link` and `Effect.link` record). */
function isLinkTag(tag: string): boolean {
  return tag === 'a' || tag === 'mj-button' || tag === 'mj-navbar-link';
}

function elementState(el: Element, parent: State, ctx: WalkContext): State {
  const tag = el.name;
  const isLink = isLinkTag(tag);
  if (parent.hidden) {
    if (!isLink || parent.link) return parent;
    const s = cloneState(parent);
    s.link = true;
    return s;
  }
  const a = readAttrs(tag, el.attribs ?? {});
  // Fast path: nothing on this element can change visibility or colours.
  if (!ctx.index && !ctx.mjml && !isLink && !a.styled) return parent;
  const first = ctx.effects.get(a.hash);
  let eff = first;
  while (eff && !sameAttrs(eff.attrs, a)) eff = eff.collided;
  if (!eff) {
    eff = elementEffect(tag, a, ctx);
    eff.collided = first;
    if (ctx.effects.size < 20_000) ctx.effects.set(a.hash, eff);
  }
  if (eff.noop) return parent;
  const cached = eff.next?.get(parent);
  if (cached) return cached;
  const state = cloneState(parent);
  if (eff.link) state.link = true;
  if (eff.hide) {
    state.hidden = { reason: eff.hide, by: el };
    return state;
  }
  let named = false;
  if (eff.fontPx !== undefined) {
    state.fontPx = eff.fontPx;
    state.fontValue = eff.fontValue;
    // The element is only needed to point at a tiny font; other states are shared between elements.
    state.fontEl = eff.fontPx < ctx.minFont ? el : undefined;
    named = state.fontEl !== undefined;
  }
  if (eff.color !== undefined) state.color = eff.color;
  if (eff.bg !== undefined) state.bg = eff.bg;
  if (state.color !== parent.color || state.bg !== parent.bg || parent.contrast === undefined) {
    state.contrast = state.color && state.bg ? contrastRatio(state.color, state.bg) : undefined;
  }
  if (!named) (eff.next ??= new Map()).set(parent, state);
  return state;
}

const NO_CLASSES: string[] = [];

/** The element's classes (`class`, and MJML's `css-class`), lower-cased; split on whitespace as `\\s+` would. */
function classList(a: Attrs): string[] {
  const c = a.class;
  const cc = a.cssClass;
  if (!c && !cc) return NO_CLASSES;
  const s = (cc ? `${c ?? ''} ${cc}` : c!).toLowerCase();
  const out: string[] = [];
  const n = s.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpaceCode(s.charCodeAt(i))) i++;
    let j = i;
    while (j < n && !isSpaceCode(s.charCodeAt(j))) j++;
    if (j > i) out.push(s.slice(i, j));
    i = j;
  }
  return out;
}

function elementEffect(tag: string, a: Attrs, ctx: WalkContext): Effect {
  const { index, mjml } = ctx;
  const isLink = isLinkTag(tag);
  const eff: Effect = { noop: false, link: isLink, hide: undefined, fontPx: undefined, fontValue: undefined, color: undefined, bg: undefined, next: undefined, attrs: a, collided: undefined };
  let decls = NO_DECLS;
  if (index && (a.class || a.id || a.cssClass || index.byTag.has(tag))) {
    decls = matchRules(index, tag, a.id?.toLowerCase(), classList(a)) ?? NO_DECLS;
  }
  if (a.style) {
    // Email HTML repeats the same inline styles: parse each distinct one once per document.
    let inline = ctx.styleCache.get(a.style);
    if (!inline) {
      inline = relevantDeclarations(a.style);
      if (ctx.styleCache.size < 10_000) ctx.styleCache.set(a.style, inline);
    }
    if (inline.size) {
      if (decls === NO_DECLS) decls = inline;
      else {
        const into = decls; // a new map from matchRules
        inline.forEach((v, k) => into.set(k, v));
      }
    }
  }
  if (decls.size === 0 && !mjml && !isLink && a.bgcolor === undefined && a.color === undefined && a.background === undefined && !a.hidden && tag !== 'a') {
    eff.noop = true;
    return eff;
  }
  if (a.hidden && !mjml) {
    eff.hide = 'hidden-attribute';
    return eff;
  }
  if (decls.get('display') === 'none') {
    eff.hide = 'display-none';
    return eff;
  }
  if (decls.get('visibility') === 'hidden' || decls.get('visibility') === 'collapse') {
    eff.hide = 'visibility-hidden';
    return eff;
  }
  const opacity = decls.get('opacity');
  if (opacity !== undefined && parseFloat(opacity) <= 0.05) {
    eff.hide = 'opacity-0';
    return eff;
  }
  const fontSize = decls.get('font-size') ?? (mjml ? a.fontSize : undefined);
  if (fontSize !== undefined) {
    const px = fontSizePx(fontSize);
    if (px !== undefined) {
      eff.fontPx = px;
      eff.fontValue = fontSize;
    }
  }
  const overflowHidden = /hidden|clip/.test(decls.get('overflow') ?? '');
  if (overflowHidden && (/^0(px|em|%)?$/.test(decls.get('max-height') ?? '') || /^0(px|em|%)?$/.test(decls.get('height') ?? ''))) {
    eff.hide = 'zero-height';
    return eff;
  }

  // Colours. Unknown values (template expressions, currentColor, gradients) make the pair unknown.
  const mjDefault = mjml ? MJ_DEFAULTS[tag] : undefined;
  const color = decls.get('color') ?? (mjml ? a.color ?? mjDefault?.color : tag === 'font' ? a.color : undefined);
  if (color !== undefined) eff.color = parseColor(color) ?? null;
  else if (tag === 'a') eff.color = null; // link colour is the client's unless styled
  const bgImage = decls.has('background-image') || /url\(/.test(decls.get('background') ?? '') || a.background !== undefined || (mjml && a.backgroundUrl !== undefined);
  const bg = decls.get('background-color') ?? decls.get('background') ?? a.bgcolor ?? (mjml ? a.backgroundColor ?? a.containerBackgroundColor ?? mjDefault?.bg : undefined);
  if (bgImage) eff.bg = null;
  else if (bg !== undefined) eff.bg = backgroundColor(bg) ?? null;
  return eff;
}

export interface WordCount {
  /** Latin words (runs of letters/digits with at least one letter). */
  latin: number;
  /** CJK characters (each counts as a word, as Tencent counts them). */
  cjk: number;
  /** Template expressions. */
  vars: number;
  total: number;
}

/** Count words in normalised text: Latin words, CJK characters, and variables separately. */
export function countWords(text: string): WordCount {
  // Several rules count the same normalised texts of a template (HTML and text part): remember the last few.
  for (const [t, c] of recentCounts) if (t === text) return { ...c };
  const c = countWordsUncached(text);
  recentCounts.unshift([text, c]);
  if (recentCounts.length > 4) recentCounts.pop();
  return { ...c };
}

const recentCounts: [string, WordCount][] = [];

function countWordsUncached(text: string): WordCount {
  let latin = 0;
  let cjk = 0;
  let vars = 0;
  let inWord = false;
  let hasLetter = false;
  const varCode = VAR.charCodeAt(0);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const letter = (code >= 0x61 && code <= 0x7a) || (code >= 0xc0 && code < 0x2000 && LETTER.test(text[i]!));
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
    else if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0x3040 && code <= 0x30ff) || (code >= 0xac00 && code <= 0xd7af)) cjk++;
  }
  if (inWord && hasLetter) latin++;
  return { latin, cjk, vars, total: latin + cjk };
}

const LETTER = /\p{L}/u;
