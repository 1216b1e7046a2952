import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'syntax/mjml-include',
    category: 'syntax',
    description: 'An <mj-include> whose file is missing, includes itself, or nests too deep: MJML compiles the template without it.',
    defaultSeverity: 'error',
    defaultOptions: {},
  },
  messages: {
    missing: (d) => `<mj-include path="${d.path}">: no file ${d.resolved} (paths are relative to the file that includes them). MJML compiles the template without it, so the mail lacks that part. Fix the path or add the file.`,
    cycle: (d) => `<mj-include path="${d.path}"> includes ${d.resolved}, which is already being included: MJML stops with "Circular inclusion detected". Remove the loop.`,
    'too-deep': (d) => `<mj-include path="${d.path}"> nests includes more than 10 deep; the rest was not read. Flatten the includes.`,
  },
  check(doc, ctx) {
    for (const m of doc.missingIncludes) {
      ctx.report({ messageId: m.reason, data: { path: m.path, resolved: m.resolved }, part: 'html', span: m.span, evidence: m.resolved });
    }
  },
});
