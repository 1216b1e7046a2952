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
    unknownOwn: (d) =>
      `'${d.name}' is not a Handlebars built-in, and no provider is set: a renderer of your own may register it (Handlebars.registerHelper, Handlebars.Net, handlebars-rust), but a sending service's stored templates (AWS SES, SendGrid, Postmark) fail with "Missing helper: ${d.name}".${d.hint} Declare it in the config's settings.helpers if your renderer has it; set settings.provider if the template is stored with a service.`,
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
      // With no provider, where the template renders is not known: a helper may be the sender's own (Bitwarden's
      // and Ghost's templates call helpers their servers register). A near miss of a built-in is a typo wherever.
      const typo = near !== undefined && (BUILTIN_HELPERS as readonly string[]).includes(near.name);
      const own = opts.provider === 'generic' && !typo;
      ctx.report({
        messageId: own ? 'unknownOwn' : 'unknown',
        ...(own ? { severity: 'warning' as const } : {}),
        data: { name: h.name, provider: opts.provider === 'generic' ? '' : ` for ${opts.provider}`, hint, known: set.join(', ') },
        part: h.part,
        span: h.span,
        evidence: h.name,
      });
    }
  },
});
