/** URLs a template points at, for probes and link/image rules. */
import type { ProbeRequest } from '../core/probe-port.js';
import type { TemplateDoc } from './template-doc.js';
import { attribute } from './template-doc.js';
import type { Element } from 'domhandler';

const IMAGE_ATTRS: [string, string][] = [
  ['img', 'src'],
  ['mj-image', 'src'],
];
const LINK_ATTRS: [string, string][] = [
  ['a', 'href'],
  ['area', 'href'],
  ['mj-button', 'href'],
  ['mj-image', 'href'],
];

/** Static absolute http(s) URLs to check (dynamic ones need TemplateData; see the data rules). */
export function collectProbeRequests(doc: TemplateDoc): ProbeRequest[] {
  const html = doc.html;
  if (!html) return [];
  const seen = new Map<string, ProbeRequest>();
  const add = (pairs: [string, string][], kind: ProbeRequest['kind']) => {
    for (const [tag, name] of pairs) {
      html.dom(tag).each((_, el) => {
        const a = attribute(html, el as Element, name);
        if (!a || a.dynamic) return;
        const url = a.raw.trim();
        if (/^https?:\/\//i.test(url) && !seen.has(`${kind} ${url}`)) seen.set(`${kind} ${url}`, { url, kind });
      });
    }
  };
  add(IMAGE_ATTRS, 'image');
  add(LINK_ATTRS, 'link');
  return [...seen.values()];
}
