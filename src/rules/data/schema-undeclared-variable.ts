import { defineRule } from '../rule.js';
import { schemaInfo, lookupSchema } from '../../analysis/schema.js';
import { displayPath } from '../../analysis/variables.js';
import { modelFor, viaText, didYouMean } from '../lib/data.js';

export default defineRule({
  meta: {
    id: 'data/schema-undeclared-variable',
    category: 'data',
    description: 'A template variable the TemplateData JSON Schema does not declare (an error when the schema forbids other properties).',
    defaultSeverity: 'warning',
    defaultOptions: {},
  },
  messages: {
    closed: (d) => `'${d.original}'${d.via} reads '${d.path}', but the schema does not declare '${d.key}'${d.parent} and forbids other properties (additionalProperties: false), so no valid TemplateData can fill it.${d.hint} Declare it in the schema or fix the variable name.`,
    open: (d) => `'${d.original}'${d.via} reads '${d.path}', which the schema does not declare ('${d.key}'${d.parent}).${d.hint} Declare it in the schema so senders know to send it.`,
  },
  check(doc, ctx) {
    const info = schemaInfo(doc);
    if (!info?.validate) return;
    for (const ref of modelFor(doc, ctx).refs) {
      const r = lookupSchema(info.root, ref.path);
      if (r.status !== 'undeclared') continue;
      const key = ref.path[r.index]!;
      const parentPath = ref.path.slice(0, r.index);
      let names: string[] = [];
      let t: any = info.root;
      for (const k of r.parentPtr) t = t?.[k];
      if (t && typeof t.properties === 'object' && t.properties) names = Object.keys(t.properties);
      const near = didYouMean(key, names);
      ctx.report({
        messageId: r.closed ? 'closed' : 'open',
        data: { original: ref.original, via: viaText(ref), path: displayPath(ref.path), key, parent: parentPath.length ? ` in '${displayPath(parentPath)}'` : '', hint: near ? ` Did you mean '${near.name}'?` : '' },
        part: ref.part,
        span: ref.span,
        evidence: displayPath(ref.path),
        severity: r.closed ? 'error' : ctx.severity,
      });
    }
  },
});
