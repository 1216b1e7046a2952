import type { Element } from 'domhandler';
import { defineRule } from '../rule.js';
import { allElements, attributes, elementsByTag, startTagSpan } from '../../analysis/template-doc.js';
import { isJsonLd } from '../../analysis/json-ld.js';

const TAGS: Record<string, string> = {
  script: 'Scripts never run in mail clients and mark the message as dangerous (Gmail and Outlook strip them; gateways such as Proofpoint and Mimecast quarantine mail that contains them).',
  iframe: 'Frames are removed by Gmail, Outlook and Apple Mail, and are a phishing signal for gateways.',
  frame: 'Frames are removed by mail clients.',
  frameset: 'Frames are removed by mail clients.',
  object: 'Plug-in content is stripped by every major mail client and flagged by gateways.',
  embed: 'Plug-in content is stripped by every major mail client and flagged by gateways.',
  applet: 'Applets are stripped by every mail client.',
  form: 'Forms are disabled or stripped in Gmail and Outlook, and credential-style forms are a phishing signal (SpamAssassin HTML_FORM*).',
  base: '<base href> changes how every link resolves and is removed by Gmail; use absolute URLs.',
  meta_refresh: 'A meta refresh redirect is a phishing technique and is ignored by mail clients.',
};

export default defineRule({
  meta: {
    id: 'html/no-active-content',
    category: 'html',
    description: 'Scripts (not JSON-LD email markup), frames, plug-ins, forms, event handlers and other active content that mail clients strip and filters punish.',
    defaultSeverity: 'error',
    defaultOptions: {},
  },
  messages: {
    tag: (d) => `<${d.tag}> is not allowed in email. ${d.why} Remove it.`,
    handler: (d) => `Event handler '${d.attr}' is not allowed in email: scripts never run in mail clients and are a malware signal. Remove the attribute.`,
  },
  check(doc, ctx) {
    const html = doc.html;
    if (!html) return;
    for (const el of elementsByTag(html, 'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'base', 'meta')) {
      const tag = el.tagName.toLowerCase();
      // schema.org email markup is data, not a script: html/json-ld checks it.
      if (tag === 'script' && isJsonLd(el)) continue;
      const span = startTagSpan(html.masked, el);
      // <base target="_blank"> without href only sets where links open: nothing resolves differently.
      if (tag === 'base' && !(el.attribs.href ?? '').trim()) continue;
      if (tag === 'meta') {
        if ((el.attribs['http-equiv'] ?? '').toLowerCase() === 'refresh') ctx.report({ messageId: 'tag', data: { tag: 'meta http-equiv="refresh"', why: TAGS.meta_refresh }, part: 'html', span, evidence: 'meta refresh' });
        continue;
      }
      ctx.report({ messageId: 'tag', data: { tag, why: TAGS[tag] }, part: 'html', span, evidence: tag });
    }
    for (const el of allElements(html)) {
      // Cheap pre-check on the parsed attributes; spans come from the source only when needed.
      if (!hasHandler(el)) continue;
      for (const a of attributes(html, el)) {
        if (a.name.startsWith('on') && a.name.length > 2) {
          ctx.report({ messageId: 'handler', data: { attr: a.name }, part: 'html', span: { start: a.span.start - a.name.length - 2, end: a.span.end + 1 }, evidence: a.name });
        }
      }
    }
  },
});

function hasHandler(el: Element): boolean {
  for (const name in el.attribs) if (name.length > 2 && name.startsWith('on')) return true;
  return false;
}
