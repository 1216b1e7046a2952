import { defineRule } from '../rule.js';
import type { LoadIssueKind } from '../../core/source.js';
import { headSpan } from '../lib/util.js';

const KINDS: LoadIssueKind[] = ['empty', 'binary', 'invalid-utf8', 'too-large', 'unreadable'];

export default defineRule({
  meta: {
    id: 'syntax/unreadable',
    category: 'syntax',
    description: 'Empty, binary, non-UTF-8, unreadable or oversized template files.',
    defaultSeverity: 'error',
    defaultOptions: {},
  },
  messages: {
    empty: () => 'The template is empty: there is nothing to send.',
    'empty-part': (d) => `The ${d.part} part is empty.`,
    binary: () => 'This is a binary file, not a template (it contains NUL bytes).',
    'invalid-utf8': (d) => `The file is not valid UTF-8 (${d.message}). Save it as UTF-8.`,
    'too-large': (d) => `${d.message}`,
    unreadable: (d) => `The file cannot be read: ${d.message}`,
  },
  check(doc, ctx) {
    for (const issue of doc.source.loadIssues ?? []) {
      if (!KINDS.includes(issue.kind)) continue;
      ctx.report({ messageId: issue.kind, data: { message: issue.message }, part: issue.part, span: issue.span ?? { start: 0, end: 0 } });
    }
    const html = doc.html;
    const loaded = (doc.source.loadIssues ?? []).some((i) => i.part === 'html' || i.part === 'text');
    if (loaded) return;
    const mainText = html ? html.text : doc.text?.text;
    if (mainText !== undefined && mainText.trim() === '') {
      ctx.report({ messageId: 'empty', part: html ? 'html' : 'text', span: headSpan(mainText) });
    }
  },
});
