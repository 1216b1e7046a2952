import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import { defineRule } from '../rule.js';
import { spanAt, keySpanAt, pointerToPath } from '../../analysis/json-paths.js';

const metaSchema = {
  type: 'object',
  properties: {
    subject: { type: 'string' },
    category: { enum: ['transactional', 'notification', 'marketing'] },
    locale: { type: 'string', pattern: '^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$' },
    provider: { enum: ['generic', 'aws', 'tencent', 'sendgrid'] },
    profile: { type: 'string' },
  },
};
// Compiled on first use (a meta file), without checking this fixed schema against the meta-schema: that
// compile cost every start-up tens of milliseconds.
let validateMeta: ValidateFunction | undefined;

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
    const validate = (validateMeta ??= new Ajv2020({ allErrors: true, validateSchema: false }).compile(metaSchema));
    if (validate(v)) return;
    for (const e of validate.errors ?? []) {
      const path = pointerToPath(e.instancePath);
      const message = e.keyword === 'enum' ? `must be one of ${(e.params as { allowedValues: string[] }).allowedValues.join(', ')}` : e.message ?? 'is invalid';
      ctx.report({ messageId: 'invalid', data: { field: path.join('.'), message }, part: 'meta', span: e.keyword === 'type' || e.keyword === 'enum' || e.keyword === 'pattern' ? spanAt(json, path) : keySpanAt(json, path), evidence: String(path.join('.')) });
    }
  },
});
