import { defineRule } from '../../core/rule.js';
import type { Element } from 'domhandler';
import { contentText, type HiddenRun } from '../../parse/text.js';
import { normalizePieces, VAR } from '../../parse/normalize.js';
import { startTagSpan } from '../../parse/template-doc.js';
import { truncate } from '../util.js';

const HOW: Record<string, string> = {
  'display-none': 'display:none',
  'visibility-hidden': 'visibility:hidden',
  'opacity-0': 'opacity:0',
  'tiny-font': 'a font size of',
  'zero-height': 'max-height:0 with overflow:hidden',
  'hidden-attribute': 'the hidden attribute',
  'low-contrast': 'a text colour almost equal to its background (contrast ratio',
};

export default defineRule({
  meta: {
    id: 'content/hidden-text',
    category: 'content',
    description: 'Text the reader cannot see (display:none, visibility:hidden, zero or tiny font, text colour equal or close to its background, also through <style> classes), other than a preheader.',
    defaultSeverity: 'warning',
    defaultOptions: {},
  },
  messages: {
    hidden: (d) => `This element hides its text with ${d.how}${d.detail ? ` ${d.detail}${d.reason === 'low-contrast' ? ')' : ''}` : ''}: "${d.text}". Hidden text is how spam poisons Bayesian filters, so SpamAssassin (HTML_FONT_LOW_CONTRAST, HTML_FONT_SIZE_TINY), rspamd and Microsoft 365 penalise it. Show the text or delete it; a preheader should be short and placed first in the body.`,
  },
  check(doc, ctx) {
    const html = doc.html;
    const pt = contentText(doc).html;
    if (!html || !pt) return;
    const byElement = new Map<Element, HiddenRun[]>();
    for (const h of pt.hidden) {
      if (h.preheader) continue;
      const arr = byElement.get(h.by);
      if (arr) arr.push(h);
      else byElement.set(h.by, [h]);
    }
    for (const [el, runs] of byElement) {
      const n = normalizePieces(runs, { entities: true, maps: false });
      // Only template expressions (a hidden {{tracking}} value) or fillers: nothing to judge here.
      const words = n.text.replaceAll(VAR, '').replace(/[\s\p{P}]/gu, '');
      if (!words) continue;
      const first = runs[0]!;
      ctx.report({
        messageId: 'hidden',
        data: { how: HOW[first.reason] ?? first.reason, reason: first.reason, detail: first.detail, text: truncate(n.text.replaceAll(VAR, '{{…}}').trim(), 50) },
        part: 'html',
        span: startTagSpan(html.masked, el),
        evidence: first.reason,
      });
    }
  },
});
