import { defineRule } from '../rule.js';
import { concreteToString, isPlainObject, type Concrete } from '../../analysis/data-paths.js';
import { usageIndex, foldIndexes } from '../../analysis/usage.js';
import { modelFor, samplesOf, sampleName, dataKeySpan } from '../lib/data.js';

const MAX_NODES = 20_000;
const MAX_DEPTH = 64;

export default defineRule({
  meta: {
    id: 'data/unused-data-field',
    category: 'data',
    description: 'A TemplateData field that no variable in the template uses (a stale field, or a variable name that drifted).',
    defaultSeverity: 'info',
    defaultOptions: {},
  },
  messages: {
    unused: (d) => `'${d.at}' in ${d.sample} is not used by any variable in the template. Remove it from the data, or check the variable that should print it for a typo.`,
  },
  check(doc, ctx) {
    const samples = samplesOf(doc);
    if (!samples.length) return;
    const model = modelFor(doc, ctx);
    // Unknown or dynamic partials may read anything: stay quiet rather than guess.
    if (model.incomplete) return;
    const used = usageIndex(model.refs);
    const seen = new Set<string>();
    let nodes = 0;
    for (const s of samples) {
      const stack: { value: unknown; at: Concrete }[] = [{ value: s.sample, at: [] }];
      while (stack.length && nodes < MAX_NODES) {
        const { value, at } = stack.pop()!;
        nodes++;
        if (at.length > MAX_DEPTH) continue;
        if (Array.isArray(value)) {
          for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], at: [...at, i] });
        } else if (isPlainObject(value)) {
          const keys = Object.keys(value);
          for (let k = keys.length - 1; k >= 0; k--) {
            const key = keys[k]!;
            const p = [...at, key];
            if (used(p)) {
              stack.push({ value: value[key], at: p });
              continue;
            }
            const folded = foldIndexes(p);
            if (seen.has(folded)) continue;
            seen.add(folded);
            ctx.report({ messageId: 'unused', data: { at: concreteToString(p), sample: sampleName(doc, s.index) }, part: 'data', span: dataKeySpan(doc, [...s.base, ...p]), evidence: folded.replace(/\u0000/g, '.') });
          }
        }
      }
    }
  },
});
