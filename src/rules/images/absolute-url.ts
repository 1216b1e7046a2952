import { defineRule } from '../rule.js';
import { extractUrls, isImageRef } from '../../analysis/urls.js';
import { judge, sampleNote, hasBaseUrl } from '../../analysis/url-info.js';
import { refSpan, shown, where } from '../lib/refs.js';

export default defineRule({
  meta: {
    id: 'images/absolute-url',
    category: 'images',
    description: 'Relative, scheme-less (//host) or empty image URLs: mail clients have no base URL to resolve them against.',
    defaultSeverity: 'error',
    defaultOptions: {},
  },
  messages: {
    relative: (d) =>
      `Image URL '${d.url}' in ${d.where} is relative${d.note}: an email has no base URL, so no mail client can load it and the recipient sees a broken image. Use an absolute https:// URL on your image host (https://cdn.example.com/…), or, if your build rewrites relative URLs, say where the folder is published: settings.baseUrl in inboxlint.config.json (per folder with overrides: [{ files, settings }]) or --base-url.`,
    protocolRelative: (d) =>
      `Image URL '${d.url}' in ${d.where} has no scheme${d.note}: outside a web page '//' resolves against nothing (Outlook and desktop clients try file:// or fail). Write it with https: in front.`,
    empty: (d) => `Empty image URL in ${d.where}${d.note}: the client shows a broken image (and some fetch the message's own URL). Set the image URL, or remove the element.`,
  },
  check(doc, ctx) {
    const base = hasBaseUrl(ctx.settings);
    for (const ref of extractUrls(doc)) {
      if (!isImageRef(ref)) continue;
      for (const j of judge(ref, (info) => {
        if (info.cleaned === '') return { key: 'empty' };
        if (info.protocolRelative) return { key: 'protocolRelative' };
        // With an asset base URL the build rewrites relative URLs (and --check-urls fetches them there).
        if (info.relative) return base && !/^www\./i.test(info.cleaned) ? undefined : { key: 'relative' };
        return undefined;
      })) {
        const data = { where: where(ref), url: shown(j.value), note: sampleNote(j.samples) };
        const canFix = j.verdict.key === 'protocolRelative' && !j.samples.length && /^\s*\/\//.test(ref.url);
        ctx.report({
          messageId: j.verdict.key,
          data,
          part: ref.part,
          span: refSpan(ref),
          evidence: j.value || '(empty)',
          ...(canFix ? { fix: { span: { start: ref.span.start, end: ref.span.start }, text: 'https:' } } : {}),
        });
      }
    }
  },
});
