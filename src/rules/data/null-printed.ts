import { defineRule } from '../rule.js';
import { lookupCached, concreteToString } from '../../analysis/data-paths.js';
import { displayPath } from '../../analysis/variables.js';
import { modelFor, samplesOf, sampleName, viaText } from '../lib/data.js';

export default defineRule({
  meta: {
    id: 'data/null-printed',
    category: 'data',
    description: 'A variable printed as text whose TemplateData value is null: it renders as an empty string.',
    defaultSeverity: 'warning',
    defaultOptions: {},
  },
  messages: {
    null: (d) => `'${d.original}'${d.via} prints '${d.at}', which is null in ${d.sample}: the recipient sees nothing there. Send a value, or wrap it in {{#if ${d.original}}}…{{/if}} with a fallback in {{else}}.`,
  },
  check(doc, ctx) {
    const samples = samplesOf(doc);
    if (!samples.length) return;
    for (const ref of modelFor(doc, ctx).refs) {
      if ((ref.use !== 'print' && ref.use !== 'raw') || ref.defaulted) continue;
      for (const s of samples) {
        const hit = lookupCached(doc, s.index, s.sample, ref).found.find((f) => f.value === null);
        if (!hit) continue;
        ctx.report({ messageId: 'null', data: { original: ref.original, via: viaText(ref), at: concreteToString(hit.at), sample: sampleName(doc, s.index) }, part: ref.part, span: ref.span, evidence: displayPath(ref.path) });
        break;
      }
    }
  },
});
