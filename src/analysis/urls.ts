/**
 * Every URL a template points at, with the exact span of the URL text, for the image and link rules
 * and for probes.
 *
 * Sources (HTML part, and the HTML inside MJML): `img src/srcset`, `source srcset`, `background`
 * attributes, CSS `url()` in style attributes and `<style>`/`<mj-style>`, VML `v:image`/`v:fill` (also
 * inside Outlook conditional comments), `a`/`area href`, `link` stylesheets; MJML `mj-image src/href`,
 * `mj-button href`, `mj-section/mj-wrapper/mj-hero background-url`, `mj-social-element src/href`,
 * `mj-navbar-link href`, `mj-carousel-image src/href`. Text part: http(s) and www. URLs found by a regex.
 *
 * URLs containing `{{…}}` are resolved with each TemplateData sample: the part is rendered once per sample
 * with invisible markers around every dynamic URL (and link text), so a URL inside `{{#each}}` or
 * `{{#with}}` sees the right context, and a branch a sample does not take yields nothing for it.
 */
import { findLineStarts } from '../core/line-index.js';
import { Handlebars } from '../parse/handlebars.js';
import type { Element, AnyNode } from 'domhandler';
import type { ProbeRequest } from '../core/probe-port.js';
import type { Span } from '../core/types.js';
import type { HtmlPart, TemplateDoc, TemplatePart } from './template-doc.js';
import { attributes, startTagSpan, type AttrValue } from './template-doc.js';
import { decodeAttribute, decodeText } from './entities.js';
import { maskTemplate, TOKEN_START, type MaskedToken } from '../parse/mask.js';
import { loadDom } from '../parse/html.js';
import { bindTemplate, compactTemplate, compileCompact, type CompactTemplate } from './hbs-compile.js';
import { replaceRawText, replaceTags, startTags } from './raw-text.js';
import { shareUrlInfos, withBase } from './url-info.js';
import { plainCopy } from './plain-json.js';
import { budgetedEnvironment, isBudgetError } from './render.js';
import { BUILTIN_HELPERS } from './variables.js';
import { Memo } from '../core/memo.js';

export type UrlKind = 'image' | 'link' | 'stylesheet' | 'background' | 'font';
export type UrlContext = 'attribute' | 'srcset' | 'css' | 'text';

export interface ResolvedUrl {
  /** Index of the TemplateData sample (as in the data file). */
  sample: number;
  /** The URL that sample produces (entities decoded, surrounding whitespace trimmed). */
  url: string;
}

export interface UrlRef {
  /** The URL as written in the template (template expressions included, entities not decoded). */
  url: string;
  /** The URL with HTML entities decoded (what the client uses); template expressions kept as written. */
  value: string;
  kind: UrlKind;
  part: 'html' | 'text';
  /** Exact span of the URL text in the part. */
  span: Span;
  /** Element tag name ('img', 'a', 'mj-image', 'style' for <style> CSS, 'text' for the text part). */
  tag: string;
  /** Attribute holding the URL (src, href, srcset, background, background-url, style), when there is one. */
  attr?: string;
  context: UrlContext;
  /** The URL contains template expressions. */
  dynamic: boolean;
  /** The literal pieces around the template expressions (['https://x.com/u/', '/profile'] for https://x.com/u/{{id}}/profile). */
  staticParts: string[];
  /** One entry per sample occurrence (deduplicated), for dynamic URLs rendered with TemplateData samples. */
  resolved: ResolvedUrl[];
  /** The element, for HTML-part URLs outside conditional comments. */
  element?: Element;
  /** Inside an Outlook conditional comment (`<!--[if mso]>…<![endif]-->`). */
  conditional?: boolean;
  /** Visible link text (a, area alt, mj-button, mj-navbar-link…): tags stripped, entities decoded, whitespace collapsed. */
  linkText?: string;
  /** Span of the link's content (between start and end tag), when it has one. */
  linkTextSpan?: Span;
  /** Alt texts of images inside the link. */
  imageAlts?: string[];
  /** Link text per sample, when the text contains template expressions. */
  resolvedText?: { sample: number; text: string }[];
}

/** At most this many samples are used to resolve dynamic URLs. */
export const MAX_RESOLVE_SAMPLES = 50;
/** At most this many distinct values are kept per URL (a URL inside a long {{#each}}). */
const MAX_VALUES_PER_REF = 20;

const cache = new Memo<TemplateDoc, UrlRef[]>();

export function extractUrls(doc: TemplateDoc): UrlRef[] {
  const hit = cache.get(doc);
  if (hit) return hit;
  const refs: UrlRef[] = [];
  try {
    if (doc.html) extractHtml(doc.html, refs);
  } catch {
    // A DOM we cannot walk yields what was collected so far; syntax rules report the cause.
  }
  if (doc.text) extractText(doc.text, refs);
  resolveDynamic(doc, refs);
  shareUrlInfos(refs);
  cache.set(doc, refs);
  return refs;
}

/** Image-like references (img/srcset/VML/mj-image, backgrounds): what must load as an image. */
export function isImageRef(r: UrlRef): boolean {
  return r.kind === 'image' || r.kind === 'background';
}

// ---- HTML ----------------------------------------------------------------------------------------

interface Ctx {
  html: HtmlPart;
  /** Text the DOM was parsed from (masked source, or a conditional comment's masked content). */
  masked: string;
  /** Offset of `masked` in the part. */
  offset: number;
  conditional: boolean;
  refs: UrlRef[];
}

// A Map, not an object: a tag named `constructor` or `__proto__` must not find Object's members.
const SINGLE_ATTRS = new Map<string, [string, UrlKind][]>(Object.entries({
  img: [['src', 'image']],
  a: [['href', 'link']],
  area: [['href', 'link']],
  'v:image': [['src', 'image']],
  'v:fill': [['src', 'background']],
  'mj-image': [['src', 'image'], ['href', 'link']],
  'mj-button': [['href', 'link']],
  'mj-section': [['background-url', 'background']],
  'mj-wrapper': [['background-url', 'background']],
  'mj-hero': [['background-url', 'background']],
  'mj-social-element': [['src', 'image'], ['href', 'link']],
  'mj-navbar-link': [['href', 'link']],
  'mj-carousel-image': [['src', 'image'], ['href', 'link']],
}) as [string, [string, UrlKind][]][]);

function extractHtml(html: HtmlPart, refs: UrlRef[]): void {
  walk({ html, masked: html.masked, offset: 0, conditional: false, refs }, html.document.children as AnyNode[]);
}

/** Iterative walk (no recursion over user input). */
function walk(ctx: Ctx, roots: AnyNode[]): void {
  const stack: AnyNode[] = [...roots].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'comment') {
      conditionalComment(ctx, node as unknown as { data: string; startIndex: number | null });
      continue;
    }
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
    const el = node as Element;
    // <mj-attributes> holds default attributes for components, not components: nothing there is sent.
    if (el.tagName === 'mj-attributes') continue;
    visit(ctx, el);
    const kids = el.children as AnyNode[];
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
}

/** Outlook conditional comments hold real markup (VML backgrounds, buttons): parse their content too. */
function conditionalComment(ctx: Ctx, node: { data: string; startIndex: number | null }): void {
  if (ctx.conditional || !/^\s*\[if\b/i.test(node.data)) return;
  const start = (node.startIndex ?? 0) + 4; // after '<!--'
  const body = ctx.masked.slice(start, start + node.data.length);
  // `[if mso]>` … `<![endif]` : blank out the condition markers so they do not parse as text/tags.
  const inner = body.replace(/^\s*\[if[^\]]*\]>/i, (m) => ' '.repeat(m.length)).replace(/<!\[endif\]\s*$/i, (m) => ' '.repeat(m.length));
  const dom = loadDom(inner, ctx.html.kind === 'mjml');
  walk({ ...ctx, masked: inner, offset: ctx.offset + start, conditional: true }, dom.root()[0]!.children as AnyNode[]);
}

function attrs(ctx: Ctx, el: Element): AttrValue[] {
  if (ctx.offset === 0 && !ctx.conditional) return attributes(ctx.html, el);
  // Inside a conditional comment: read the tag from the sub-document and shift spans into the part.
  const sub: HtmlPart = { ...ctx.html, masked: ctx.masked, text: ctx.html.text.slice(ctx.offset, ctx.offset + ctx.masked.length) };
  return attributes(sub, el).map((a) => ({ ...a, span: { start: a.span.start + ctx.offset, end: a.span.end + ctx.offset } }));
}

function visit(ctx: Ctx, el: Element): void {
  const tag = el.tagName.toLowerCase();
  const a = el.attribs;
  const single = SINGLE_ATTRS.get(tag);
  // Attribute values are strings: `!== undefined` is "has the attribute" (none of these names is on
  // Object.prototype). Most elements of email HTML have a style attribute and nothing else that matters: for
  // them the start tag is read only when it can hold a CSS url() (readAttributes is the costly step).
  const wants =
    a.background !== undefined ||
    a.srcset !== undefined ||
    (single !== undefined && single.some(([n]) => a[n] !== undefined)) ||
    tag === 'link' ||
    tag === 'style' ||
    tag === 'mj-style' ||
    (a.style !== undefined && startTagMayHaveCssUrl(ctx.masked, el));
  if (!wants) return;
  const list = attrs(ctx, el);
  const get = (n: string) => list.find((a) => a.name === n);
  if (single) for (const [name, kind] of single) {
    const a = get(name);
    if (a) pushAttr(ctx, el, tag, a, kind);
  }
  if (tag === 'link') {
    const rel = (el.attribs.rel ?? '').toLowerCase().split(/\s+/);
    const href = get('href');
    if (href && rel.includes('stylesheet')) pushAttr(ctx, el, tag, href, 'stylesheet');
  }
  const bg = get('background');
  if (bg && !tag.startsWith('mj-')) pushAttr(ctx, el, tag, bg, 'background');
  const srcset = get('srcset');
  if (srcset && (tag === 'img' || tag === 'source')) {
    for (const c of srcsetCandidates(ctx.html.text, srcset.span)) push(ctx, el, tag, 'srcset', c, 'image', 'srcset');
  }
  const style = get('style');
  if (style) for (const u of cssUrls(ctx.html.text, ctx.html.masked, style.span)) push(ctx, el, tag, 'style', u.span, u.kind, 'css');
  if ((tag === 'style' || tag === 'mj-style') && !ctx.conditional) {
    const open = startTagSpan(ctx.html.masked, el);
    const close = ctx.html.masked.lastIndexOf('<', el.endIndex ?? open.end);
    const body = { start: open.end, end: close > open.end ? close : (el.endIndex ?? open.end) };
    for (const u of cssUrls(ctx.html.text, ctx.html.masked, body)) push(ctx, el, tag, undefined, u.span, u.kind, 'css');
  }
}

/**
 * Can the start tag of `el` (the text attributes() reads, as startTagSpan finds it) contain `url(` or
 * `@import` in any ASCII case (what cssUrls looks for)? One pass, no copy; true when unsure.
 */
function startTagMayHaveCssUrl(text: string, el: Element): boolean {
  if (el.startIndex === null) return true;
  const { start, end } = startTagSpan(text, el);
  for (let i = start + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    // `(` after `url`, `@` before `import`
    if (c === 0x28 && i >= start + 4 && (text.charCodeAt(i - 3) | 0x20) === 0x75 && (text.charCodeAt(i - 2) | 0x20) === 0x72 && (text.charCodeAt(i - 1) | 0x20) === 0x6c) return true;
    if (c === 0x40 && text.slice(i + 1, i + 7).toLowerCase() === 'import') return true;
  }
  return false;
}

function pushAttr(ctx: Ctx, el: Element, tag: string, a: AttrValue, kind: UrlKind): void {
  // Trim whitespace inside the quotes: the span covers the URL itself.
  const raw = ctx.html.text.slice(a.span.start, a.span.end);
  const lead = raw.length - raw.trimStart().length;
  const trail = raw.length - raw.trimEnd().length;
  const span = { start: a.span.start + lead, end: Math.max(a.span.start + lead, a.span.end - trail) };
  const ref = push(ctx, el, tag, a.name, span, kind, 'attribute');
  if (kind === 'link') linkText(ctx, el, tag, ref);
}

function push(ctx: Ctx, el: Element, tag: string, attr: string | undefined, span: Span, kind: UrlKind, context: UrlContext): UrlRef {
  const text = ctx.html.text;
  const url = text.slice(span.start, span.end);
  const ref: UrlRef = {
    url,
    value: decodeAttribute(url),
    kind,
    part: 'html',
    span,
    tag,
    context,
    dynamic: url.includes('{{'),
    staticParts: staticParts(ctx.html, span),
    resolved: [],
  };
  if (attr) ref.attr = attr;
  if (ctx.conditional) ref.conditional = true;
  else ref.element = el;
  ctx.refs.push(ref);
  return ref;
}

/** Index of the first mustache that ends after `pos` (mustaches are sorted and do not overlap). */
function firstEndingAfter(mustaches: TemplatePart['scan']['mustaches'], pos: number): number {
  let lo = 0;
  let hi = mustaches.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mustaches[mid]!.span.end <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The literal pieces of a span around its template expressions (HTML entities decoded unless `plain`). */
function staticParts(part: TemplatePart, span: Span, plain = false): string[] {
  const decode = plain ? (x: string) => x : decodeAttribute;
  const out: string[] = [];
  let pos = span.start;
  const ms = part.scan.mustaches;
  for (let i = firstEndingAfter(ms, span.start); i < ms.length; i++) {
    const m = ms[i]!;
    if (m.span.start >= span.end) break;
    out.push(decode(part.text.slice(pos, Math.max(pos, m.span.start))));
    pos = Math.max(pos, m.span.end);
  }
  out.push(decode(part.text.slice(Math.min(pos, span.end), span.end)));
  return out;
}

function linkText(ctx: Ctx, el: Element, tag: string, ref: UrlRef): void {
  if (tag === 'mj-image' || tag === 'mj-carousel-image') {
    ref.linkText = collapse(el.attribs.alt ?? ''); // the DOM has decoded attribute values already
    ref.imageAlts = el.attribs.alt !== undefined ? [ref.linkText] : [];
    return;
  }
  if (tag === 'area') {
    ref.linkText = collapse(unmaskText(ctx, el.attribs.alt ?? ''));
    return;
  }
  const open = startTagSpan(ctx.masked, el);
  if (el.children.length === 0) {
    ref.linkText = '';
    ref.imageAlts = [];
    return;
  }
  const endIdx = el.endIndex ?? open.end;
  const close = ctx.masked.lastIndexOf('<', endIdx);
  let end = close >= open.end && ctx.masked.slice(close, close + 2 + tag.length).toLowerCase() === `</${tag}` ? close : endIdx + 1;
  // The parser nests an <a> inside an open <a> (a mail client would close the open one), so a link's text
  // includes the links inside it. Unclosed links nested as deep as the DOM budget allows made each text the
  // rest of its parent's, ~500 times the input (4,000 of them, 130 KB: 0.7 s here). Past MAX_LINK_NESTING
  // links deep, a link's text ends where the next nested link starts (as a client reads it): the work is
  // then at most that many times the input, and shallower links, which real mail has, read as before (the
  // risk model was trained on that reading).
  if (linkDepth(el) >= MAX_LINK_NESTING) {
    const nested = firstNestedLink(el);
    if (nested && nested.startIndex !== null && nested.startIndex < end) end = nested.startIndex;
  }
  const inner = ctx.masked.slice(open.end, Math.max(open.end, end));
  const lead = inner.length - inner.trimStart().length;
  const trail = inner.length - inner.trimEnd().length;
  ref.linkTextSpan = { start: ctx.offset + open.end + lead, end: ctx.offset + Math.max(open.end + lead, open.end + inner.length - trail) };
  ref.linkText = collapse(unmaskText(ctx, htmlToText(inner)));
  const alts: string[] = [];
  for (const tag of startTags(inner, 'img')) {
    const alt = /\salt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
    if (alt) alts.push(collapse(unmaskText(ctx, decodeAttribute(alt[1] ?? alt[2] ?? alt[3] ?? ''))));
    else alts.push('');
  }
  ref.imageAlts = alts;
}

/** Elements whose link text is their content (see linkText). */
export const TEXT_LINKS: ReadonlySet<string> = new Set(['a', 'mj-button', 'mj-social-element', 'mj-navbar-link']);

/** Link nesting past which a link's text ends at the next nested link (see linkText). */
export const MAX_LINK_NESTING = 16;

/** How many links with text content `el` is inside (counted up to MAX_LINK_NESTING). */
export function linkDepth(el: Element): number {
  let n = 0;
  for (let p = el.parent; p && n < MAX_LINK_NESTING; p = p.parent) if (p.type === 'tag' && TEXT_LINKS.has((p as Element).tagName.toLowerCase())) n++;
  return n;
}

/** The first descendant of `el`, in document order, that is a link with text content (iterative walk). */
function firstNestedLink(el: Element): Element | undefined {
  const stack: AnyNode[] = [];
  for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]!);
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type !== 'tag') continue;
    const e = node as Element;
    if (TEXT_LINKS.has(e.tagName.toLowerCase())) return e;
    for (let i = e.children.length - 1; i >= 0; i--) stack.push(e.children[i]!);
  }
  return undefined;
}

const tokenMaps = new Memo<MaskedToken[], Map<string, string>>();

/** Restore template expressions in masked text (the token map is built once per part, not per call). */
function unmaskText(ctx: Ctx, s: string): string {
  if (!s.includes(TOKEN_START)) return s;
  const tokens = ctx.html.tokens;
  let map = tokenMaps.get(tokens);
  if (!map) {
    map = new Map();
    for (const t of tokens) if (t.token) map.set(t.token, ctx.html.text.slice(t.mustache.span.start, t.mustache.span.end));
    tokenMaps.set(tokens, map);
  }
  const m = map;
  return s.replace(/\uE000[\uE100-\uF8FF]{2}\uE001*/g, (tok) => m.get(tok) ?? tok);
}

/** Visible text of an HTML fragment: comments, tags and style/script bodies dropped, entities decoded. */
export function htmlToText(fragment: string): string {
  return decodeText(
    replaceTags(replaceRawText(fragment.replace(/<!--[\s\S]*?(?:-->|$)/g, ' '), ' '), ' '),
  );
}

export function collapse(s: string): string {
  return s.replace(/[\s\u00a0]+/g, ' ').trim();
}

/** srcset candidates: `url [descriptor], url [descriptor]` (HTML's parsing algorithm, simplified). */
function srcsetCandidates(text: string, span: Span): Span[] {
  const out: Span[] = [];
  let i = span.start;
  while (i < span.end) {
    while (i < span.end && /[\s,]/.test(text[i]!)) i++;
    if (i >= span.end) break;
    const start = i;
    while (i < span.end && !/\s/.test(text[i]!)) i++;
    let end = i;
    while (end > start && text[end - 1] === ',') end--;
    if (end > start) out.push({ start, end });
    if (end < i) continue; // the URL ended with a comma: no descriptor follows
    // Skip the descriptor up to the next comma (outside parentheses).
    let depth = 0;
    while (i < span.end) {
      const c = text[i]!;
      if (c === '(') depth++;
      else if (c === ')') depth = Math.max(0, depth - 1);
      else if (c === ',' && depth === 0) break;
      i++;
    }
  }
  return out;
}

// Linear: the whitespace around the value is matched atomically (`(?=(\s*))\2`: a lookahead's capture
// never gives back), and the bare and quoted values stop at a parenthesis, which CSS does not allow
// unescaped in them; `url(` followed by 100 KB of spaces took 25 s with plain `\s*`.
const CSS_URL = /(@import\s+)?url\((?=(\s*))\2(?:"([^"]*)"|'([^']*)'|&quot;([^()]*?)&quot;|&#0?39;([^()]*?)&#0?39;|([^()"'\s]*))(?=(\s*))\8\)|@import\s+(?:"([^"]*)"|'([^']*)')/dgi;

/** CSS url() references (and @import "x") inside a region of the part, with the span of each URL. */
function cssUrls(text: string, masked: string, region: Span): { span: Span; kind: UrlKind }[] {
  const out: { span: Span; kind: UrlKind }[] = [];
  const body = masked.slice(region.start, region.end);
  if (!/url\(|@import/i.test(body)) return out;
  // Skip CSS comments (same length, so offsets hold).
  const clean = body.replace(/\/\*[\s\S]*?(?:\*\/|$)/g, (m) => ' '.repeat(m.length));
  // url() in an @font-face rule (its src descriptor) is a font file, not an image: a font that does not
  // load falls back to the next family, and no image rule applies to it.
  const fontFaces = /@font-face/i.test(clean) ? [...clean.matchAll(/@font-face\s*\{[^}]*\}?/gi)].map((f) => [f.index, f.index + f[0].length] as const) : [];
  for (const m of clean.matchAll(CSS_URL)) {
    const g = [3, 4, 5, 6, 7, 9, 10].find((k) => m[k] !== undefined);
    if (g === undefined || !m.indices?.[g]) continue;
    const [s0, e0] = m.indices[g]!;
    const raw = text.slice(region.start + s0, region.start + e0);
    const lead = raw.length - raw.trimStart().length;
    const start = region.start + s0 + lead;
    const kind: UrlKind = m[1] || g >= 9 ? 'stylesheet' : fontFaces.some(([a, b]) => m.index >= a && m.index < b) ? 'font' : 'background';
    out.push({ span: { start, end: start + raw.trim().length }, kind });
  }
  return out;
}

// ---- text part -----------------------------------------------------------------------------------

const TEXT_URL = /\b(?:https?:\/\/|www\.)[^\s<>"'`{}|\\^]+/gi;

function extractText(part: TemplatePart, refs: UrlRef[]): void {
  const masked = maskTemplate(part.text, part.scan.mustaches).masked;
  for (const m of masked.matchAll(TEXT_URL)) {
    let url = m[0];
    // Trailing punctuation belongs to the sentence, not the URL; a closing bracket only if unbalanced.
    for (;;) {
      const last = url[url.length - 1]!;
      if (/[.,;:!?*]/.test(last)) url = url.slice(0, -1);
      else if (last === ')' && count(url, '(') < count(url, ')')) url = url.slice(0, -1);
      else if (last === ']' && count(url, '[') < count(url, ']')) url = url.slice(0, -1);
      else break;
    }
    if (/^(https?:\/\/|www\.)$/i.test(url)) continue;
    const span = { start: m.index, end: m.index + url.length };
    const written = part.text.slice(span.start, span.end);
    refs.push({
      url: written,
      value: written,
      kind: 'link',
      part: 'text',
      span,
      tag: 'text',
      context: 'text',
      dynamic: written.includes('{{'),
      staticParts: staticParts(part, span, true),
      resolved: [],
    });
  }
}

function count(s: string, c: string): number {
  let n = 0;
  for (const ch of s) if (ch === c) n++;
  return n;
}

// ---- resolving template expressions with samples ----------------------------------------------------

const OPEN = '\uF8F0';
const MID = '\uF8F1';
const CLOSE = '\uF8F2';

function resolveDynamic(doc: TemplateDoc, refs: UrlRef[]): void {
  if (!doc.samples.length) return;
  for (const partName of ['html', 'text'] as const) {
    const part = partName === 'html' ? doc.html : doc.text;
    if (!part || !part.ast || part.hbsError || part.scan.issues.length) continue;
    const jobs: { span: Span; apply: (sample: number, value: string) => void }[] = [];
    for (const r of refs) {
      if (r.part !== partName) continue;
      if (r.dynamic) {
        jobs.push({
          span: r.span,
          apply: (sample, value) => {
            const url = (partName === 'html' ? decodeAttribute(value) : value).trim();
            if (r.resolved.length < MAX_VALUES_PER_REF && !r.resolved.some((x) => x.sample === sample && x.url === url)) r.resolved.push({ sample, url });
          },
        });
      }
      if (r.linkTextSpan && part.text.slice(r.linkTextSpan.start, r.linkTextSpan.end).includes('{{')) {
        r.resolvedText = [];
        jobs.push({
          span: r.linkTextSpan,
          apply: (sample, value) => {
            const text = collapse(htmlToText(value));
            if (r.resolvedText!.length < MAX_VALUES_PER_REF && !r.resolvedText!.some((x) => x.sample === sample && x.text === text)) r.resolvedText!.push({ sample, text });
          },
        });
      }
    }
    if (!jobs.length) continue;
    const direct = directValues(part, partName === 'html', jobs.map((j) => j.span));
    if (direct) {
      doc.samples.slice(0, MAX_RESOLVE_SAMPLES).forEach((data, sample) => {
        jobs.forEach((job, k) => job.apply(sample, direct[k]!.map((piece) => (typeof piece === 'string' ? piece : printed(data, piece))).join('')));
      });
      continue;
    }
    const inserts = markerInserts(part, jobs.map((j) => j.span));
    if (inserts === undefined) continue;
    // The render budget of renderSamples (settings.limits, through the doc): a loop over loops around a URL
    // renders no further than the content rendering does (four nested {{#each}} over 100 items: 10^8 links).
    const budget = budgetedEnvironment(doc.renderLimits);
    let tpl: Handlebars.TemplateDelegate;
    try {
      tpl = markedTemplate(doc, part, inserts, partName === 'text', budget.env);
    } catch {
      continue;
    }
    const samples = doc.samples.slice(0, MAX_RESOLVE_SAMPLES);
    for (let sample = 0; sample < samples.length; sample++) {
      let out: string;
      budget.start();
      try {
        // The plain copy render.ts renders (plain-json.ts): Handlebars cannot print a prototype-less object.
        out = tpl(plainCopy(samples[sample]), { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
      } catch (e) {
        // A template over budget on one sample is on the others too (renderSamples stops alike).
        if (isBudgetError(e)) break;
        continue;
      }
      const re = new RegExp(`${OPEN}([0-9a-z]+)${MID}([\\s\\S]*?)${CLOSE}\\1${MID}`, 'g');
      for (const m of out.matchAll(re)) {
        const job = jobs[parseInt(m[1]!, 36)];
        // Nested markers (a URL inside a link text) are removed from the outer value.
        if (job) job.apply(sample, m[2]!.replace(/[\uF8F0-\uF8F2][0-9a-z]*\uF8F1?/g, ''));
      }
    }
  }
}

/** A simple expression of the template's top level (`{{user.name}}`, `{{{url}}}`): the data path it prints. */
interface Printed {
  path: string[];
  escaped: boolean;
}

/** Names the marked rendering (a fresh Handlebars environment: built-in helpers only) would call as a helper. */
const RENDER_HELPERS = new Set<string>([...BUILTIN_HELPERS, 'helperMissing', 'blockHelperMissing']);
/** The built-in blocks whose one parameter is all they need (the rest of BUILTIN_HELPERS are not blocks). */
const BUILTIN_BLOCKS = new Set<string>(BUILTIN_HELPERS.filter((h) => h !== 'lookup' && h !== 'log'));

/**
 * What each span renders, read without rendering: literal text and the data paths of simple expressions,
 * when that is certain. That is when the part renders with no helper but the built-in blocks used as
 * Handlebars requires (so no sample's rendering fails) and no partial, and each span holds only the template's
 * literal text and top-level expressions of a plain path (their context is the sample itself), without
 * whitespace control or escaped mustaches. Undefined otherwise: then the marked template is rendered
 * (markedTemplate), as for a URL inside `{{#each}}`. Most transactional templates print their links as
 * `href="{{reset_url}}"` at the top level, and rendering the whole template once per sample for them was
 * most of the cost of resolving URLs.
 */
function directValues(part: TemplatePart, html: boolean, spans: Span[]): (string | Printed)[][] | undefined {
  const body = part.ast?.body;
  if (!body || !renderCannotFail(body)) return undefined;
  const ms = part.scan.mustaches;
  // The mustaches inside the spans, by start; then those of them that are top-level simple expressions.
  const wanted = new Set<number>();
  for (const span of spans) for (let k = firstEndingAfter(ms, span.start); k < ms.length && ms[k]!.span.start < span.end; k++) wanted.add(ms[k]!.span.start);
  const starts = findLineStarts(part.text);
  const top = new Map<number, Printed>();
  for (const st of body) {
    if (st.type !== 'MustacheStatement') continue;
    const m = st as hbs.AST.MustacheStatement;
    const at = (starts[m.loc.start.line - 1] ?? NaN) + m.loc.start.column;
    if (!wanted.has(at)) continue;
    const path = m.path as hbs.AST.PathExpression;
    if (path.type !== 'PathExpression' || path.data || path.depth !== 0 || m.params.length || m.hash?.pairs.length || m.strip.open || m.strip.close) continue;
    if (!path.parts.length || path.parts.some((x) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(x)) || path.original !== path.parts.join('.')) continue;
    if (path.parts.length === 1 && RENDER_HELPERS.has(path.parts[0]!)) continue;
    top.set(at, { path: path.parts, escaped: html && m.escaped });
  }
  const out: (string | Printed)[][] = [];
  for (const span of spans) {
    const pieces: (string | Printed)[] = [];
    let pos = span.start;
    for (let k = firstEndingAfter(ms, span.start); k < ms.length && ms[k]!.span.start < span.end; k++) {
      const m = ms[k]!;
      const printed = (m.kind === 'expr' || m.kind === 'raw') && m.span.start >= span.start && m.span.end <= span.end ? top.get(m.span.start) : undefined;
      if (!printed) return undefined;
      pieces.push(part.text.slice(pos, m.span.start), printed);
      pos = m.span.end;
    }
    pieces.push(part.text.slice(pos, span.end));
    // `\{{x}}` prints the mustache as written, without the backslash.
    if (pieces.some((x) => typeof x === 'string' && (x.includes('\\{{') || x.endsWith('\\')))) return undefined;
    out.push(pieces);
  }
  return out;
}

/**
 * Does rendering these statements never throw, whatever JSON a sample holds? True for literal text, comments,
 * expressions of a path and the built-in blocks with their one parameter (`{{#if x}}`, `{{#each items}}`), at
 * any depth; not for other helpers, sub-expressions, partials or decorators.
 */
function renderCannotFail(body: readonly hbs.AST.Statement[]): boolean {
  for (const st of body) {
    if (st.type === 'ContentStatement' || st.type === 'CommentStatement') continue;
    if (st.type === 'MustacheStatement') {
      const m = st as hbs.AST.MustacheStatement;
      if (m.path.type !== 'PathExpression' || m.params.length || m.hash?.pairs.length) return false;
      const p = m.path as hbs.AST.PathExpression;
      if (p.parts.length === 1 && !p.data && RENDER_HELPERS.has(p.parts[0]!)) return false;
      continue;
    }
    if (st.type === 'BlockStatement') {
      const b = st as hbs.AST.BlockStatement;
      const name = b.path.type === 'PathExpression' ? (b.path as hbs.AST.PathExpression).original : '';
      if (!BUILTIN_BLOCKS.has(name) || b.params.length !== 1 || b.params[0]!.type !== 'PathExpression' || b.hash?.pairs.length) return false;
      if (!renderCannotFail(b.program?.body ?? []) || !renderCannotFail(b.inverse?.body ?? [])) return false;
      continue;
    }
    return false;
  }
  return true;
}

/**
 * What a simple expression prints for a sample: Handlebars' own-property lookup and its escaping. A sample's
 * objects have no prototype (parse/json.ts); one printed is read as the rendering reads it, as a plain copy
 * ("[object Object]").
 */
function printed(sample: unknown, p: Printed): string {
  let value: unknown = sample;
  for (const key of p.path) {
    if (value === null || value === undefined) break;
    value = Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  }
  if (typeof value === 'object' && value !== null) value = plainCopy(value);
  if (p.escaped) return Handlebars.Utils.escapeExpression(value as string);
  return value === null || value === undefined ? '' : String(value);
}

interface Insert {
  /** Offset in the part. */
  at: number;
  text: string;
  /** At one offset: closes (0) before opens (1). */
  order: number;
}

/** `OPEN id MID` at each span's start and `CLOSE id MID` at its end, in text order; undefined if a span cuts a mustache. */
function markerInserts(part: TemplatePart, spans: Span[]): Insert[] | undefined {
  const inserts: Insert[] = [];
  spans.forEach((s, i) => {
    const id = i.toString(36);
    inserts.push({ at: s.start, text: `${OPEN}${id}${MID}`, order: 1 });
    inserts.push({ at: s.end, text: `${CLOSE}${id}${MID}`, order: 0 });
  });
  const ms = part.scan.mustaches;
  for (const ins of inserts) {
    const m = ms[firstEndingAfter(ms, ins.at)];
    if (m && ins.at > m.span.start && ins.at < m.span.end) return undefined;
  }
  inserts.sort((a, b) => a.at - b.at || a.order - b.order);
  return inserts;
}

/**
 * The part's template with the markers in its content. The markers go into the content the template was
 * compiled without (hbs-compile.ts): the part's own compiled code renders them, with no second parse or
 * compile. Where a marker cannot be placed in a ContentStatement (between two adjacent expressions, or a
 * content whose place in the text is unclear), the marked text is parsed and compiled instead.
 */
function markedTemplate(doc: TemplateDoc, part: TemplatePart, inserts: Insert[], text: boolean, env: typeof Handlebars): Handlebars.TemplateDelegate {
  // The options the main rendering compiles the part with (render.ts), so that both share one compile.
  const options = text ? { noEscape: true, knownHelpersOnly: false } : { knownHelpersOnly: false };
  const compact = compactTemplate(part.ast!, options, doc.caches);
  const values = markedValues(part.text, compact, inserts);
  if (values) return bindTemplate(env, compact, values);
  const out: string[] = [];
  let pos = 0;
  for (const ins of inserts) {
    out.push(part.text.slice(pos, ins.at), ins.text);
    pos = ins.at;
  }
  out.push(part.text.slice(pos));
  return compileCompact(env, out.join(''), options, doc.caches);
}

/** The compact template's content values with the markers inserted, or undefined where one cannot be placed. */
function markedValues(text: string, compact: CompactTemplate, inserts: Insert[]): string[] | undefined {
  const placed = placeContents(text, compact.contents);
  if (!placed) return undefined;
  const values = [...compact.values];
  // Per content: its inserts, in text order, as [position in the value, text].
  const pending = new Map<number, [number, string][]>();
  let k = 0;
  for (const ins of inserts) {
    // The last content starting at or before the insert (contents are sorted and do not overlap).
    while (k + 1 < placed.length && placed[k + 1]!.start <= ins.at) k++;
    const c = placed[k];
    if (!c || c.start > ins.at || ins.at > c.start + c.length) return undefined;
    if (c.valueStart === undefined) return undefined;
    const value = values[c.index]!;
    const at = Math.max(0, Math.min(value.length, ins.at - c.start - c.valueStart));
    let list = pending.get(c.index);
    if (!list) pending.set(c.index, (list = []));
    list.push([at, ins.text]);
  }
  for (const [index, list] of pending) {
    const value = values[index]!;
    const out: string[] = [];
    let pos = 0;
    for (const [at, t] of list) {
      out.push(value.slice(pos, at), t);
      pos = at;
    }
    out.push(value.slice(pos));
    values[index] = out.join('');
  }
  return values;
}

interface PlacedContent {
  index: number;
  /** Offset of the content's raw text in the part. */
  start: number;
  length: number;
  /** Where the value (whitespace control applied) starts in the raw text; undefined when that is unclear. */
  valueStart: number | undefined;
}

/** Each ContentStatement's place in the part's text (from its location), sorted; undefined if one does not match the text. */
function placeContents(text: string, contents: readonly hbs.AST.ContentStatement[]): PlacedContent[] | undefined {
  // Handlebars counts lines at \r\n, \r and \n, and columns in UTF-16 code units (as LineIndex does).
  const starts = findLineStarts(text);
  const out: PlacedContent[] = [];
  for (const [index, c] of contents.entries()) {
    const original = (c as { original?: unknown }).original;
    const lineStart = c.loc ? starts[c.loc.start.line - 1] : undefined;
    if (typeof original !== 'string' || lineStart === undefined) return undefined;
    const start = lineStart + c.loc.start.column;
    // Compared as a slice: startsWith takes V8's slow path when either string is a slice or a concatenation
    // (the content's text always is), about 15 times the cost.
    if (text.slice(start, start + original.length) !== original) return undefined;
    out.push({ index, start, length: original.length, valueStart: valueStart(original, c.value) });
  }
  out.sort((a, b) => a.start - b.start);
  for (let i = 1; i < out.length; i++) if (out[i]!.start < out[i - 1]!.start + out[i - 1]!.length) return undefined;
  return out;
}

/** Where `value` (the raw text with whitespace stripped at either end) starts in `original`. */
function valueStart(original: string, value: string): number | undefined {
  if (value === original || value === '') return 0;
  const v = value.search(/\S/);
  if (v < 0) return undefined; // only whitespace left: which of it is unclear
  const a = original.search(/\S/) - v;
  return a >= 0 && original.startsWith(value, a) ? a : undefined;
}

// ---- probes --------------------------------------------------------------------------------------

/** Absolute http(s) URLs to check (deduplicated): static ones, and dynamic ones as each sample resolves them. */
export function collectProbeRequests(doc: TemplateDoc, baseUrl?: unknown): ProbeRequest[] {
  const seen = new Map<string, ProbeRequest>();
  const add = (raw: string, kind: ProbeRequest['kind']) => {
    // Relative URLs are fetched where settings.baseUrl says the build publishes them.
    const url = withBase(raw, baseUrl).trim();
    if (!/^https?:\/\//i.test(url) || url.includes('{{') || url.includes('}}')) return;
    const key = `${kind} ${url}`;
    if (!seen.has(key)) seen.set(key, { url, kind });
  };
  for (const r of extractUrls(doc)) {
    const kind = isImageRef(r) ? 'image' : r.kind === 'link' ? 'link' : undefined;
    if (!kind) continue;
    if (!r.dynamic) add(r.value, kind);
    for (const v of r.resolved) add(v.url, kind);
  }
  return [...seen.values()];
}

/** The probe result for a URL as a probe request would have been keyed. */
export function probeKey(url: string): string {
  return url.trim();
}
