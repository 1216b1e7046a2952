import { defineRule } from '../rule.js';
import { extractUrls, type UrlRef } from '../../analysis/urls.js';
import { normalizeLinkText, refSpan, vagueLinks } from '../lib/refs.js';

export { normalizeLinkText };
import { truncate } from '../lib/util.js';

function textOf(ref: UrlRef): string {
  const alts = (ref.imageAlts ?? []).filter((a) => a.trim()).join(' ');
  return [ref.linkText ?? '', alts].join(' ').trim();
}

export default defineRule({
  meta: {
    id: 'links/descriptive-text',
    category: 'links',
    description: 'Vague link text ("click here", "read more", "点击这里") and links with no text at all.',
    defaultSeverity: 'warning',
    defaultOptions: {},
  },
  messages: {
    vague: (d) =>
      `Link text '${d.text}' does not say where the link goes: screen-reader users who jump from link to link hear only "${d.text}" (WCAG 2.4.4 Link Purpose), and "click here" wording is a long-standing spam signal (SpamAssassin's CLICK_BELOW / HTML_LINK_CLICK_HERE family). Name the destination or action instead ("View your invoice", "Reset your password").`,
    noText: (d) =>
      `<${d.tag}> has no text${d.image ? ' and its image has no alt text' : ''}: screen readers read out the raw URL, and with images off the link is invisible. Give the link text${d.image ? ', or describe the image in alt="…"' : ''}.`,
  },
  check(doc, ctx) {
    const vague = new Set(vagueLinks(doc, ctx.list('vagueLinkText')).map((v) => v.ref));
    for (const ref of extractUrls(doc)) {
      if (ref.kind !== 'link' || ref.part !== 'html' || ref.linkText === undefined || ref.conditional) continue;
      const text = textOf(ref);
      if (!text) {
        if (ref.tag === 'a' || ref.tag === 'mj-button' || ref.tag === 'mj-image' || ref.tag === 'area') {
          ctx.report({ messageId: 'noText', data: { tag: ref.tag, image: (ref.imageAlts ?? []).length > 0 || ref.tag === 'mj-image' }, part: 'html', span: refSpan(ref), evidence: ref.value });
        }
        continue;
      }
      if (vague.has(ref)) {
        const shownText = truncate(ref.linkText, 40);
        ctx.report({ messageId: 'vague', data: { text: shownText }, part: 'html', span: ref.linkTextSpan ?? refSpan(ref), evidence: normalizeLinkText(ref.linkText) });
      }
    }
  },
});
