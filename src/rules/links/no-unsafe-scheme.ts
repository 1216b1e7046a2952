import { defineRule } from '../rule.js';
import { extractUrls } from '../../analysis/urls.js';
import { judge, sampleNote } from '../../analysis/url-info.js';
import { refSpan, shown } from '../lib/refs.js';

const DANGEROUS: Record<string, string> = {
  javascript: 'runs script: every mail client strips or disables it, and filters treat it as an attack',
  vbscript: 'runs script: mail clients disable it and filters treat it as an attack',
  data: 'opens inline content: browsers block top-level data: navigation, and it is a known phishing technique',
  file: "opens a file on the recipient's own computer (or a network share, leaking their credentials)",
  blob: 'only means something inside the page that created it',
  filesystem: 'only means something inside the page that created it',
};

export default defineRule<{ allowedSchemes: string[] }>({
  meta: {
    id: 'links/no-unsafe-scheme',
    category: 'links',
    description: 'Links with javascript:, vbscript:, data:, file: or other schemes mail clients cannot or must not open.',
    defaultSeverity: 'error',
    defaultOptions: { allowedSchemes: ['http', 'https', 'mailto', 'tel', 'sms'] },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        allowedSchemes: { type: 'array', items: { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9+.-]*$' } },
      },
    },
  },
  messages: {
    dangerous: (d) => `Link uses the ${d.scheme}: scheme${d.obfuscated}${d.note}, which ${d.why}. Link to an https:// page instead.`,
    unusual: (d) =>
      `Link uses the ${d.scheme}: scheme${d.note}: ${d.url}. Most mail clients and webmail cannot open it, and unusual schemes are a filter signal. Use an https:// link (it can redirect to an app link), or add '${d.scheme}' to allowedSchemes if it is intended.`,
  },
  check(doc, ctx) {
    const allowed = new Set(ctx.options.allowedSchemes.map((s) => s.toLowerCase()));
    for (const ref of extractUrls(doc)) {
      if (ref.kind !== 'link' && ref.kind !== 'stylesheet') continue;
      for (const j of judge(ref, (info) => (info.scheme && !allowed.has(info.scheme) ? { key: info.scheme, scheme: info.scheme } : undefined))) {
        const scheme = j.verdict.scheme;
        const why = DANGEROUS[scheme];
        const obfuscated = why && !j.samples.length && !new RegExp(`^\\s*${scheme}:`, 'i').test(ref.url) ? ' (hidden with entities or control characters)' : '';
        ctx.report({
          messageId: why ? 'dangerous' : 'unusual',
          data: { scheme, why, obfuscated, note: sampleNote(j.samples), url: shown(j.value) },
          part: ref.part,
          span: refSpan(ref),
          evidence: `${scheme}:`,
          ...(why ? {} : { severity: ctx.severity === 'info' ? 'info' : 'warning' }),
        });
      }
    }
  },
});
