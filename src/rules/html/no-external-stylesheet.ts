import { defineRule } from '../rule.js';
import { elementsByTag, startTagSpan } from '../../analysis/template-doc.js';

const FONT_HOSTS = /^(?:https?:)?\/\/(?:fonts\.googleapis\.com|use\.typekit\.net|fonts\.bunny\.net|p\.typekit\.net|fast\.fonts\.net)\//i;

export default defineRule({
  meta: {
    id: 'html/no-external-stylesheet',
    category: 'html',
    description: 'External stylesheets (<link rel="stylesheet">, CSS @import) that most mail clients do not load.',
    defaultSeverity: 'warning',
    defaultOptions: {},
  },
  messages: {
    stylesheet: (d) => `External stylesheet ${d.href}: Gmail, Yahoo and most webmail never load it, so the layout falls apart there. Put the CSS in a <style> block (or inline it).`,
    importRule: (d) => `CSS @import of ${d.href}: Gmail, Yahoo and most webmail ignore it. Put the CSS in the <style> block itself.`,
    webFont: (d) => `Web font stylesheet ${d.href}: only Apple Mail, iOS and a few other clients load it; everywhere else the fallback font is used. Keep a fallback font in every font-family (this is fine otherwise).`,
  },
  check(doc, ctx) {
    const html = doc.html;
    if (!html) return;
    for (const el of elementsByTag(html, 'link')) {
      if (!(el.attribs.rel ?? '').toLowerCase().split(/\s+/).includes('stylesheet')) continue;
      const href = (el.attribs.href ?? '').trim();
      const messageId = FONT_HOSTS.test(href) ? 'webFont' : 'stylesheet';
      ctx.report({ messageId, data: { href: href || '(no href)' }, part: 'html', span: startTagSpan(html.masked, el), evidence: href, ...(messageId === 'webFont' ? { severity: 'info' as const, points: 0 } : {}) });
    }
    for (const el of elementsByTag(html, 'style', 'mj-style')) {
      const start = el.startIndex ?? 0;
      const body = html.masked.slice(start, (el.endIndex ?? start) + 1);
      // `\s+(?:url\()?\s*` written so that each space has one place to go: with `url(` absent the two runs of
      // spaces met, and 33 KB of spaces after an @import (fuzz seed 1919 #10906) took 0.8 s to fail.
      for (const m of body.matchAll(/@import\s+(?:url\(\s*)?["']?([^"')\s;]+)/gi)) {
        const href = m[1]!;
        const messageId = FONT_HOSTS.test(href) ? 'webFont' : 'importRule';
        ctx.report({ messageId, data: { href }, part: 'html', span: { start: start + m.index, end: start + m.index + m[0].length }, evidence: href, ...(messageId === 'webFont' ? { severity: 'info' as const, points: 0 } : {}) });
      }
    }
  },
});
