import { defineRule } from '../rule.js';
import { spanAt, keySpanAt, pointerToPath } from '../../analysis/json-paths.js';
// Standalone ajv code generated from meta-schema.ts (`npm run schema`): compiling the schema, and ajv's
// meta-schema with it, cost every start-up tens of milliseconds.
import { validateMeta as validate } from './meta-validator.generated.js';

export default defineRule({
  meta: {
    id: 'syntax/invalid-meta',
    category: 'syntax',
    description: 'A meta file (<name>.meta.json) whose fields have the wrong type or an unknown value.',
    defaultSeverity: 'error',
    defaultOptions: {},
  },
  messages: {
    notObject: () => 'The meta file must contain a JSON object such as {"subject": "…", "category": "transactional"}.',
    invalid: (d) => `Meta field '${d.field}' ${d.message}.`,
  },
  check(doc, ctx) {
    const json = doc.metaJson;
    if (!json || json.errors.length) return;
    const v = json.value;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      ctx.report({ messageId: 'notObject', part: 'meta', span: spanAt(json, []) });
      return;
    }
    if (validate(v)) return;
    for (const e of validate.errors ?? []) {
      const path = pointerToPath(e.instancePath);
      const message = e.keyword === 'enum' ? `must be one of ${(e.params as { allowedValues: string[] }).allowedValues.join(', ')}` : e.message ?? 'is invalid';
      ctx.report({ messageId: 'invalid', data: { field: path.join('.'), message }, part: 'meta', span: e.keyword === 'type' || e.keyword === 'enum' || e.keyword === 'pattern' ? spanAt(json, path) : keySpanAt(json, path), evidence: String(path.join('.')) });
    }
  },
});
