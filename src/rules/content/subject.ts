import { defineRule } from '../../core/rule.js';
import { headSpan, unreadable } from '../util.js';

export const subjectMissing = defineRule({
  meta: {
    id: 'content/subject-missing',
    category: 'content',
    description: 'The template has no subject, or an empty one.',
    defaultSeverity: 'error',
    defaultOptions: {},
  },
  messages: {
    missing: (d) => `No subject: ${d.hint}. Providers refuse templates without one (AWS SES SubjectPart, Tencent Cloud SES Subject) and filters score empty subjects as spam (SpamAssassin MISSING_SUBJECT).`,
    empty: () => 'The subject is empty: write a subject that says what the message is about.',
  },
  check(doc, ctx) {
    if (unreadable(doc)) return;
    if (!doc.subject) {
      const main = doc.html ?? doc.text;
      const meta = doc.source.metaPath ?? `${doc.name}.meta.json`;
      const keys = doc.source.providerKeys;
      const hint =
        doc.source.origin === 'aws'
          ? `add ${keys?.prefix ?? ''}${keys?.subject ?? 'SubjectPart'}`
          : doc.source.origin === 'tencent'
            ? `add "subject" to ${meta} (Tencent Cloud SES templates carry none: it is given when sending)`
            : `add "subject" to ${meta}`;
      ctx.report({ messageId: 'missing', data: { hint }, part: doc.html ? 'html' : 'text', span: headSpan(main?.text ?? '') });
    } else if (!doc.subject.text.trim()) {
      ctx.report({ messageId: 'empty', part: 'subject', span: { start: 0, end: doc.subject.text.length } });
    }
  },
});

export const subjectLength = defineRule<{ max: number }>({
  meta: {
    id: 'content/subject-length',
    category: 'content',
    description: 'A subject longer than mail clients show (100 characters by default).',
    defaultSeverity: 'warning',
    defaultOptions: { max: 100 },
    schema: { type: 'object', additionalProperties: false, properties: { max: { type: 'integer', minimum: 1 } } },
    points: 1,
  },
  messages: {
    long: (d) => `The subject is ${d.length} characters, over ${d.max}: Gmail and mobile clients cut it off around 40–70 characters and long subjects are a spam signal. Shorten it.`,
  },
  check(doc, ctx) {
    const s = doc.subject;
    if (!s) return;
    // Count characters (code points) as the reader sees them; template expressions count as written.
    const length = [...s.text.trim()].length;
    if (length > ctx.options.max) {
      let cut = 0;
      for (let n = 0; n < ctx.options.max && cut < s.text.length; n++) cut += s.text.codePointAt(cut)! > 0xffff ? 2 : 1;
      ctx.report({ messageId: 'long', data: { length, max: ctx.options.max }, part: 'subject', span: { start: cut, end: s.text.length }, evidence: String(length) });
    }
  },
});
