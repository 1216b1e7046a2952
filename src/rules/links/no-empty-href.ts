import { defineRule } from '../rule.js';
import { elementsByTag } from '../../analysis/template-doc.js';
import { extractUrls } from '../../analysis/urls.js';
import { judge, sampleNote } from '../../analysis/url-info.js';
import { refSpan } from '../lib/refs.js';
import type { Element } from 'domhandler';

/** An ancestor of `el` is a `name` element (tag names are lower-cased by the parser). Walks up, no cheerio. */
function inside(el: Element, name: string): boolean {
  for (let p = el.parent; p; p = p.parent) if (p.type === 'tag' && (p as Element).name === name) return true;
  return false;
}

export default defineRule({
  meta: {
    id: 'links/no-empty-href',
    category: 'links',
    description: 'Links that go nowhere: href missing, empty, "#", or a template value that renders empty.',
    defaultSeverity: 'warning',
    defaultOptions: {},
  },
  messages: {
    missing: (d) => `<${d.tag}> has no href: it looks like a link or button but does nothing when clicked. Add the destination URL${d.tag === 'a' ? ' (or remove the <a> if it is not a link)' : ''}.`,
    empty: (d) => `Empty href${d.note}: clicking it reloads the webmail page or does nothing (some clients open the message's own URL). Set the destination URL, or remove the link.`,
    hash: (d) => `href="${d.value}" is a placeholder${d.note}: in an email it goes nowhere (Gmail and Outlook ignore it). Set the real destination URL, or remove the link.`,
  },
  check(doc, ctx) {
    const html = doc.html;
    if (!html) return;
    for (const el of elementsByTag(html, 'a', 'mj-button')) {
      const tag = el.tagName.toLowerCase();
      if (el.attribs.href !== undefined) continue;
      // Defaults in <mj-attributes> are not buttons.
      if (tag === 'mj-button' && inside(el, 'mj-attributes')) continue;
      // <a name="top"> / <a id="x"> are anchor targets, not links.
      if (tag === 'a' && (el.attribs.name !== undefined || el.attribs.id !== undefined || el.children.length === 0)) continue;
      const start = el.startIndex ?? 0;
      ctx.report({ messageId: 'missing', data: { tag }, part: 'html', span: { start, end: start + 1 + tag.length }, evidence: tag });
    }
    for (const ref of extractUrls(doc)) {
      if (ref.kind !== 'link' || ref.part !== 'html' || ref.attr !== 'href') continue;
      for (const j of judge(ref, (info) => {
        if (info.cleaned === '') return { key: 'empty' };
        if (info.cleaned === '#' || info.cleaned === '#!' || info.cleaned === '#0') return { key: 'hash' };
        return undefined;
      })) {
        ctx.report({
          messageId: j.verdict.key,
          data: { value: j.value.trim(), note: sampleNote(j.samples) },
          part: 'html',
          span: refSpan(ref),
          evidence: j.value.trim() || '(empty)',
        });
      }
    }
  },
});
