import { defineRule } from '../rule.js';
import { lookupCached, concreteToString, isPlainObject } from '../../analysis/data-paths.js';
import { displayPath } from '../../analysis/variables.js';
import { modelFor, samplesOf, sampleName, viaText, describeValue } from '../lib/data.js';

export default defineRule({
  meta: {
    id: 'data/each-not-list',
    category: 'data',
    description: '{{#each}} over a value that is not a list in the TemplateData (a string, a number, or an object iterated by mistake).',
    defaultSeverity: 'error',
    defaultOptions: {},
  },
  messages: {
    notList: (d) => `'{{#each ${d.original}}}'${d.via} iterates '${d.at}', which is ${d.what} in ${d.sample}, not a list: the loop renders nothing useful. Make '${d.at}' an array such as [{…}, {…}].`,
    object: (d) => `'{{#each ${d.original}}}'${d.via} iterates '${d.at}', which is an object in ${d.sample}: the loop runs over its values in key order. If a list was meant, make it an array; if not, use @key in the loop to show that it is intended.`,
  },
  check(doc, ctx) {
    const samples = samplesOf(doc);
    if (!samples.length) return;
    for (const ref of modelFor(doc, ctx).refs) {
      if (ref.use !== 'each') continue;
      for (const s of samples) {
        const hit = lookupCached(doc, s.index, s.sample, ref).found.find((f) => {
          const v = f.value;
          if (Array.isArray(v) || v === null || v === undefined || v === false || v === '' || v === 0) return false;
          return !isPlainObject(v) || !ref.keyed;
        });
        if (!hit) continue;
        const obj = isPlainObject(hit.value);
        ctx.report({
          messageId: obj ? 'object' : 'notList',
          data: { original: ref.original, via: viaText(ref), at: concreteToString(hit.at), what: describeValue(hit.value), sample: sampleName(doc, s.index) },
          part: ref.part,
          span: ref.span,
          evidence: displayPath(ref.path),
          ...(obj ? { severity: 'warning' as const } : {}),
        });
        break;
      }
    }
  },
});
