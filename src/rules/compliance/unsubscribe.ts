import { defineRule } from '../rule.js';
import type { Element } from 'domhandler';
import { attribute, elementsByTag, startTagSpan, textContent } from '../../analysis/template-doc.js';
import { headSpan } from '../lib/util.js';
import { templateCategory } from '../lib/content.js';

const WORDS = /unsub|opt[\s_-]?out|remove me|manage (?:your )?(?:email )?(?:preferences|subscriptions?)|email preferences|subscription preferences|退订|取消订阅|退訂/i;
/** Placeholders providers and ESPs replace with an unsubscribe link. */
const PLACEHOLDERS = /\*\|UNSUB\|\*|\[unsubscribe\]|<%asm_(?:group_)?unsubscribe_raw_url%>|%unsubscribe_url%|%tag_unsubscribe_url%|\{\{\s*\{?\s*amazonSESUnsubscribeUrl|\[\[UNSUB_LINK_[A-Z]{2}\]\]|\{unsubscribe\}|\$\{unsubscribe/i;

/** An unsubscribe link in raw markup: a link whose text or href says so, or an expression named so. */
// Inside a tag the scans stop at `<` as well as `>`: many unclosed `<a` would each scan to the end.
const UNSUB_IN_MARKUP = /<a\b[^<>]*href\s*=\s*["']?[^"'<>\s]*(?:unsub|opt-?out)[^<>]*>|<a\b[^<>]*href\s*=\s*["']?[^"'<>\s]+[^<>]*>[^<]*(?:unsub|opt[\s_-]?out|退订|取消订阅)|\{\{\{?\s*[\w.]*unsub/i;

/** "unsubscribe"/"退订" anywhere, or "unsub" in a URL (each URL read once: `https?:\/\/\S*unsub` rescanned). */
function textHasUnsubscribe(text: string): boolean {
  if (/unsubscribe|退订/i.test(text)) return true;
  for (const m of text.matchAll(/https?:\/\/\S*/gi)) if (/unsub/i.test(m[0])) return true;
  return false;
}

export default defineRule({
  meta: {
    id: 'compliance/unsubscribe',
    category: 'compliance',
    description: 'Marketing templates must carry a working unsubscribe link or the provider\'s unsubscribe placeholder.',
    defaultSeverity: 'warning',
    defaultOptions: {},
  },
  messages: {
    missing: () => 'This marketing template has no unsubscribe link: Gmail and Yahoo require bulk senders to offer an easy unsubscribe (February 2024 sender rules), CAN-SPAM requires an opt-out in every commercial message, and readers who cannot leave mark the mail as spam. Add a link such as <a href="{{unsubscribe_url}}">Unsubscribe</a>, or your provider\'s placeholder ({{amazonSESUnsubscribeUrl}}, *|UNSUB|*).',
    broken: (d) => `The unsubscribe link "${d.text}" points nowhere (href="${d.href}"): a link that does not work fails the Gmail/Yahoo and CAN-SPAM requirement as surely as none. Point it at your unsubscribe URL or placeholder.`,
  },
  check(doc, ctx) {
    if (templateCategory(ctx.settings) !== 'marketing' || ctx.settings.unsubscribeAdded === true) return;
    const html = doc.html;
    const sources = [doc.html?.text ?? '', doc.text?.text ?? ''];
    if (sources.some((s) => PLACEHOLDERS.test(s))) return;
    // A template expression whose name says unsubscribe ({{unsubscribe_url}}, {{{unsubscribeLink}}}).
    for (const p of [doc.html, doc.text]) if (p?.scan.mustaches.some((m) => (m.kind === 'expr' || m.kind === 'raw' || m.kind === 'merge-tag') && WORDS.test(m.inner))) return;
    // The footer often lives in a partial ({{> footer}}): its link counts, as in the rendered mail.
    for (const partial of Object.values(doc.source.partials ?? {})) {
      if (PLACEHOLDERS.test(partial.text) || UNSUB_IN_MARKUP.test(partial.text)) return;
    }
    let broken: { el: Element; text: string; href: string } | undefined;
    if (html) {
      let ok = false;
      for (const el of elementsByTag(html, 'a', 'area', 'mj-button', 'mj-navbar-link')) {
        const href = attribute(html, el, 'href');
        const text = textContent(el).trim();
        if (!WORDS.test(text) && !WORDS.test(href?.raw ?? '')) continue;
        const target = (href?.raw ?? '').trim();
        if (!target || target === '#' || /^javascript:/i.test(target)) {
          broken ??= { el, text: text.slice(0, 40), href: target };
          continue;
        }
        ok = true;
        break;
      }
      if (ok) return;
    }
    // Text-only templates: an unsubscribe URL or instruction in the text part.
    if (!html && doc.text && textHasUnsubscribe(doc.text.text)) return;
    if (broken && html) {
      ctx.report({ messageId: 'broken', data: { text: broken.text, href: broken.href }, part: 'html', span: startTagSpan(html.masked, broken.el), evidence: 'broken' });
      return;
    }
    const main = html ?? doc.text;
    if (!main) return;
    const body = html ? elementsByTag(html, 'body', 'mj-body')[0] : undefined;
    ctx.report({ messageId: 'missing', part: html ? 'html' : 'text', span: body && html ? startTagSpan(html.masked, body) : headSpan(main.text), evidence: 'missing' });
  },
});
