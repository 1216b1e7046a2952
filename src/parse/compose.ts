/**
 * An MJML template with its `<mj-include>`s put in place, as MJML itself does it: the included file's
 * content (the inside of its `<mj-body>` or `<mj-head>` when it is a whole `<mjml>` document) replaces the
 * tag; `type="html"` becomes `<mj-raw>`, `type="css"` an `<mj-style>` in the head. The composed text is what
 * every rule reads; its segments say which file each stretch came from, so findings are located in the
 * partial's own file. Pure: the host read the files (TemplateSource.includes).
 */
import type { Span } from '../core/types.js';
import type { PartSource, Segment, TemplateSource } from '../core/source.js';
import { findMjIncludes, joinPosix, dirnamePosix } from './mj-include.js';

export interface MissingInclude {
  /** The path as written. */
  path: string;
  /** Where it resolved to, relative to the template's folder. */
  resolved: string;
  /** `unavailable`: the included file's folder is not there either (TemplateSource.unavailableIncludes). */
  reason: 'missing' | 'unavailable' | 'cycle' | 'too-deep';
  /** Span of the path attribute in the composed text (which maps into the including file). */
  span: Span;
  /** Inside `<mj-head>`: what it would set (`<mj-attributes>`, `<mj-style>`: colours, fonts) is unknown. */
  inHead: boolean;
}

export interface Composed {
  source: TemplateSource;
  missing: MissingInclude[];
}

const MAX_DEPTH = 10;

interface FileRef {
  path: string;
  text: string;
  /** Key relative to the template's folder ('' for the template itself). */
  key: string;
}

/** The source with its HTML part composed, or the source itself when it has no includes. */
export function composeIncludes(source: TemplateSource): Composed {
  const main = source.html;
  if (main && source.kind === 'html' && source.partials && main.text.includes('{{')) return { source: composePartials(source, main), missing: [] };
  if (source.kind !== 'mjml' || !main || !main.text.includes('<mj-include')) return { source, missing: [] };
  const includes = source.includes ?? {};
  const unavailable = new Set(source.unavailableIncludes ?? []);
  const pieces: string[] = [];
  const segments: Segment[] = [];
  const missing: MissingInclude[] = [];
  let length = 0;

  const copy = (file: FileRef, from: number, to: number) => {
    if (to <= from) return;
    pieces.push(file.text.slice(from, to));
    segments.push({ start: length, end: length + (to - from), path: file.path, fileText: file.text, fileStart: from });
    length += to - from;
  };
  // Text we write that no file holds (the <mj-raw> around an html include): located at the include tag.
  const synthetic = (text: string, file: FileRef, at: number) => {
    pieces.push(text);
    segments.push({ start: length, end: length + text.length, path: file.path, fileText: file.text, fileStart: at, fixed: true });
    length += text.length;
  };

  const expand = (file: FileRef, from: number, to: number, stack: string[]) => {
    let pos = from;
    const dir = dirnamePosix(file.key);
    const inHeadAt = headTracker(file.text);
    for (const inc of findMjIncludes(file.text.slice(0, to))) {
      if (inc.span.start < from) continue;
      const key = joinPosix(dir, inc.path);
      const found = includes[key];
      const inHead = inHeadAt(inc.span.start);
      const reason = !found ? (unavailable.has(key) ? 'unavailable' : 'missing') : stack.includes(key) ? 'cycle' : stack.length >= MAX_DEPTH ? 'too-deep' : undefined;
      if (reason || (inc.type === 'css' && !inHead)) {
        // Left as written (MJML is told to ignore includes); a missing one is reported at its path.
        copy(file, pos, inc.span.end);
        const pathStart = length - (inc.span.end - inc.pathSpan.start);
        if (reason) missing.push({ path: inc.path, resolved: key, reason, span: { start: pathStart, end: pathStart + inc.pathSpan.end - inc.pathSpan.start }, inHead });
        pos = inc.span.end;
        continue;
      }
      copy(file, pos, inc.span.start);
      pos = inc.span.end;
      const child: FileRef = { path: found!.path, text: found!.text, key };
      if (inc.type === 'html') {
        synthetic('<mj-raw>', file, inc.span.start);
        copy(child, 0, child.text.length);
        synthetic('</mj-raw>', file, inc.span.start);
      } else if (inc.type === 'css') {
        synthetic(inc.inline ? '<mj-style inline="inline">' : '<mj-style>', file, inc.span.start);
        copy(child, 0, child.text.length);
        synthetic('</mj-style>', file, inc.span.start);
      } else {
        const inner = wholeDocument(child.text, inHead ? 'mj-head' : 'mj-body');
        expand(child, inner.start, inner.end, [...stack, key]);
      }
    }
    copy(file, pos, to);
  };

  expand({ path: main.path, text: main.text, key: '' }, 0, main.text.length, ['']);
  const html: PartSource = { part: 'html', path: main.path, text: pieces.join(''), segments };
  return { source: { ...source, html }, missing };
}

/**
 * Is a position inside `<mj-head>…</mj-head>` (the last opening before it after the last closing)? Asked for
 * increasing positions, answered by one forward scan: `lastIndexOf` from every include searched back over
 * the whole text when it had no head (3,332 includes: 260 ms, 10× the time of 833).
 */
function headTracker(text: string): (pos: number) => boolean {
  let lastOpen = -1;
  let lastClose = -1;
  let nextOpen = text.indexOf('<mj-head');
  let nextClose = text.indexOf('</mj-head');
  return (pos) => {
    while (nextOpen >= 0 && nextOpen <= pos) {
      lastOpen = nextOpen;
      nextOpen = text.indexOf('<mj-head', nextOpen + 1);
    }
    while (nextClose >= 0 && nextClose <= pos) {
      lastClose = nextClose;
      nextClose = text.indexOf('</mj-head', nextClose + 1);
    }
    return lastOpen > lastClose;
  };
}

/** The stretch of an included file that goes in place: all of it, or inside its <mj-body>/<mj-head>. */
function wholeDocument(text: string, section: 'mj-body' | 'mj-head'): Span {
  if (!/<mjml[\s>]/.test(text)) return { start: 0, end: text.length };
  const open = new RegExp(`<${section}\\b[^>]*>`).exec(text);
  if (!open) return { start: 0, end: 0 };
  const start = open.index + open[0].length;
  const close = text.indexOf(`</${section}`, start);
  return { start, end: close < 0 ? text.length : close };
}

/** `{{> name}}` with no context or hash arguments: Handlebars renders the partial's text in place. */
const SIMPLE_CALL = /\{\{(~?)>\s*([\w./-]+)\s*(~?)\}\}/g;

/**
 * A Handlebars template with its simple partial calls put in place, so the partial's markup and text are
 * reviewed as part of the template, located in the partial's own file. Calls with a context or hash
 * arguments (`{{> card item}}`, `{{> card title="x"}}`), partial blocks and dynamic partials stay calls:
 * their content depends on what is passed.
 */
function composePartials(source: TemplateSource, main: PartSource): TemplateSource {
  const partials = source.partials!;
  if (!new RegExp(SIMPLE_CALL.source).test(main.text)) return source;
  const pieces: string[] = [];
  const segments: Segment[] = [];
  let length = 0;
  let expanded = false;
  const copy = (path: string, text: string, from: number, to: number) => {
    if (to <= from) return;
    pieces.push(text.slice(from, to));
    segments.push({ start: length, end: length + (to - from), path, fileText: text, fileStart: from });
    length += to - from;
  };
  const expand = (path: string, text: string, stack: string[]) => {
    let pos = 0;
    for (const m of text.matchAll(SIMPLE_CALL)) {
      const name = m[2]!;
      const p = partials[name];
      // Whitespace control (~) and unknown, recursive or too deep partials: left as a call.
      if (!p || m[1] || m[3] || stack.includes(name) || stack.length >= MAX_DEPTH) continue;
      copy(path, text, pos, m.index);
      expand(p.path, p.text, [...stack, name]);
      expanded = true;
      pos = m.index + m[0].length;
    }
    copy(path, text, pos, text.length);
  };
  expand(main.path, main.text, []);
  if (!expanded) return source;
  return { ...source, html: { part: 'html', path: main.path, text: pieces.join(''), segments } };
}
