import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'syntax/mjml-include',
    category: 'syntax',
    description: 'An <mj-include> whose file is missing, includes itself, or nests too deep: MJML compiles the template without it. One whose whole folder is absent (partials not copied) is reported as not reviewed.',
    defaultSeverity: 'error',
    defaultOptions: {},
  },
  messages: {
    missing: (d) => `<mj-include path="${d.path}">: no file ${d.resolved} (paths are relative to the file that includes them). MJML compiles the template without it, so the mail lacks that part. Fix the path or add the file.`,
    unavailable: (d) => `<mj-include path="${d.path}">: not reviewed, because its folder (${d.folder}) is not beside the template either, as when a template is copied out of its project without its partials. Review the template with the folder it includes from; if that folder's name is wrong, MJML compiles the template without ${d.resolved}, and the mail lacks that part.`,
    cycle: (d) => `<mj-include path="${d.path}"> includes ${d.resolved}, which is already being included: MJML stops with "Circular inclusion detected". Remove the loop.`,
    'too-deep': (d) => `<mj-include path="${d.path}"> nests includes more than 10 deep; the rest was not read. Flatten the includes.`,
  },
  check(doc, ctx) {
    for (const m of doc.missingIncludes) {
      const folder = m.resolved.includes('/') ? m.resolved.slice(0, m.resolved.lastIndexOf('/') + 1) : './';
      ctx.report({ messageId: m.reason, data: { path: m.path, resolved: m.resolved, folder }, part: 'html', span: m.span, evidence: m.resolved, ...(m.reason === 'unavailable' ? { severity: 'warning' as const } : {}) });
    }
  },
});
