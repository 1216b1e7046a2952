import { defineRule } from '../rule.js';
import { schemaInfo } from '../../analysis/schema.js';

export default defineRule({
  meta: {
    id: 'data/invalid-schema',
    category: 'data',
    description: 'A TemplateData JSON Schema that is not a valid schema: a wrong keyword value, an unknown keyword, a $ref that does not resolve, an unknown format.',
    defaultSeverity: 'error',
    defaultOptions: {},
  },
  messages: {
    invalid: (d) => `Invalid JSON Schema: ${d.message}. Fix the '${d.keyword}' keyword; until then the TemplateData cannot be validated against it.`,
  },
  check(doc, ctx) {
    const info = schemaInfo(doc);
    if (!info) return;
    for (const p of info.problems) ctx.report({ messageId: 'invalid', data: { message: p.message, keyword: p.keyword }, part: 'schema', span: p.span, evidence: p.keyword });
  },
});
