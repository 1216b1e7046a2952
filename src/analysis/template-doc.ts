/** Parse a template bundle once into the TemplateDoc every rule reads. */
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Document, Element, Text } from 'domhandler';
import type { Part, Span, TemplateCategory, Provider } from '../core/types.js';
import type { PartSource, TemplateSource } from '../core/source.js';
import { LineIndex } from '../core/line-index.js';
import { EngineCaches, type BoundedCache } from '../core/cache.js';
import { scanMustaches, type ScanResult } from '../parse/mustache.js';
import { scanMergeTags, mergeSorted, foreignLanguage, sharedDelimiterLanguage, type TemplateLanguage } from '../parse/merge-tags.js';
import { maskTemplate, unmaskCollecting, type MaskedToken } from '../parse/mask.js';
import { parseHandlebars, PARSED_SKELETONS, type HbsProgram, type HbsError, type KeptParse } from '../parse/handlebars.js';
import { compileMjml, type MjmlResult } from '../parse/mjml.js';
import { mjmlAttributeCost } from '../parse/mjml-cost.js';
import { parseDom, wrapDom, domDepthOf, DEFAULT_MAX_DOM_DEPTH } from '../parse/html.js';
import { parseJson, isPlainObject, type JsonDoc } from '../parse/json.js';
import { composeIncludes, type MissingInclude } from '../parse/compose.js';
import { commentTest } from '../parse/comments.js';
import { DEFAULT_LIMITS, type Limits } from '../core/limits.js';
import { isSpaceCode } from '../core/chars.js';
import { Memo } from '../core/memo.js';

export interface TemplatePart {
  part: Part;
  path: string;
  text: string;
  scan: ScanResult;
  ast?: HbsProgram;
  hbsError?: HbsError;
  /** Set when the part is written in another template language (then it has no Handlebars AST). */
  language?: TemplateLanguage;
}

export interface HtmlPart extends TemplatePart {
  kind: 'html' | 'mjml';
  masked: string;
  tokens: MaskedToken[];
  /** DOM of the (masked) source: positions equal template positions. For MJML, mj-* elements. */
  document: Document;
  /** cheerio over `document` (made on first use). */
  readonly dom: CheerioAPI;
  mjml?: MjmlResult;
  /** The HTML mail clients receive, with template expressions restored (compiled MJML, or the source). */
  outputHtml: string;
  /** Tokens (template expressions) MJML dropped while compiling. */
  droppedTokens: MaskedToken[];
}

export interface TemplateMeta {
  subject?: string;
  category?: TemplateCategory;
  locale?: string;
  provider?: Provider;
  profile?: string;
  [key: string]: unknown;
}

export interface TemplateDoc {
  source: TemplateSource;
  name: string;
  path: string;
  html?: HtmlPart;
  text?: TemplatePart;
  subject?: TemplatePart;
  meta: TemplateMeta;
  metaJson?: JsonDoc;
  dataJson?: JsonDoc;
  schemaJson?: JsonDoc;
  /** Sample TemplateData objects (data.json may hold one object or an array). */
  samples: unknown[];
  /** Parse depth guard for Handlebars. */
  maxBlockDepth: number;
  /**
   * Render budgets per sample (settings.limits) for renderings the rules do not configure themselves: the one
   * that resolves dynamic URLs (urls.ts). The defaults when parseTemplate was given none.
   */
  renderLimits: Pick<Limits, 'renderSteps' | 'renderOutput'>;
  /** `<mj-include>`s that could not be put in place (located in the composed HTML part). */
  missingIncludes: MissingInclude[];
  /** Parse steps left out because the review's time budget ran out while parsing (ParseOptions.deadline). */
  parseSkipped: string[];
  /**
   * Milliseconds of the parse's own work after it first awaited (the MJML compile and what reads its
   * output). The part before, which parseTemplate does before it returns its promise, the caller times
   * itself; whatever the thread runs while the parse awaits (other reviews interleaved on one thread, the
   * first import of mjml) is in neither, so the review's time budget counts this review's work only.
   */
  parseAsyncMs: number;
  /**
   * Caches shared across the reviews of one engine (style sheets, inline styles, colours, compiled schemas):
   * the engine's, or the doc's own when parseTemplate was given none. Analysis code reaches them here.
   */
  caches: EngineCaches;
}

export interface ParseOptions {
  maxBlockDepth?: number;
  /** Elements nested deeper are not parsed (settings.limits.domDepth; syntax/review-limits reports them). */
  maxDomDepth?: number;
  /**
   * A part with more template expressions than this is not parsed with Handlebars (settings.limits.expressions:
   * Handlebars' parse, compile and render cost tens of microseconds each); its hbsError says so.
   */
  maxExpressions?: number;
  /** The engine's caches (see core/cache.ts); without them the doc gets its own, which go with it. */
  caches?: EngineCaches;
  /** Render budgets per sample (settings.limits.renderSteps, renderOutput): TemplateDoc.renderLimits. */
  renderLimits?: Pick<Limits, 'renderSteps' | 'renderOutput'>;
  /**
   * `performance.now()` past which the Handlebars parse of parts still to parse is left out (they get no
   * AST, as after a parse error, and doc.parseSkipped names them): the review's time budget covers parsing.
   */
  deadline?: number;
}

export async function parseTemplate(input: TemplateSource, options: ParseOptions = {}): Promise<TemplateDoc> {
  const maxBlockDepth = options.maxBlockDepth ?? 100;
  // MJML includes are put in place first: every rule reads the template as MJML compiles it.
  const { source, missing } = composeIncludes(input);
  const doc: TemplateDoc = { source, name: source.name, path: source.path, meta: {}, samples: [], maxBlockDepth, renderLimits: options.renderLimits ?? DEFAULT_LIMITS, missingIncludes: missing, parseSkipped: [], parseAsyncMs: 0, caches: options.caches ?? new EngineCaches() };
  const deadline = options.deadline ?? Infinity;
  // Each part is scanned (linear, and what masking and the block checks need); its Handlebars parse is
  // left out once the deadline has passed. Every part is parsed before the first await (the MJML compiler),
  // so this is only asked during the synchronous part, whose time is all this review's own.
  const inTime = (what: string) => {
    if (performance.now() <= deadline) return true;
    doc.parseSkipped.push(what);
    return false;
  };
  const budget: PartBudget = { maxDepth: maxBlockDepth, maxExpressions: options.maxExpressions ?? DEFAULT_LIMITS.expressions, inTime, ownAsync: (ms) => (doc.parseAsyncMs += ms), parsed: doc.caches.get(PARSED_SKELETONS) };
  // The HTML part starts first: for MJML that starts the compiler, most of a review's cost (see htmlPart).
  const maxDomDepth = options.maxDomDepth ?? DEFAULT_MAX_DOM_DEPTH;
  const htmlScanned = source.html ? scanPart(source.html.text, budget.maxDepth) : undefined;
  const html = source.html ? htmlPart(source.html, source.kind === 'mjml' ? 'mjml' : 'html', budget, maxDomDepth, htmlScanned) : undefined;
  html?.catch(() => undefined); // awaited below; never an unhandled rejection if the code between throws

  if (source.meta) {
    doc.metaJson = parseJson(source.meta.text);
    if (isPlainObject(doc.metaJson.value)) doc.meta = { ...(doc.metaJson.value as TemplateMeta) };
  }
  if (source.subject && doc.meta.subject === undefined) doc.meta.subject = source.subject.text;
  if (source.data) {
    doc.dataJson = parseJson(source.data.text);
    const v = doc.dataJson.value;
    if (doc.dataJson.errors.length === 0) doc.samples = Array.isArray(v) ? v : v === undefined ? [] : [v];
  }
  if (source.schema) doc.schemaJson = parseJson(source.schema.text);

  // A provider renders a template's subject, HTML and text with one engine: a subject or text part with no
  // language of its own is read in the HTML part's (a Magento subject's `{{var order.increment_id}}` is a
  // Magento directive there, not a Handlebars helper call that fails to parse).
  const bodyLanguage = htmlScanned?.language;
  const scanned = (src: PartSource) => inheritLanguage(scanPart(src.text, budget.maxDepth), bodyLanguage);
  if (source.subject) doc.subject = templatePart(source.subject, budget, scanned(source.subject));
  if (source.text) doc.text = templatePart(source.text, budget, scanned(source.text));
  if (html) doc.html = await html;
  return doc;
}

/**
 * Every template expression of a part: Handlebars mustaches and other languages' merge tags (Mailchimp,
 * SendGrid, Liquid, FreeMarker...), sorted; all are masked alike before any rule reads text.
 */
function scanPart(text: string, maxDepth: number): { scan: ScanResult; language?: TemplateLanguage } {
  const scan = scanMustaches(text, maxDepth);
  const tags = scanMergeTags(text, scan.mustaches);
  const other = sharedDelimiterLanguage(text, scan.mustaches);
  if (!tags.length) return other ? { scan, language: other } : { scan };
  const language = foreignLanguage(tags) ?? other;
  return { scan: { ...scan, mustaches: mergeSorted(scan.mustaches, tags) }, ...(language ? { language } : {}) };
}

/** A part's scan, in `language` when it has no other language of its own and holds template expressions. */
function inheritLanguage(scanned: ReturnType<typeof scanPart>, language: TemplateLanguage | undefined): ReturnType<typeof scanPart> {
  if (!language || scanned.language || !scanned.scan.mustaches.some((m) => m.kind !== 'comment')) return scanned;
  return { ...scanned, language };
}

/** What a part's Handlebars parse may cost: nesting depth, expressions, and the review's deadline. */
interface PartBudget {
  maxDepth: number;
  maxExpressions: number;
  inTime: (what: string) => boolean;
  /** Adds own work done after an await (see TemplateDoc.parseAsyncMs). */
  ownAsync: (ms: number) => void;
  /** Parses kept by skeleton (parse/handlebars.ts). */
  parsed: BoundedCache<string, KeptParse>;
}

function templatePart(src: PartSource, budget: PartBudget, scanned = scanPart(src.text, budget.maxDepth)): TemplatePart {
  const { scan, language } = scanned;
  const part: TemplatePart = { part: src.part, path: src.path, text: src.text, scan, ...(language ? { language } : {}) };
  // Handlebars' AST walkers recurse; do not hand it input we already know is pathologically deep. A part in
  // another template language (Liquid, FreeMarker, Go, Blade, Magento) is not Handlebars: its {{ x | filter }} is no parse error.
  if (scan.maxDepth > budget.maxDepth) return part;
  // The budget holds for a part in another language too: it is still rendered with Handlebars (fuzz seed 12
  // #26596: 13,563 `{{> footer}}` in a part taken for FreeMarker, compiled by content/image-only's rendering, 1.1 s).
  const over = expressionOver(scan, budget.maxExpressions);
  if (over) {
    part.hbsError = {
      message: `This part has more than ${budget.maxExpressions} template expressions and parameters (settings.limits.expressions); inboxlint does not parse it with Handlebars, so its data and rendering are not checked`,
      span: over.span,
      budget: 'expressions',
    };
    return part;
  }
  if (language) return part;
  if (scan.mustaches.length === 0 || budget.inTime(`the Handlebars parse of the ${src.part} part`)) {
    const { ast, error } = parseHandlebars(src.text, new LineIndex(src.text), budget.maxDepth, budget.parsed);
    if (ast) part.ast = ast;
    if (error) part.hbsError = error;
  }
  return part;
}

/**
 * The first Handlebars expression past `max` (comments, which cost Handlebars little, and other languages'
 * tags left out). Each parameter and hash pair of an expression counts as one more (`{{#equals a b c}}` is
 * three): Handlebars' parse, compile and the variable rules cost as much per parameter as per expression,
 * and one mustache of 12,500 parameters took a second of review.
 */
function expressionOver(scan: ScanResult, max: number): { span: Span } | undefined {
  let n = 0;
  for (const m of scan.mustaches) {
    if (m.kind === 'comment' || m.kind === 'merge-tag') continue;
    n += words(m.inner, max - n + 1) || 1;
    if (n > max) return m;
  }
  return undefined;
}

/** Whitespace-separated words of `s`, counting no further than `limit`. */
function words(s: string, limit: number): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length && n < limit; i++) {
    const space = isSpaceCode(s.charCodeAt(i));
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

async function htmlPart(src: PartSource, kind: 'html' | 'mjml', budget: PartBudget, maxDomDepth: number, scanned = scanPart(src.text, budget.maxDepth)): Promise<HtmlPart> {
  const { scan } = scanned;
  const { masked, tokens } = maskTemplate(src.text, scan.mustaches);
  // MJML compiles before anything else is parsed (its synchronous part runs now): in a batch its large
  // code is then still in the CPU caches from the previous template, which makes it measurably faster.
  // MJML's own parser has the same quadratic cost of depth as ours (see parseDom): too deep, it is not compiled.
  const compiling = kind === 'mjml' ? compileUnlessCostly(masked, maxDomDepth) : undefined;
  const base = templatePart(src, budget, scanned);
  const document = parseDom(masked, kind === 'mjml', maxDomDepth);
  let outputHtml = src.text;
  let mjml: MjmlResult | undefined;
  let droppedTokens: MaskedToken[] = [];
  if (compiling) {
    mjml = await compiling;
    const resumed = performance.now();
    if (mjml.html !== undefined) {
      const restored = unmaskCollecting(mjml.html, tokens, src.text);
      // MJML strips HTML comments by design: a mustache inside one is not "dropped".
      const inComment = commentTest(masked);
      droppedTokens = tokens.filter((t) => t.token && !restored.present.has(t.token) && !inComment(t.mustache.span.start));
      outputHtml = restored.text;
    } else {
      outputHtml = '';
    }
    budget.ownAsync((mjml.compileMs ?? 0) + performance.now() - resumed);
  }
  // `dom` comes from the prototype (HTML_PART).
  const part: Omit<HtmlPart, 'dom'> = { ...base, kind, masked, tokens, document, ...(mjml ? { mjml } : {}), outputHtml, droppedTokens };
  return Object.assign(Object.create(HTML_PART) as HtmlPart, part);
}

/**
 * What every HtmlPart inherits: `dom`, cheerio over its document, made on first use (most rules read elements
 * through the element index; cheerio is made only for rules that query with it). A getter of the prototype,
 * not of each part: an accessor written into an object literal, with a closure over the parse, put that
 * closure in the object's hidden class, which V8 keeps in its old generation; the scavenger (the young
 * generation's collector) then kept the closure, the DOM and the masked text alive past the review, copied
 * them and promoted them — ~290 KB of each review of the 30 KB benchmark template, garbage in the old
 * generation until the next mark-compact.
 */
const doms = new Memo<HtmlPart, CheerioAPI>();
const HTML_PART: Pick<HtmlPart, 'dom'> = Object.defineProperty({} as Pick<HtmlPart, 'dom'>, 'dom', {
  get(this: HtmlPart): CheerioAPI {
    let dom = doms.get(this);
    if (!dom) doms.set(this, (dom = wrapDom(this.document, this.kind === 'mjml')));
    return dom;
  },
});

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/**
 * A start or end tag. The name cannot give characters back to what follows it (`(?![\w:-])`): without that, a
 * long run of name characters with no `>` after it was retried at every split, quadratic in the run (fuzz
 * seed 11 #587: 168 KB of MJML, 3.9 s); the tags it finds are the same.
 */
const TAG = /<(\/?)([a-zA-Z][\w:-]*)(?![\w:-])[^<>]*?(\/?)>/g;

/** Do start tags nest deeper than `limit` (counting XML-style: every non-void tag closes explicitly)? One pass. */
function markupDepthOver(markup: string, limit: number): boolean {
  let depth = 0;
  for (const m of markup.matchAll(TAG)) {
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (!m[3] && !VOID.has(m[2]!.toLowerCase()) && ++depth > limit) return true;
  }
  return false;
}

/**
 * MJML's parser finds the line of every tag and comment it reads by searching its table of line starts from
 * the end (lodash findLastIndex): tags × lines steps. Fuzz seed 101 #19187, 151 KB of `</" />` lines (3,300
 * bogus comments × 10,000 lines), spent a second there. Real templates stay near 10^5 (the corpus's largest:
 * 353 `<` × 271 lines); this bound is a few hundred milliseconds of that search.
 */
const MJML_LINE_SEARCHES = 20_000_000;

/** Is (number of `<`) × (number of line breaks) over `limit`? (Every tag and comment starts with `<`.) */
function lineSearchesOver(markup: string, limit: number): boolean {
  let lt = 0;
  for (let i = markup.indexOf('<'); i >= 0; i = markup.indexOf('<', i + 1)) lt++;
  if (lt === 0) return false;
  let nl = 0;
  for (let i = markup.indexOf('\n'); i >= 0; i = markup.indexOf('\n', i + 1)) nl++;
  return lt * nl > limit;
}

/** The MJML compile of `masked`, or a fatal result without compiling where mjml's own cost would explode. */
function compileUnlessCostly(masked: string, maxDomDepth: number): Promise<MjmlResult> {
  if (markupDepthOver(masked, maxDomDepth)) return Promise.resolve(tooDeep(masked, maxDomDepth));
  if (lineSearchesOver(masked, MJML_LINE_SEARCHES)) return Promise.resolve(tooCostly(masked));
  // Attribute values too long for mjml's unit regex, copied into too many elements, too many fonts (src/parse/mjml-cost.ts).
  const costly = mjmlAttributeCost(masked);
  if (costly) return Promise.resolve({ issues: [], fatal: costly });
  return compileMjml(masked, new LineIndex(masked));
}

function tooCostly(masked: string): MjmlResult {
  return { issues: [], fatal: { message: 'MJML would take too long to compile this template (its tags times its lines are over 20 million: mjml looks up the line of every tag by a search through all lines): not compiled', span: { start: 0, end: Math.min(masked.length, Math.max(1, masked.indexOf('>') + 1)) } } };
}

function tooDeep(masked: string, limit: number): MjmlResult {
  return { issues: [], fatal: { message: `MJML elements nest more than ${limit} deep (settings.limits.domDepth): not compiled`, span: { start: 0, end: Math.min(masked.length, Math.max(1, masked.indexOf('>') + 1)) } } };
}

// ---- helpers rules use to read the DOM with exact spans -------------------------------------------

export interface AttrValue {
  name: string;
  /** The attribute value as written in the template (template expressions included, entities not decoded). */
  raw: string;
  /** Span of the value (inside the quotes). */
  span: Span;
  /** The value contains template expressions. */
  dynamic: boolean;
}

/** Span of an element's start tag `<tag …>`. */
export function startTagSpan(text: string, el: Element): Span {
  const start = el.startIndex ?? 0;
  const end = findTagEnd(text, start);
  return { start, end };
}

/** After the tag's `>` (the first outside quotes), or the end of the text. */
function findTagEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 62 /* > */) return i + 1;
    if (c === 34 || c === 39) {
      const close = text.indexOf(c === 34 ? '"' : "'", i + 1);
      if (close < 0) return text.length;
      i = close;
    }
  }
  return text.length;
}

/** All attributes of an element with the spans of their values, read from the source text. */
export function attributes(html: HtmlPart, el: Element): AttrValue[] {
  // Many rules ask about the same elements: read each start tag once. Per part, by the tag's offset (an
  // element's identity in its DOM; a WeakMap entry per element cost more than reading the tag again).
  // Treat the result as read-only.
  const at = el.startIndex;
  if (at === null) return readAttributes(html, el);
  let byStart = attributeCache.get(html);
  if (!byStart) attributeCache.set(html, (byStart = new Map()));
  let cached = byStart.get(at);
  if (!cached) {
    cached = readAttributes(html, el);
    byStart.set(at, cached);
  }
  return cached;
}

const attributeCache = new Memo<HtmlPart, Map<number, AttrValue[]>>();

/** A character of an attribute name: not whitespace, a quote, `<`, `>`, `/`, `=` or a mask token's (U+E000–U+F8FF). */
function isNameCode(c: number): boolean {
  return !(isSpaceCode(c) || c === 34 || c === 39 || c === 60 || c === 62 || c === 47 || c === 61 || (c >= 0xe000 && c <= 0xf8ff));
}

/** A character of an unquoted value: not whitespace, a quote, `=`, `<`, `>` or a backtick. */
function isUnquotedCode(c: number): boolean {
  return !(isSpaceCode(c) || c === 34 || c === 39 || c === 61 || c === 60 || c === 62 || c === 96);
}

/**
 * The start tag's attributes, read as the regular expression
 * `([^\s"'<>/=\uE000-\uF8FF]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?` (global, from the end of the
 * tag's name) reads them — a name, then a value when one follows whole — in one pass of character codes
 * over the masked tag, without a match array and substrings per attribute (test/analysis/attributes.test.ts
 * compares the two). A name without a value has an empty value span at its end.
 */
function readAttributes(html: HtmlPart, el: Element): AttrValue[] {
  const masked = html.masked;
  const tagStart = el.startIndex ?? 0;
  const tagEnd = findTagEnd(masked, tagStart);
  const out: AttrValue[] = [];
  let i = tagStart;
  while (i < tagEnd) {
    const c = masked.charCodeAt(i);
    if (isSpaceCode(c) || c === 47 || c === 62) break;
    i++;
  }
  while (i < tagEnd) {
    if (!isNameCode(masked.charCodeAt(i))) {
      i++;
      continue;
    }
    const nameStart = i;
    while (i < tagEnd && isNameCode(masked.charCodeAt(i))) i++;
    const name = masked.slice(nameStart, i).toLowerCase();
    let start = i;
    let end = i;
    let j = i;
    while (j < tagEnd && isSpaceCode(masked.charCodeAt(j))) j++;
    if (j < tagEnd && masked.charCodeAt(j) === 61 /* = */) {
      j++;
      while (j < tagEnd && isSpaceCode(masked.charCodeAt(j))) j++;
      const q = j < tagEnd ? masked.charCodeAt(j) : -1;
      if (q === 34 || q === 39) {
        const close = masked.indexOf(q === 34 ? '"' : "'", j + 1);
        if (close >= 0 && close < tagEnd) {
          start = j + 1;
          end = close;
          i = close + 1;
        }
      } else if (q >= 0 && isUnquotedCode(q)) {
        let k = j + 1;
        while (k < tagEnd && isUnquotedCode(masked.charCodeAt(k))) k++;
        start = j;
        end = k;
        i = k;
      }
    }
    const raw = html.text.slice(start, end);
    // Masked text differs from the source exactly where template expressions (or merge tags) are.
    out.push({ name, raw, span: { start, end }, dynamic: raw.includes('{{') || differs(masked, html.text, start, end) });
  }
  return out;
}

function differs(a: string, b: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (a.charCodeAt(k) !== b.charCodeAt(k)) return true;
  return false;
}

export function attribute(html: HtmlPart, el: Element, name: string): AttrValue | undefined {
  return attributes(html, el).find((a) => a.name === name);
}

/** The text of an element as cheerio's .text() gives it: text and CDATA of all descendants, no comments. */
export function textContent(node: AnyNode): string {
  // Iterative: markup can nest deeper than the stack.
  let out = '';
  const stack: AnyNode[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'text') out += (n as unknown as { data: string }).data;
    else if ('children' in n) for (let i = (n as Element).children.length - 1; i >= 0; i--) stack.push((n as Element).children[i]!);
    // comments and directives have no text
  }
  return out;
}

// ---- elements by tag name ------------------------------------------------------------------------

interface ElementIndex {
  /** Every element, in document order. */
  all: Element[];
  /** Text nodes that are children of the root or of an element (not of CDATA), in document order. */
  texts: Text[];
  byTag: Map<string, Element[]>;
}

const elementIndexes = new Memo<HtmlPart, ElementIndex>();

/**
 * Elements of the part's DOM, in document order, built in one walk on first use. Many rules look for a
 * few tag names; a CSS selector per rule would walk the whole tree each time.
 */
export function allElements(html: HtmlPart): readonly Element[] {
  return elementIndex(html).all;
}

/** Text nodes under the root and elements, in document order (found by the same walk as the elements). */
export function textNodes(html: HtmlPart): readonly Text[] {
  return elementIndex(html).texts;
}

/** How deep elements nest in the part's DOM, as its parser saw them (undefined when unknown: walk the DOM). */
export function domDepth(html: HtmlPart): number | undefined {
  return domDepthOf(html.document);
}

/** Elements with any of these (lower-case) tag names, in document order. */
export function elementsByTag(html: HtmlPart, ...tags: string[]): readonly Element[] {
  const { byTag } = elementIndex(html);
  if (tags.length === 1) return byTag.get(tags[0]!) ?? [];
  const lists = tags.map((t) => byTag.get(t)).filter((l): l is Element[] => l !== undefined);
  if (lists.length <= 1) return lists[0] ?? [];
  return lists.flat().sort((a, b) => (a.startIndex ?? 0) - (b.startIndex ?? 0));
}

function elementIndex(html: HtmlPart): ElementIndex {
  let index = elementIndexes.get(html);
  if (index) return index;
  index = { all: [], texts: [], byTag: new Map() };
  const root = html.document;
  const stack: AnyNode[] = root ? [...root.children].reverse() : [];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'text') {
      index.texts.push(node as Text);
      continue;
    }
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
    const el = node as Element;
    index.all.push(el);
    const list = index.byTag.get(el.name);
    if (list) list.push(el);
    else index.byTag.set(el.name, [el]);
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]!);
  }
  elementIndexes.set(html, index);
  return index;
}
