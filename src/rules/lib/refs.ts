/** Helpers shared by the image and link rules (URL references, probe results). */
import type { Span } from '../../core/types.js';
import type { RuleContext } from '../rule.js';
import type { ProbeResult } from '../../core/probe-port.js';
import { extractUrls, type UrlRef } from '../../analysis/urls.js';
import type { TemplateDoc } from '../../analysis/template-doc.js';
import { cleanUrl, withBase } from '../../analysis/url-info.js';
import { truncate } from './util.js';

/** The URL shown in messages: short, one line. */
export function shown(url: string): string {
  return truncate(url.replace(/\s+/g, ' '), 80);
}

/** What a reference is, for messages: "Link", "Stylesheet URL", "Font URL" or "Image URL". */
export function refNoun(ref: UrlRef): string {
  return ref.kind === 'link' ? 'Link' : ref.kind === 'stylesheet' ? 'Stylesheet URL' : ref.kind === 'font' ? 'Font URL' : 'Image URL';
}

/** "the <img> src", "the CSS url() in a style attribute", "a link in the text part"… */
export function where(ref: UrlRef): string {
  if (ref.part === 'text') return 'a URL in the text part';
  if (ref.context === 'css') return ref.attr === 'style' ? `a CSS url() in the style attribute of <${ref.tag}>` : `a CSS url() in <${ref.tag}>`;
  if (ref.context === 'srcset') return `the srcset of <${ref.tag}>`;
  return `the ${ref.attr ?? 'URL'} of <${ref.tag}>`;
}

/** Span of the reference for reports (an empty URL is reported on its attribute's quotes). */
export function refSpan(ref: UrlRef): Span {
  return ref.span.end > ref.span.start ? ref.span : { start: Math.max(0, ref.span.start - 1), end: ref.span.end + 1 };
}

/** The probe result for a candidate URL, when probes ran and it was checked. */
export function probeFor(ctx: RuleContext<unknown>, value: string): ProbeResult | undefined {
  const url = cleanUrl(withBase(value, ctx.settings.baseUrl));
  if (!/^https?:\/\//i.test(url)) return undefined;
  return ctx.probes?.get(url) ?? ctx.probes?.get(value.trim());
}

/** A severity no higher than warning (for "could not tell" findings). */
export function atMostWarning(ctx: RuleContext<unknown>): 'warning' | 'info' {
  return ctx.severity === 'info' ? 'info' : 'warning';
}

/** Lower case, without surrounding punctuation, arrows and quotes: "Click here »" → "click here". */
export function normalizeLinkText(s: string): string {
  const t = s.toLowerCase().replace(/[\s\u00a0]+/g, ' ');
  // Trimmed by loops: a `[…]+$` regex retries from every character of a long run of punctuation (quadratic).
  let start = 0;
  let end = t.length;
  while (start < end && isEdge(t.charCodeAt(start))) start++;
  while (end > start && isEdge(t.charCodeAt(end - 1))) end--;
  return t.slice(start, end).trim();
}

const EDGE = new Set([...' "\'“”‘’«»‹›<>→←↗➜➔▶►›»()[]{}.,:;!?！？。，：…-'].map((c) => c.charCodeAt(0)));
function isEdge(code: number): boolean {
  return EDGE.has(code) || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x0c || code === 0x0b || code === 0xa0;
}

/**
 * HTML links whose whole text is vague ("click here", from the `vagueLinkText` list): what
 * links/descriptive-text reports, with the span of the link text.
 */
export function vagueLinks(doc: TemplateDoc, list: readonly unknown[]): { ref: UrlRef; text: string; span: Span | undefined }[] {
  const vague = vagueSet(list);
  const out: { ref: UrlRef; text: string; span: Span | undefined }[] = [];
  if (!vague.size) return out;
  for (const ref of extractUrls(doc)) {
    if (ref.kind !== 'link' || ref.part !== 'html' || !ref.linkText || ref.conditional || ref.linkText.includes('{{')) continue;
    const text = normalizeLinkText(ref.linkText);
    if (vague.has(text)) out.push({ ref, text, span: ref.linkTextSpan });
  }
  return out;
}

/** A list's entries normalised, once per list object (a config's lists live as long as it does; two rules ask on every review). */
const vagueSets = new WeakMap<readonly unknown[], Set<string>>();
function vagueSet(list: readonly unknown[]): Set<string> {
  let set = vagueSets.get(list);
  if (!set) vagueSets.set(list, (set = new Set(list.filter((s): s is string => typeof s === 'string').map(normalizeLinkText))));
  return set;
}
