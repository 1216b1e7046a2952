import { defineRule } from '../rule.js';
import { variableOptions } from '../../analysis/variables.js';
import { modelFor, didYouMean } from '../lib/data.js';

export default defineRule({
  meta: {
    id: 'data/unknown-partial',
    category: 'data',
    description: 'A partial ({{> name}}) that is neither inline ({{#*inline}}), in the bundle\'s <name>.partials/ folder, nor declared in settings.partials; or any partial where the provider has none.',
    defaultSeverity: 'error',
    defaultOptions: {},
  },
  messages: {
    unknown: (d) => `Partial '${d.name}' is not defined: rendering fails with "The partial ${d.name} could not be found".${d.hint} ${d.folder ? `Put it in ${d.folder}, define it` : 'Define it in the template'} with {{#*inline "${d.name}"}}…{{/inline}}, or declare it in settings.partials.`,
    unknownOwn: (d) =>
      `Partial '${d.name}' is not among the partials this review has: none are declared (${d.folder ? `no ${d.folder.replace(/\/[^/]*$/, '/')} folder, ` : ''}no settings.partials) and no provider is set. If your own renderer registers it (Handlebars.registerPartial; Vendure and Ghost register a folder of them), this is fine: declare them so the data checks read them; a sending service's stored templates (AWS SES) fail with "The partial ${d.name} could not be found".`,
    unsupported: (d) => `${d.provider} templates have no partials: '{{> ${d.name}}}' reaches the recipient as is. Inline the partial's content before uploading the template.`,
  },
  check(doc, ctx) {
    const opts = variableOptions(doc, ctx.settings);
    const model = modelFor(doc, ctx);
    const known = new Set([...Object.keys(doc.source.partials ?? {}), ...Object.keys(opts.partials ?? {})]);
    for (const p of model.partials) {
      if (p.dynamic) continue;
      if (opts.provider === 'sendgrid' || opts.provider === 'tencent') {
        if (opts.provider === 'tencent') continue; // data/provider-syntax reports every non-variable mustache
        ctx.report({ messageId: 'unsupported', data: { provider: 'SendGrid', name: p.name }, part: p.part, span: p.span, evidence: p.name });
        continue;
      }
      if (p.found) continue;
      const near = didYouMean(p.name, known);
      // Partials nobody declared, with no provider: the sender's renderer may register them (as helpers,
      // data/unknown-helper's unknownOwn). Declared partials without this one, or a provider: a real miss.
      const own = known.size === 0 && opts.provider === 'generic';
      ctx.report({
        messageId: own ? 'unknownOwn' : 'unknown',
        ...(own ? { severity: 'warning' as const } : {}),
        // A template of files can have a partials folder; one given as strings (a service request, the
        // library's templateSource) has none to put it in.
        data: { name: p.name, hint: near ? ` Did you mean '${near.name}'?` : known.size ? ` Known partials: ${[...known].slice(0, 8).join(', ')}.` : '', folder: doc.source.origin === 'api' ? '' : `${doc.name}.partials/${p.name}.hbs` },
        part: p.part,
        span: p.span,
        evidence: p.name,
      });
    }
  },
});
