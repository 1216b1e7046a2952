/** Small helpers shared by rules. */
import type { TemplateDoc, TemplatePart } from '../../analysis/template-doc.js';
import type { Span } from '../../core/types.js';

/** The parts that are Handlebars templates: subject, HTML, text. */
export function templateParts(doc: TemplateDoc): TemplatePart[] {
  return [doc.subject, doc.html, doc.text].filter((p): p is TemplatePart => p !== undefined);
}

const encoder = new TextEncoder();
/** Small on purpose: encoding reuses it chunk by chunk, so the writes stay in the CPU's first-level cache. */
const scratch = new Uint8Array(4096);

/** Bytes of a string in UTF-8 (how mail size limits such as Gmail's 102 KB clip are measured). */
export function utf8Length(s: string): number {
  // Native encoding, a chunk at a time (encodeInto stops before a character that does not fit and says how
  // much it read), is several times faster than counting in JS.
  let n = 0;
  for (let pos = 0; pos < s.length; ) {
    const r = encoder.encodeInto(pos === 0 ? s : s.slice(pos), scratch);
    if (r.read === 0) break; // cannot happen (4 KB fits any character); never loop forever
    n += r.written;
    pos += r.read;
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
