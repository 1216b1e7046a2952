import { defineRule } from '../rule.js';
import { schemaInfo, declaredProperties, keySpanAt } from '../../analysis/schema.js';
import { usageIndex, foldIndexes } from '../../analysis/usage.js';
import { concreteToString } from '../../analysis/data-paths.js';
import { modelFor } from '../lib/data.js';

export default defineRule({
  meta: {
    id: 'data/schema-unused-property',
    category: 'data',
    description: 'A property the TemplateData JSON Schema declares that no variable in the template uses.',
    defaultSeverity: 'warning',
    defaultOptions: {},
  },
  messages: {
    unused: (d) => `The schema declares '${d.path}'${d.required}, but no variable in the template uses it. Remove it from the schema, or use it in the template (check for a renamed variable).`,
  },
  check(doc, ctx) {
    const info = schemaInfo(doc);
    if (!info?.validate || !doc.schemaJson) return;
    const model = modelFor(doc, ctx);
    if (model.incomplete) return;
    const used = usageIndex(model.refs);
    // Unused properties reported (folded paths): each is also the prefix of properties inside it.
    const reported = new Set<string>();
    for (const p of declaredProperties(info.root)) {
      const folded = foldIndexes(p.data);
      // Report the outermost unused property only (its ancestors looked up, not every unused one compared:
      // 35,000 declared properties took 24 s).
      if (insideReported(folded, reported)) continue;
      if (used(p.data)) continue;
      if (reported.has(folded)) continue;
      reported.add(folded);
      ctx.report({
        messageId: 'unused',
        data: { path: concreteToString(p.data).replace(/\[0\]/g, '[]'), required: p.required ? ' (required)' : '' },
        part: 'schema',
        span: keySpanAt(doc.schemaJson, p.ptr),
        evidence: folded.replace(/\u0000/g, '.'),
      });
    }
  },
});

/** Is a proper ancestor of `folded` (a path whose segments are joined by U+0000) in `reported`? */
function insideReported(folded: string, reported: ReadonlySet<string>): boolean {
  for (let i = folded.indexOf('\u0000'); i >= 0; i = folded.indexOf('\u0000', i + 1)) if (reported.has(folded.slice(0, i))) return true;
  return false;
}
