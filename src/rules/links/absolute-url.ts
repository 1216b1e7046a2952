import { defineRule } from '../rule.js';
import { extractUrls } from '../../analysis/urls.js';
import { judge, sampleNote, hasBaseUrl, hostLike } from '../../analysis/url-info.js';
import { refSpan, shown } from '../lib/refs.js';

export default defineRule({
  meta: {
    id: 'links/absolute-url',
    category: 'links',
    description: 'Relative or scheme-less (//host) link URLs, which go nowhere in an email.',
    defaultSeverity: 'error',
    defaultOptions: {},
  },
  messages: {
    relative: (d) =>
      `Link '${d.url}' is relative${d.note}: an email has no base URL, so webmail resolves it against its own site and desktop clients go nowhere. Write the full https:// URL${d.hint}, or, if your build rewrites relative URLs, say where the folder is published: settings.baseUrl in inboxlint.config.json (per folder with overrides: [{ files, settings }]) or --base-url.`,
    protocolRelative: (d) => `Link '${d.url}' has no scheme${d.note}: outside a web page '//' resolves against nothing. Write it with https: in front.`,
    fillIn: (d) => `Link '${d.url}' is a fill-in placeholder left in the template${d.note}: no provider replaces it, so mail clients read it as a relative link and the reader goes nowhere. Put the real https:// URL here, or a merge tag your provider fills ({{url}}).`,
  },
  check(doc, ctx) {
    const base = hasBaseUrl(ctx.settings);
    for (const ref of extractUrls(doc)) {
      if (ref.part !== 'html' || (ref.kind !== 'link' && ref.kind !== 'stylesheet')) continue;
      for (const j of judge(ref, (info) => {
        if (info.cleaned === '' || info.cleaned.startsWith('#')) return undefined; // links/no-empty-href
        if (info.protocolRelative) return { key: 'protocolRelative' };
        // A bracketed label with spaces ("[CTA Link]") is a placeholder for a person to fill in, not a merge
        // tag (those have no spaces: SendGrid's [unsubscribe]), and no build rewrites it.
        if (info.relative && /^\[[^[\]]{1,80}\]$/.test(info.cleaned)) return { key: 'fillIn' };
        // With an asset base URL the build rewrites relative URLs (and --check-urls fetches them there).
        if (info.relative) return base && !/^www\./i.test(info.cleaned) ? undefined : { key: 'relative' };
        return undefined;
      })) {
        const www = /^www\./i.test(j.value.trim());
        // A host written without its scheme ("facebook.com"): suggested, not fixed, as "report.com.html" or a
        // folder named like a domain may be a file after all.
        const host = !www && j.verdict.key === 'relative' && hostLike(j.value);
        const hint = www || host ? ` (did you mean https://${j.value.trim()}?)` : '';
        const fixable = !j.samples.length && (j.verdict.key === 'protocolRelative' || www);
        ctx.report({
          messageId: j.verdict.key,
          data: { url: shown(j.value), note: sampleNote(j.samples), hint },
          part: 'html',
          span: refSpan(ref),
          evidence: j.value,
          ...(fixable ? { fix: { span: { start: ref.span.start, end: ref.span.start }, text: j.verdict.key === 'protocolRelative' ? 'https:' : 'https://' } } : {}),
          ...(host && !j.samples.length ? { suggestions: [{ title: `Write https://${j.value.trim()}`, fix: { span: { start: ref.span.start, end: ref.span.start }, text: 'https://' } }] } : {}),
        });
      }
    }
  },
});
