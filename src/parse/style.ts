/**
 * Just enough CSS for hidden-text detection: inline `style` declarations, simple `<style>` rules
 * (tag, .class, #id, tag.class; no combinators, pseudo-classes or @media blocks, which dark-mode and
 * responsive rules live in) and colour parsing with the WCAG contrast ratio.
 */

import { detached } from './detach.js';

export type Declarations = Map<string, string>;

/** Parse `a: b; c: d !important` into a map (last wins, property names lower-cased). */
const RELEVANT_DECL = /(?:^|;)\s*(display|visibility|opacity|font-size|color|background|background-color|background-image|max-height|height|overflow)\s*:\s*([^;]*)/gi;

/** Only the declarations hidden-text detection reads, in one regex pass (hot path: every inline style). */
export function relevantDeclarations(style: string): Declarations {
  const out: Declarations = new Map();
  RELEVANT_DECL.lastIndex = 0;
  for (let m = RELEVANT_DECL.exec(style); m; m = RELEVANT_DECL.exec(style)) {
    let value = m[2]!;
    if (value.includes('!')) value = value.replace(/!\s*important/i, '');
    value = value.trim().toLowerCase();
    if (value) out.set(m[1]!.toLowerCase(), value);
  }
  return out;
}

export function parseDeclarations(style: string, only?: RegExp): Declarations {
  const out: Declarations = new Map();
  for (const decl of style.split(';')) {
    const colon = decl.indexOf(':');
    if (colon < 0) continue;
    const name = decl.slice(0, colon).trim().toLowerCase();
    if (only && !only.test(name)) continue;
    let value = decl.slice(colon + 1);
    if (value.includes('!')) value = value.replace(/!\s*important/i, '');
    value = value.trim().toLowerCase();
    if (name && value) out.set(name, value);
  }
  return out;
}

export interface CssRule {
  tag?: string;
  id?: string;
  classes: string[];
  specificity: number;
  order: number;
  decls: Declarations;
}

const SIMPLE_SELECTOR = /^([a-z][a-z0-9-]*)?((?:[.#][a-z0-9_-]+)*)$/i;

/** Properties hidden-text detection reads; rules without any of them are dropped at parse time. */
export const RELEVANT = /^(?:display|visibility|opacity|font-size|color|background|background-color|background-image|max-height|height|overflow)$/;

/** Simple rules of a style sheet, skipping at-rule blocks (@media, @supports, @font-face). */
export function parseStyleSheet(css: string, orderBase: number): CssRule[] {
  // An unclosed comment runs to the end of the sheet (CSS Syntax 4.3.2), which also keeps this one pass.
  const src = css.replace(/\/\*[\s\S]*?(?:\*\/|$)/g, ' ');
  const rules: CssRule[] = [];
  let i = 0;
  let order = orderBase;
  while (i < src.length) {
    const open = src.indexOf('{', i);
    if (open < 0) break;
    const prelude = src.slice(i, open).trim();
    if (prelude.startsWith('@') || prelude.includes('@')) {
      // Skip the whole block, nested braces included.
      let depth = 1;
      let j = open + 1;
      for (; j < src.length && depth > 0; j++) {
        if (src[j] === '{') depth++;
        else if (src[j] === '}') depth--;
      }
      i = j;
      continue;
    }
    const close = src.indexOf('}', open);
    if (close < 0) break;
    const decls = parseDeclarations(src.slice(open + 1, close), RELEVANT);
    if (decls.size === 0) {
      i = close + 1;
      continue;
    }
    for (const sel of prelude.split(',')) {
      const m = SIMPLE_SELECTOR.exec(sel.trim());
      if (!m || (!m[1] && !m[2])) continue;
      const parts = m[2]!.match(/[.#][a-z0-9_-]+/gi) ?? [];
      const classes = parts.filter((p) => p.startsWith('.')).map((p) => p.slice(1).toLowerCase());
      const ids = parts.filter((p) => p.startsWith('#')).map((p) => p.slice(1).toLowerCase());
      rules.push({
        ...(m[1] ? { tag: m[1].toLowerCase() } : {}),
        ...(ids[0] ? { id: ids[0] } : {}),
        classes,
        specificity: ids.length * 100 + classes.length * 10 + (m[1] ? 1 : 0),
        order: order++,
        decls,
      });
    }
    i = close + 1;
  }
  return rules;
}

const indexCache = new Map<string, { text: string; index: StyleIndex | undefined }>();

/**
 * A cheap key for a long text: its length and a few slices. V8 hashes a string key by reading all of it,
 * which costs more than a whole sheet lookup should; the cache compares the full text only on a hit.
 */
function fingerprint(text: string): string {
  if (text.length <= 256) return text;
  const mid = text.length >> 1;
  return `${text.length}\u0000${text.slice(0, 64)}\u0000${text.slice(mid - 32, mid + 32)}\u0000${text.slice(-64)}`;
}

/**
 * The index of the simple rules of a document's style sheets (the text of each <style> block), or undefined
 * when they hold no rule hidden-text detection reads. Cached by the sheets' text: senders reuse one sheet
 * for many templates.
 */
export function styleIndex(sheets: readonly string[]): StyleIndex | undefined {
  if (!sheets.length) return undefined;
  const text = sheets.length === 1 ? sheets[0]! : sheets.join('\u0000');
  const key = fingerprint(text);
  const hit = indexCache.get(key);
  if (hit && hit.text === text) return hit.index;
  // Parsed and kept as copies: the cache must not keep the document's source alive (see detach.ts).
  const own = sheets.map(detached);
  let rules: CssRule[] = [];
  for (const css of own) rules = rules.concat(parseStyleSheet(css, rules.length));
  const index = rules.length ? indexRules(rules) : undefined;
  if (indexCache.size >= 200 && !hit) indexCache.delete(indexCache.keys().next().value!);
  const ownText = own.length === 1 ? own[0]! : own.join('\u0000');
  indexCache.set(fingerprint(ownText), { text: ownText, index });
  return index;
}

/** Rules indexed by their most specific key (id, first class, or tag), so matching an element is cheap. */
export interface StyleIndex {
  byId: Map<string, CssRule[]>;
  byClass: Map<string, CssRule[]>;
  byTag: Map<string, CssRule[]>;
}

export function indexRules(rules: readonly CssRule[]): StyleIndex {
  const idx: StyleIndex = { byId: new Map(), byClass: new Map(), byTag: new Map() };
  const add = (m: Map<string, CssRule[]>, k: string, r: CssRule) => {
    const arr = m.get(k);
    if (arr) arr.push(r);
    else m.set(k, [r]);
  };
  for (const r of rules) {
    if (r.id) add(idx.byId, r.id, r);
    else if (r.classes[0]) add(idx.byClass, r.classes[0], r);
    else if (r.tag) add(idx.byTag, r.tag, r);
  }
  return idx;
}

/**
 * Declarations that apply to an element from the sheet's rules, in cascade order (inline style wins later),
 * as a new map the caller may change; undefined when no rule applies.
 */
export function matchRules(index: StyleIndex, tag: string, id: string | undefined, classes: readonly string[]): Declarations | undefined {
  let hits: CssRule[] | undefined;
  hits = addMatching(hits, index.byTag.get(tag), tag, id, classes);
  if (id) hits = addMatching(hits, index.byId.get(id), tag, id, classes);
  for (const c of classes) hits = addMatching(hits, index.byClass.get(c), tag, id, classes);
  if (!hits) return undefined;
  if (hits.length > 1) hits.sort((a, b) => a.specificity - b.specificity || a.order - b.order);
  const out: Declarations = new Map();
  for (const h of hits) h.decls.forEach((v, k) => out.set(k, v));
  return out;
}

function addMatching(hits: CssRule[] | undefined, rules: CssRule[] | undefined, tag: string, id: string | undefined, classes: readonly string[]): CssRule[] | undefined {
  if (!rules) return hits;
  for (const r of rules) {
    if ((r.tag && r.tag !== tag) || (r.id && r.id !== id)) continue;
    let all = true;
    for (const c of r.classes) {
      if (!classes.includes(c)) {
        all = false;
        break;
      }
    }
    if (all) (hits ??= []).push(r);
  }
  return hits;
}

export type Rgb = [number, number, number];

const NAMED: Record<string, string> = {
  white: 'ffffff', black: '000000', red: 'ff0000', green: '008000', blue: '0000ff', yellow: 'ffff00', gray: '808080',
  grey: '808080', silver: 'c0c0c0', lightgray: 'd3d3d3', lightgrey: 'd3d3d3', whitesmoke: 'f5f5f5', gainsboro: 'dcdcdc',
  snow: 'fffafa', ivory: 'fffff0', navy: '000080', maroon: '800000', orange: 'ffa500', purple: '800080', teal: '008080',
  lime: '00ff00', aqua: '00ffff', fuchsia: 'ff00ff', olive: '808000', beige: 'f5f5dc', darkgray: 'a9a9a9', darkgrey: 'a9a9a9',
};

/** Parse a CSS colour (#rgb, #rrggbb, #rrggbbaa, rgb(), rgba(), a few names). Transparent or unknown → undefined. */
const colorCache = new Map<string, Rgb | undefined>();

export function parseColor(value: string | undefined): Rgb | undefined {
  if (!value) return undefined;
  if (colorCache.has(value)) return colorCache.get(value);
  const c = parseColorUncached(value);
  if (colorCache.size < 2000) colorCache.set(detached(value), c);
  return c;
}

function parseColorUncached(value: string): Rgb | undefined {
  const v = value.trim().toLowerCase();
  let hex: string | undefined;
  const h = /^#([0-9a-f]{3,8})$/.exec(v);
  if (h) hex = h[1];
  else if (NAMED[v]) hex = NAMED[v];
  if (hex) {
    if (hex.length === 3 || hex.length === 4) {
      if (hex.length === 4 && hex[3] === '0') return undefined;
      hex = hex[0]! + hex[0] + hex[1] + hex[1] + hex[2] + hex[2];
    } else if (hex.length === 8) {
      if (hex.slice(6) === '00') return undefined;
      hex = hex.slice(0, 6);
    } else if (hex.length !== 6) return undefined;
    return [parseInt(hex.slice(0, 2), 16), parseInt(hex.slice(2, 4), 16), parseInt(hex.slice(4, 6), 16)];
  }
  const rgb = /^rgba?\(\s*(\d{1,3})[\s,]+(\d{1,3})[\s,]+(\d{1,3})(?:[\s,/]+([\d.]+%?))?\s*\)$/.exec(v);
  if (rgb) {
    if (rgb[4] !== undefined && parseFloat(rgb[4]) === 0) return undefined;
    return [Math.min(255, +rgb[1]!), Math.min(255, +rgb[2]!), Math.min(255, +rgb[3]!)];
  }
  return undefined;
}

/** The colour in a `background` shorthand, if any ('url(...)' alone → undefined). */
export function backgroundColor(value: string | undefined): Rgb | undefined {
  if (!value) return undefined;
  const direct = parseColor(value);
  if (direct) return direct;
  for (const token of value.replace(/url\([^)]*\)/g, ' ').match(/#[0-9a-f]{3,8}\b|rgba?\([^)]*\)|[a-z]+/gi) ?? []) {
    const c = parseColor(token);
    if (c) return c;
  }
  return undefined;
}

function luminance([r, g, b]: Rgb): number {
  const ch = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b);
}

/** WCAG 2 contrast ratio, 1 (same colour) to 21 (black on white). */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** Font size in CSS px, or undefined when it is relative or unknown (em/% of an unknown parent). */
export function fontSizePx(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const m = /^(-?[\d.]+)(px|pt|em|rem|%)?$/.exec(value.trim());
  if (!m) return undefined;
  const n = parseFloat(m[1]!);
  if (n === 0) return 0;
  switch (m[2]) {
    case 'pt':
      return (n * 4) / 3;
    case 'em':
    case 'rem':
      return n * 16;
    case '%':
      return (n / 100) * 16;
    default:
      return n;
  }
}
