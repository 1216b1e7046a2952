/** Helpers shared by the image and link rules (URL references, probe results). */
import type { Span } from '../core/types.js';
import type { RuleContext } from '../core/rule.js';
import type { ProbeResult } from '../core/probe-port.js';
import type { UrlRef } from '../parse/urls.js';
import { cleanUrl, withBase } from '../parse/url-info.js';
import { truncate } from './util.js';

/** The URL shown in messages: short, one line. */
export function shown(url: string): string {
  return truncate(url.replace(/\s+/g, ' '), 80);
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
