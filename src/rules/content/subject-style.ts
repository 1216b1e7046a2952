import { defineRule } from '../rule.js';
import type { Span } from '../../core/types.js';
import { renderedForContent } from '../../analysis/render.js';
import { contentText } from '../../analysis/text.js';

export interface SubjectStyleOptions {
  /** Share of upper-case letters at which a subject counts as shouting. */
  capsRatio: number;
  /** Fewest letters before the caps check applies ('OK', 'USA' are fine). */
  minLetters: number;
  /** Most emoji allowed. */
  maxEmoji: number;
}

const EMOJI = /\p{Extended_Pictographic}/gu;
// `\s*(?:\[\d+\]\s*)?`, not `\s*(?:\[\d+\])?\s*`: two runs of spaces that meet are tried in every split
// (quadratic in the spaces after "re" of a subject that has no colon).
const FAKE_REPLY = /^\s*(?:re|fw|fwd|aw|wg|sv|vs|tr|回复|答复|转发)\s*(?:\[\d+\]\s*)?[:：]/i;

interface Hit {
  messageId: 'allCaps' | 'exclamations' | 'dollars' | 'emoji' | 'fakeReply';
  span: Span;
  data: Record<string, unknown>;
}

function inspect(text: string, o: SubjectStyleOptions): Hit[] {
  const hits: Hit[] = [];
  const whole = { start: 0, end: text.length };
  let letters = 0;
  let upper = 0;
  for (const ch of text) {
    if (/\p{L}/u.test(ch) && ch.toLowerCase() !== ch.toUpperCase()) {
      letters++;
      if (ch === ch.toUpperCase()) upper++;
    }
  }
  if (letters >= o.minLetters && upper / letters >= o.capsRatio) hits.push({ messageId: 'allCaps', span: whole, data: { pct: Math.round((100 * upper) / letters) } });
  const bang = /[!！]{2,}|[!！?？]{3,}/.exec(text);
  if (bang) hits.push({ messageId: 'exclamations', span: { start: bang.index, end: bang.index + bang[0].length }, data: { text: bang[0] } });
  const dollars = /[$￥¥€£]{2,}|(?:[$￥¥€£][^$￥¥€£]*){3,}/.exec(text);
  if (dollars) hits.push({ messageId: 'dollars', span: { start: dollars.index, end: dollars.index + Math.min(dollars[0].length, 20) }, data: { text: dollars[0].slice(0, 20) } });
  const emoji = [...text.matchAll(EMOJI)];
  if (emoji.length > o.maxEmoji) {
    const first = emoji[0]!.index;
    const last = emoji[emoji.length - 1]!;
    hits.push({ messageId: 'emoji', span: { start: first, end: last.index + last[0].length }, data: { count: emoji.length, max: o.maxEmoji } });
  }
  const fake = FAKE_REPLY.exec(text);
  if (fake) hits.push({ messageId: 'fakeReply', span: { start: fake.index, end: fake.index + fake[0].length }, data: { prefix: fake[0].trim() } });
  return hits;
}

export default defineRule<SubjectStyleOptions>({
  meta: {
    id: 'content/subject-style',
    category: 'content',
    description: 'Subjects that shout: all caps, "!!!", "$$$", many emoji, or a fake "RE:"/"FW:" prefix.',
    defaultSeverity: 'warning',
    defaultOptions: { capsRatio: 0.8, minLetters: 8, maxEmoji: 2 },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        capsRatio: { type: 'number', minimum: 0, maximum: 1 },
        minLetters: { type: 'integer', minimum: 1 },
        maxEmoji: { type: 'integer', minimum: 0 },
      },
    },
  },
  messages: {
    allCaps: (d) => `The subject${d.sample ? ` (rendered with sample ${d.sample})` : ''} is ${d.pct}% capital letters: all-caps subjects are a spam signal (SpamAssassin SUBJ_ALL_CAPS) and read as shouting. Write it in sentence case.`,
    exclamations: (d) => `The subject${d.sample ? ` (rendered with sample ${d.sample})` : ''} has "${d.text}": repeated exclamation or question marks are scored by SpamAssassin and Gmail's filters. Use at most one.`,
    dollars: (d) => `The subject${d.sample ? ` (rendered with sample ${d.sample})` : ''} has currency symbols in a row ("${d.text}"): "$$$" is a classic spam pattern. State the amount plainly, once.`,
    emoji: (d) => `The subject${d.sample ? ` (rendered with sample ${d.sample})` : ''} has ${d.count} emoji (more than ${d.max}): strings of emoji are a promotional and spam signal and render inconsistently. Keep one, or none.`,
    fakeReply: (d) => `The subject starts with "${d.prefix}" but a template is never a reply or a forward: a fake RE:/FW: prefix is a deception spam filters score (SpamAssassin FAKE_REPLY rules) and breaks threading. Remove it.`,
  },
  check(doc, ctx) {
    const subject = contentText(doc).subject;
    if (!subject || !doc.subject) return;
    const masked = subject.runs[0]!.text;
    const seen = new Set<string>();
    for (const h of inspect(masked, ctx.options)) {
      seen.add(h.messageId);
      ctx.report({ messageId: h.messageId, data: h.data, part: 'subject', span: h.span, evidence: h.messageId });
    }
    // The subject as sent: TemplateData may put the shouting in ({{promo_title}} = 'FREE!!!').
    for (const s of renderedForContent(doc, ctx.settings)) {
      const out = s.subject?.output;
      if (!out) continue;
      for (const h of inspect(out, ctx.options)) {
        if (seen.has(h.messageId) || h.messageId === 'fakeReply') continue;
        seen.add(h.messageId);
        ctx.report({ messageId: h.messageId, data: { ...h.data, sample: s.index + 1 }, part: 'subject', span: { start: 0, end: doc.subject.text.length }, evidence: h.messageId });
      }
    }
  },
});
