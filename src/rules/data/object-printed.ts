import { defineRule } from '../rule.js';
import { lookupCached, concreteToString } from '../../analysis/data-paths.js';
import { displayPath } from '../../analysis/variables.js';
import { modelFor, samplesOf, sampleName, viaText } from '../lib/data.js';

/** What Array.prototype.join shows for an element (TemplateData objects have no prototype, so no String()). */
function asText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(asText).join(',');
  return typeof v === 'object' ? '[object Object]' : String(v);
}

export default defineRule({
  meta: {
    id: 'data/object-printed',
    category: 'data',
    description: 'A variable printed as text whose TemplateData value is an object or a list (the recipient sees "[object Object]" or "a,b,c").',
    defaultSeverity: 'error',
    defaultOptions: {},
  },
  messages: {
    object: (d) => `'${d.original}'${d.via} prints '${d.at}', which is an object in ${d.sample}: the recipient sees "[object Object]". Print one of its fields instead (e.g. '${d.original}.${d.field}').`,
    list: (d) => `'${d.original}'${d.via} prints '${d.at}', which is a list in ${d.sample}: the recipient sees its items joined by commas ("${d.joined}"). Loop over it with {{#each ${d.original}}}…{{/each}}.`,
  },
  check(doc, ctx) {
    const samples = samplesOf(doc);
    if (!samples.length) return;
    for (const ref of modelFor(doc, ctx).refs) {
      if (ref.use !== 'print' && ref.use !== 'raw') continue;
      for (const s of samples) {
        const hit = lookupCached(doc, s.index, s.sample, ref).found.find((f) => typeof f.value === 'object' && f.value !== null);
        if (!hit) continue;
        const list = Array.isArray(hit.value);
        const joined = list ? (hit.value as unknown[]).slice(0, 5).map(asText).join(',').slice(0, 40) : '';
        const field = list ? '' : (Object.keys(hit.value as object)[0] ?? 'name');
        ctx.report({
          messageId: list ? 'list' : 'object',
          data: { original: ref.original, via: viaText(ref), at: concreteToString(hit.at), sample: sampleName(doc, s.index), joined, field },
          part: ref.part,
          span: ref.span,
          evidence: displayPath(ref.path),
        });
        break;
      }
    }
  },
});
