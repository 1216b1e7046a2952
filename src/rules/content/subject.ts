import { defineRule } from '../rule.js';
import { headSpan, unreadable } from '../lib/util.js';

export const subjectMissing = defineRule({
  meta: {
    id: 'content/subject-missing',
    category: 'content',
    description: 'A template whose provider stores the subject in it (AWS SES SubjectPart, or a meta file that declares one) has none, or an empty one. Templates whose subject is given at send time (Tencent Cloud SES, plain files without meta) are reviewed without a subject, and the report says so.',
    defaultSeverity: 'error',
    defaultOptions: {},
  },
  messages: {
    missing: (d) => `No subject: ${d.hint}. The provider stores the subject with this template and refuses or sends it without one (AWS SES SubjectPart), and filters score empty subjects as spam (SpamAssassin MISSING_SUBJECT).`,
    empty: () => 'The subject is empty: write a subject that says what the message is about.',
  },
  check(doc, ctx) {
    if (unreadable(doc)) return;
    if (!doc.subject) {
      // Only where the subject belongs to the template: an AWS template (SubjectPart). Tencent templates
      // and plain files have their subject given with each send; the decision reports it as not reviewed.
      if (doc.source.origin !== 'aws') return;
      const main = doc.html ?? doc.text;
      // SESv1 SubjectPart, SESv2 TemplateContent.Subject: name the key this file uses.
      const keys = doc.source.providerKeys;
      ctx.report({ messageId: 'missing', data: { hint: `add ${keys?.prefix ?? ''}${keys?.subject ?? 'SubjectPart'}` }, part: doc.html ? 'html' : 'text', span: headSpan(main?.text ?? '') });
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
