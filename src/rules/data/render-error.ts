import { defineRule } from '../rule.js';
import { renderSamples, renderOptionsFor } from '../../analysis/render.js';
import { headSpan } from '../lib/util.js';
import { modelFor, samplesOf, sampleName, dataSpan } from '../lib/data.js';

const PART_NAMES = { subject: 'subject', html: 'HTML part', text: 'text part' } as const;

export default defineRule({
  meta: {
    id: 'data/render-error',
    category: 'data',
    description: 'Rendering the template with a TemplateData sample fails (missing helper or partial, a helper that throws), as it would at send time.',
    defaultSeverity: 'error',
    defaultOptions: {},
  },
  messages: {
    budget: (d) => `Rendering the ${d.part} with ${d.sample} stops: ${d.error} (render budget, settings.limits). Every message sent would cost this much work, and nested loops over the data multiply it; render the lists once, not inside each other, or raise the limit if the template really is this large.`,
    failed: (d) => `Rendering the ${d.part} with ${d.sample} fails: ${d.error}. The provider would drop this message (AWS SES: Rendering Failure); fix the template or the data.`,
  },
  check(doc, ctx) {
    const samples = samplesOf(doc);
    if (!samples.length) return;
    const rendered = renderSamples(doc, renderOptionsFor(doc, ctx.settings));
    const model = modelFor(doc, ctx);
    const seen = new Set<string>();
    for (const r of rendered) {
      for (const key of ['subject', 'html', 'text'] as const) {
        const error = r[key]?.error;
        if (!error) continue;
        const budget = r[key]?.budget;
        // The same failure in every sample is one problem: report it once, for the first sample.
        if (seen.has(`${key}|${error}`)) continue;
        seen.add(`${key}|${error}`);
        const data = { part: PART_NAMES[key], sample: sampleName(doc, r.index), error: error.replace(/\.$/, '') };
        const helper = /Missing helper: "([^"]+)"/.exec(error)?.[1];
        const partial = /partial (\S+) could not be found/.exec(error)?.[1];
        const call = helper ? model.helpers.find((h) => h.part === key && h.name === helper) : partial ? model.partials.find((p) => p.part === key && p.name === partial) : undefined;
        // A helper or partial the template calls by name is data/unknown-helper's and data/unknown-partial's finding.
        if (call) continue;
        const messageId = budget ? 'budget' : 'failed';
        if (doc.dataJson) {
          ctx.report({ messageId, data, part: 'data', span: dataSpan(doc, samples[r.index]?.base ?? []), evidence: error });
        } else {
          const p = doc[key];
          if (p) ctx.report({ messageId, data, part: key, span: headSpan(p.text), evidence: error });
        }
      }
    }
  },
});
