/** Small helpers shared by rules. */
import type { TemplateDoc, TemplatePart } from '../parse/template-doc.js';
import type { Span } from '../core/types.js';

/** The parts that are Handlebars templates: subject, HTML, text. */
export function templateParts(doc: TemplateDoc): TemplatePart[] {
  return [doc.subject, doc.html, doc.text].filter((p): p is TemplatePart => p !== undefined);
}

const encoder = new TextEncoder();
let scratch = new Uint8Array(0);

/** Bytes of a string in UTF-8 (how mail size limits such as Gmail's 102 KB clip are measured). */
export function utf8Length(s: string): number {
  // Encoding into a reused buffer is native and ~10× faster than counting in JS; very large strings are
  // counted instead so the buffer stays small.
  if (s.length <= 1 << 20) {
    if (scratch.length < s.length * 3) scratch = new Uint8Array(Math.max(s.length * 3, 1 << 16));
    return encoder.encodeInto(s, scratch).written;
  }
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : `${n} bytes`;
}

/** A span covering the first line of a text (for "whole document" findings). */
export function headSpan(text: string): Span {
  const nl = text.search(/[\r\n]/);
  return { start: 0, end: nl < 0 ? Math.min(text.length, 80) : Math.min(nl, 80) };
}

export function truncate(s: string, n = 60): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** The template's main content failed to load: rules about content have nothing to judge. */
export function unreadable(doc: TemplateDoc): boolean {
  return !doc.html && !doc.text && (doc.source.loadIssues ?? []).some((i) => i.part === 'html' || i.part === 'text');
}
