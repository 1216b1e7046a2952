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
import type { HtmlPart, TemplateDoc, TemplatePart } from './template-doc.js';
import { normalizePieces, VAR, type Normalized, type Piece } from './normalize.js';
import { backgroundColor, contrastRatio, fontSizePx, indexRules, matchRules, parseColor, relevantDeclarations, parseStyleSheet, type CssRule, type Rgb, type StyleIndex } from './style.js';

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
  // Style sheets, found by a string scan (cheaper than a selector query over the whole DOM).
  let sheet: CssRule[] = [];
  const src = html.masked;
  const tagOpen = mjml ? '<mj-style' : '<style';
  const lower = src.includes(tagOpen) || src.includes(tagOpen.toUpperCase()) ? (src.includes(tagOpen.toUpperCase()) ? src.toLowerCase() : src) : '';
  for (let at = lower.indexOf(tagOpen); at >= 0; at = lower.indexOf(tagOpen, at + 1)) {
    const gt = lower.indexOf('>', at);
    if (gt < 0) break;
    const close = lower.indexOf(mjml ? '</mj-style' : '</style', gt);
    const end = close < 0 ? src.length : close;
    sheet = sheet.concat(parseStyleSheet(src.slice(gt + 1, end), sheet.length));
    at = end;
  }
  const index = sheet.length ? indexRules(sheet) : undefined;
  // MJML defaults set in <mj-attributes> or mj-class: colours we cannot see from the element itself.
  const mjColorsUnknown = mjml && /<mj-attributes[\s\S]*?(?:color|background-color)=|mj-class=/i.test(src);

  const runs: TextRun[] = [];
  const hidden: HiddenRun[] = [];
  const links: Element[] = [];
  const root = html.document;
  // Iterative walk (no recursion over user markup): parallel stacks of nodes and inherited states.
  const nodes: AnyNode[] = [];
  const states: State[] = [];
  const initial: State = { color: mjColorsUnknown ? null : [0, 0, 0], bg: [255, 255, 255], fontPx: undefined, fontEl: undefined, fontValue: undefined, link: false, contrast: mjColorsUnknown ? undefined : 21, hidden: undefined };
  const styleCache = new Map<string, Map<string, string>>();
  const rootKids = ((root as unknown as Element).children ?? []) as AnyNode[];
  for (let i = rootKids.length - 1; i >= 0; i--) {
    nodes.push(rootKids[i]!);
    states.push(initial);
  }
  let visibleChars = 0;
  let sawPreheader = false;
  let guard = 0;
  while (nodes.length && guard++ < 500_000) {
    const node = nodes.pop()!;
    const state = states.pop()!;
    if (node.type === 'text') {
      const start = node.startIndex;
      const endIdx = node.endIndex;
      if (start == null || endIdx == null) continue;
      const text = src.slice(start, endIdx + 1);
      if (!text.trim() || ((text.includes('&') || text.charCodeAt(0) > 0x7f) && FILLER.test(text))) continue;
      const parent = node.parent as Element | null;
      const run: TextRun = { text, start, end: endIdx + 1, ...(parent && (parent as AnyNode).type !== 'root' ? { el: parent } : {}), ...(state.link ? { inLink: true } : {}) };
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
        visibleChars += text.trim().length;
      }
      continue;
    }
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
    const el = node as Element;
    const tag = el.name;
    if (tag === 'mj-preview') {
      const next = cloneState(state);
      next.hidden = { reason: 'mj-preview', by: el };
      for (let i = el.children.length - 1; i >= 0; i--) {
        nodes.push(el.children[i]!);
        states.push(next);
      }
      continue;
    }
    if (tag === 'mj-head') {
      // Only the preview text in the head is read.
      for (let i = el.children.length - 1; i >= 0; i--) {
        if ((el.children[i] as Element).name !== 'mj-preview') continue;
        nodes.push(el.children[i]!);
        states.push(state);
      }
      continue;
    }
    if (SKIP.has(tag)) continue;
    if ((tag === 'a' || tag === 'area' || tag === 'mj-button') && el.attribs.href !== undefined) links.push(el);
    const next = elementState(el, state, index, mjml, styleCache);
    for (let i = el.children.length - 1; i >= 0; i--) {
      nodes.push(el.children[i]!);
      states.push(next);
    }
  }
  const preheaders = hidden.filter((h) => h.preheader);
  const scored = preheaders.length ? [...runs, ...preheaders].sort((a, b) => a.start - b.start) : runs;
  return lazy({ part: 'html', runs, scored, hidden, links }, true);
}

const NO_DECLS: Map<string, string> = new Map();

function elementState(el: Element, parent: State, index: StyleIndex | undefined, mjml: boolean, styleCache: Map<string, Map<string, string>>): State {
  const a = el.attribs ?? {};
  const isLink = el.name === 'a' || el.name === 'mj-button' || el.name === 'mj-navbar-link';
  // Fast path: nothing on this element can change visibility or colours.
  if (!index && !a.style && !mjml && !isLink && a.bgcolor === undefined && a.color === undefined && a.background === undefined && !('hidden' in a)) return parent;
  if (parent.hidden) {
    if (!isLink || parent.link) return parent;
    const s = cloneState(parent);
    s.link = true;
    return s;
  }
  let decls = NO_DECLS;
  if (index && (a.class || a.id || a['css-class'] || index.byTag.size)) {
    const classes = `${a.class ?? ''} ${a['css-class'] ?? ''}`.toLowerCase().split(/\s+/).filter(Boolean);
    decls = matchRules(index, el.name, a.id?.toLowerCase(), classes);
  }
  if (a.style) {
    // Email HTML repeats the same inline styles: parse each distinct one once per document.
    let inline = styleCache.get(a.style);
    if (!inline) {
      inline = relevantDeclarations(a.style);
      if (styleCache.size < 10_000) styleCache.set(a.style, inline);
    }
    if (inline.size) {
      if (decls === NO_DECLS) decls = inline;
      else for (const [k, v] of inline) decls.set(k, v);
    }
  }
  if (decls.size === 0 && !mjml && !isLink && a.bgcolor === undefined && a.color === undefined && a.background === undefined && !('hidden' in a) && el.name !== 'a') return parent;
  const state = cloneState(parent);
  if (isLink) state.link = true;
  const hide = (reason: HiddenReason, detail?: string): State => {
    state.hidden = { reason, by: el, ...(detail ? { detail } : {}) };
    return state;
  };
  if ('hidden' in a && !mjml) return hide('hidden-attribute');
  if (decls.get('display') === 'none') return hide('display-none');
  if (decls.get('visibility') === 'hidden' || decls.get('visibility') === 'collapse') return hide('visibility-hidden');
  const opacity = decls.get('opacity');
  if (opacity !== undefined && parseFloat(opacity) <= 0.05) return hide('opacity-0');
  const fontSize = decls.get('font-size') ?? (mjml ? a['font-size'] : undefined);
  if (fontSize !== undefined) {
    const px = fontSizePx(fontSize);
    if (px !== undefined) {
      state.fontPx = px;
      state.fontEl = el;
      state.fontValue = fontSize;
    }
  }
  const overflowHidden = /hidden|clip/.test(decls.get('overflow') ?? '');
  if (overflowHidden && (/^0(px|em|%)?$/.test(decls.get('max-height') ?? '') || /^0(px|em|%)?$/.test(decls.get('height') ?? ''))) return hide('zero-height');

  // Colours. Unknown values (template expressions, currentColor, gradients) make the pair unknown.
  const mjDefault = mjml ? MJ_DEFAULTS[el.name] : undefined;
  const color = decls.get('color') ?? (mjml ? a.color ?? mjDefault?.color : el.name === 'font' ? a.color : undefined);
  if (color !== undefined) state.color = parseColor(color) ?? null;
  else if (el.name === 'a') state.color = null; // link colour is the client's unless styled
  const bgImage = decls.has('background-image') || /url\(/.test(decls.get('background') ?? '') || a.background !== undefined || (mjml && a['background-url'] !== undefined);
  const bg = decls.get('background-color') ?? decls.get('background') ?? a.bgcolor ?? (mjml ? a['background-color'] ?? a['container-background-color'] ?? mjDefault?.bg : undefined);
  if (bgImage) state.bg = null;
  else if (bg !== undefined) state.bg = backgroundColor(bg) ?? null;
  if (state.color !== parent.color || state.bg !== parent.bg || parent.contrast === undefined) {
    state.contrast = state.color && state.bg ? contrastRatio(state.color, state.bg) : undefined;
  }
  return state;
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
