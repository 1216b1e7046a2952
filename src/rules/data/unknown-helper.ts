import { defineRule } from '../rule.js';
import { knownHelpers, variableOptions, SENDGRID_HELPERS, BUILTIN_HELPERS } from '../../analysis/variables.js';
import { modelFor, didYouMean } from '../lib/data.js';

export default defineRule({
  meta: {
    id: 'data/unknown-helper',
    category: 'data',
    description: 'A helper the provider does not have: not a Handlebars built-in, not in the provider\'s helper set (SendGrid), not declared in settings.helpers.',
    defaultSeverity: 'error',
    defaultOptions: {},
  },
  messages: {
    unknown: (d) => `Unknown helper '${d.name}'${d.provider}: rendering fails with "Missing helper: ${d.name}".${d.hint} Use one of ${d.known}, or declare custom helpers in the config's settings.helpers.`,
  },
  check(doc, ctx) {
    const opts = variableOptions(doc, ctx.settings);
    if (opts.provider === 'tencent') return; // data/provider-syntax: Tencent has no helpers at all
    const known = knownHelpers(opts);
    for (const h of modelFor(doc, ctx).helpers) {
      if (known.has(h.name)) continue;
      const near = didYouMean(h.name, [...known, ...SENDGRID_HELPERS]);
      const inSendgrid = (SENDGRID_HELPERS as readonly string[]).includes(h.name) && opts.provider !== 'sendgrid';
      const hint = inSendgrid ? ` '${h.name}' is a SendGrid helper; this template's provider is ${opts.provider}.` : near ? ` Did you mean '${near.name}'?` : '';
      const set = opts.provider === 'sendgrid' ? SENDGRID_HELPERS : BUILTIN_HELPERS;
      ctx.report({
        messageId: 'unknown',
        data: { name: h.name, provider: opts.provider === 'generic' ? '' : ` for ${opts.provider}`, hint, known: set.join(', ') },
        part: h.part,
        span: h.span,
        evidence: h.name,
      });
    }
  },
});
