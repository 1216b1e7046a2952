import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'syntax/invalid-json',
    category: 'syntax',
    description: 'Malformed JSON in a sidecar file (meta, TemplateData, schema) or provider template.',
    defaultSeverity: 'error',
    defaultOptions: {},
  },
  messages: {
    syntax: (d) => `Invalid JSON in ${d.file}: ${d.message}.`,
    provider: (d) => `${d.message}`,
  },
  check(doc, ctx) {
    const files = [
      ['meta', doc.metaJson],
      ['data', doc.dataJson],
      ['schema', doc.schemaJson],
    ] as const;
    for (const [part, json] of files) {
      if (!json) continue;
      const file = part === 'meta' ? 'the meta file' : part === 'data' ? 'the TemplateData' : 'the JSON Schema';
      // One finding per file: after the first error a JSON parser mostly reports consequences.
      const e = json.errors[0];
      if (e) ctx.report({ messageId: 'syntax', data: { file, message: e.message }, part, span: e.span, evidence: json.text.slice(e.span.start, e.span.end) });
    }
    for (const issue of doc.source.loadIssues ?? []) {
      if (issue.kind === 'invalid-json' || issue.kind === 'invalid-provider-json') {
        ctx.report({ messageId: issue.kind === 'invalid-json' ? 'syntax' : 'provider', data: { file: issue.path, message: issue.message }, part: issue.part, span: issue.span ?? { start: 0, end: 1 } });
      }
    }
  },
});
