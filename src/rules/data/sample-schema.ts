import { defineRule } from '../rule.js';
import type { ErrorObject } from 'ajv';
import { schemaInfo } from '../../analysis/schema.js';
import { pointerToPath } from '../../analysis/json-paths.js';
import { concreteToString } from '../../analysis/data-paths.js';
import { samplesOf, sampleName, dataSpan, dataKeySpan, cap } from '../lib/data.js';

const MAX_PER_SAMPLE = 20;

function describe(e: ErrorObject): string {
  const p = e.params as Record<string, any>;
  switch (e.keyword) {
    case 'required':
      return `lacks the required property '${p.missingProperty}'`;
    case 'additionalProperties':
      return `has the property '${p.additionalProperty}', which the schema does not allow`;
    case 'type':
      return `must be ${p.type}`;
    case 'enum':
      return `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'format':
      return `must be a valid ${p.format}`;
    case 'const':
      return `must be ${JSON.stringify(p.allowedValue)}`;
    default:
      return e.message ?? 'is invalid';
  }
}

export default defineRule({
  meta: {
    id: 'data/sample-schema',
    category: 'data',
    description: 'A TemplateData sample that does not validate against the bundle\'s JSON Schema (ajv, with formats), located at the offending value.',
    defaultSeverity: 'error',
    defaultOptions: {},
  },
  messages: {
    invalid: (d) => `${cap(d.sample)}: ${d.what} ${d.problem} (schema ${d.schemaPath}). Fix the value or the schema.`,
  },
  check(doc, ctx) {
    const info = schemaInfo(doc);
    if (!info?.validate) return;
    for (const s of samplesOf(doc)) {
      if (info.validate(s.sample)) continue;
      const seen = new Set<string>();
      let n = 0;
      for (const e of info.validate.errors ?? []) {
        // anyOf/oneOf report every branch; keep the first error per value and keyword.
        const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
        if (seen.has(key) || n >= MAX_PER_SAMPLE) continue;
        seen.add(key);
        n++;
        const path = pointerToPath(e.instancePath);
        const at = concreteToString(path);
        const extra = e.keyword === 'additionalProperties' ? (e.params as { additionalProperty: string }).additionalProperty : undefined;
        const span = extra !== undefined ? dataKeySpan(doc, [...s.base, ...path, extra]) : dataSpan(doc, [...s.base, ...path]);
        ctx.report({
          messageId: 'invalid',
          data: { sample: sampleName(doc, s.index), what: at ? `'${at}'` : 'the data', problem: describe(e), schemaPath: e.schemaPath },
          part: 'data',
          span,
          evidence: `${at || '/'} ${e.keyword}`,
        });
      }
    }
  },
});
