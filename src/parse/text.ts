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
import { backgroundColor, contrastRatio, fontSizePx, matchRules, parseColor, parseDeclarations, parseStyleSheet, type CssRule, type Rgb } from './style.js';

export interface TextRun extends Piece {
  /** Source offsets in the part's text; `text` is the masked source between them. */
  end: number;
  /** Element the text sits in (HTML part only). */
  el?: Element;
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
  return lazy({ part: p.part, runs, scored: runs, hidden: [] }, false);
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

interface State {
  color: Rgb | null;
  bg: Rgb | null;
  /** Effective font size in px (inherited; a descendant may set it back: MJML puts font-size:0 on layout cells). */
  fontPx?: number;
  fontEl?: Element;
  fontValue?: string;
  hidden?: { reason: HiddenReason; by: Element; detail?: string };
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
  const $ = html.dom;
  const mjml = html.kind === 'mjml';
  let sheet: CssRule[] = [];
  $(mjml ? 'mj-style' : 'style').each((_, el) => {
    sheet = sheet.concat(parseStyleSheet($(el).text(), sheet.length));
  });
  // MJML defaults set in <mj-attributes> or mj-class: colours we cannot see from the element itself.
  const mjColorsUnknown = mjml && $('mj-attributes [color], mj-attributes [background-color], [mj-class]').length > 0;

  const runs: TextRun[] = [];
  const hidden: HiddenRun[] = [];
  const root = $.root()[0]!;
  const stack: { node: AnyNode; state: State }[] = [];
  const initial: State = { color: mjColorsUnknown ? null : [0, 0, 0], bg: [255, 255, 255] };
  const kids = (n: AnyNode) => ((n as Element).children ?? []) as AnyNode[];
  for (let i = kids(root).length - 1; i >= 0; i--) stack.push({ node: kids(root)[i]!, state: initial });
  let visibleChars = 0;
  let sawPreheader = false;
  let guard = 0;
  while (stack.length && guard++ < 500_000) {
    const { node, state } = stack.pop()!;
    if (node.type === 'text') {
      const start = node.startIndex;
      const endIdx = node.endIndex;
      if (start == null || endIdx == null) continue;
      const text = html.masked.slice(start, endIdx + 1);
      if (FILLER.test(text)) continue;
      const parent = node.parent as Element | null;
      const run: TextRun = { text, start, end: endIdx + 1, ...(parent && (parent as AnyNode).type !== 'root' ? { el: parent } : {}) };
      let h = state.hidden;
      if (!h && state.fontPx !== undefined && state.fontPx < minFont && state.fontEl) h = { reason: 'tiny-font', by: state.fontEl, ...(state.fontValue ? { detail: state.fontValue } : {}) };
      if (!h && state.color && state.bg && parent) {
        const ratio = contrastRatio(state.color, state.bg);
        if (ratio < minContrast) h = { reason: 'low-contrast', by: parent as Element, detail: ratio.toFixed(2) };
      }
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
      const next: State = { ...state, hidden: { reason: 'mj-preview', by: el } };
      for (let i = el.children.length - 1; i >= 0; i--) stack.push({ node: el.children[i]!, state: next });
      continue;
    }
    if (tag === 'mj-head') {
      // Only the preview text in the head is read.
      for (let i = el.children.length - 1; i >= 0; i--) if ((el.children[i] as Element).name === 'mj-preview') stack.push({ node: el.children[i]!, state });
      continue;
    }
    if (SKIP.has(tag)) continue;
    const next = elementState(el, state, sheet, mjml);
    for (let i = el.children.length - 1; i >= 0; i--) stack.push({ node: el.children[i]!, state: next });
  }
  const preheaders = hidden.filter((h) => h.preheader);
  const scored = preheaders.length ? [...runs, ...preheaders].sort((a, b) => a.start - b.start) : runs;
  return lazy({ part: 'html', runs, scored, hidden }, true);
}

function elementState(el: Element, parent: State, sheet: CssRule[], mjml: boolean): State {
  const a = el.attribs ?? {};
  const classes = `${a.class ?? ''} ${a['css-class'] ?? ''}`.toLowerCase().split(/\s+/).filter(Boolean);
  const decls = sheet.length ? matchRules(sheet, el.name, a.id?.toLowerCase(), classes) : new Map<string, string>();
  if (a.style) for (const [k, v] of parseDeclarations(a.style)) decls.set(k, v);
  const state: State = { ...parent };
  if (parent.hidden) return state;
  const hide = (reason: HiddenReason, detail?: string): State => ({ ...state, hidden: { reason, by: el, ...(detail ? { detail } : {}) } });
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
  let latin = 0;
  let cjk = 0;
  let vars = 0;
  let inWord = false;
  let hasLetter = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const code = text.charCodeAt(i);
    const wordChar = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c === "'" || (code >= 0xc0 && code < 0x2000 && /\p{L}/u.test(c));
    if (wordChar) {
      if (!inWord) {
        inWord = true;
        hasLetter = false;
      }
      if (c !== "'" && !(c >= '0' && c <= '9')) hasLetter = true;
      continue;
    }
    if (inWord) {
      if (hasLetter) latin++;
      inWord = false;
    }
    if (c === VAR) vars++;
    else if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0x3040 && code <= 0x30ff) || (code >= 0xac00 && code <= 0xd7af)) cjk++;
  }
  if (inWord && hasLetter) latin++;
  return { latin, cjk, vars, total: latin + cjk };
}
