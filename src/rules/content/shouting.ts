import { defineRule } from '../rule.js';
import { contentText } from '../../analysis/text.js';
import { runMatches } from '../lib/content.js';
import { referenceAt } from '../../analysis/normalize.js';
import { isSpaceCode } from '../../core/chars.js';
import { hasPostalAddress } from '../../analysis/postal.js';

export interface ShoutingOptions {
  /** Share of capital letters in the body from which it counts as shouting (SpamAssassin UPPERCASE_50_75). */
  capsRatio: number;
  /** Fewest letters before the caps check applies. */
  minLetters: number;
  /** Most exclamation marks per 100 words. */
  maxExclamationsPer100Words: number;
}

export const CAPS_WORD = /\b[A-Z]{4,}(?:\s+[A-Z]{2,})*\b/g;

export default defineRule<ShoutingOptions>({
  meta: {
    id: 'content/shouting',
    category: 'content',
    description: 'Body text that shouts: a high share of capital letters, runs of "!!!", or many exclamation marks.',
    defaultSeverity: 'warning',
    defaultOptions: { capsRatio: 0.5, minLetters: 60, maxExclamationsPer100Words: 3 },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        capsRatio: { type: 'number', minimum: 0, maximum: 1 },
        minLetters: { type: 'integer', minimum: 1 },
        maxExclamationsPer100Words: { type: 'number', minimum: 0 },
      },
    },
  },
  messages: {
    caps: (d) => `${d.pct}% of the letters in the ${d.part} are capitals: SpamAssassin scores bodies in caps (UPPERCASE_50_75, UPPERCASE_75_100) and readers find them aggressive. Write in sentence case; emphasise with bold, not capitals.`,
    bangs: (d) => `"${d.text}" in the ${d.part}: runs of exclamation marks are a spam signal. Use one at most.`,
    yelling: (d) => `${d.count} lines of the ${d.part} are written entirely in capitals (SpamAssassin LINES_OF_YELLING): write them in sentence case.`,
    density: (d) => `The ${d.part} has ${d.count} exclamation marks in ${d.words} words (more than ${d.max} per 100 words): filters read that as hype. Keep them for the one thing that needs one.`,
  },
  check(doc, ctx) {
    const o = ctx.options;
    const ct = contentText(doc);
    for (const pt of [ct.html, ct.text]) {
      if (!pt) continue;
      const part = pt.part === 'html' ? 'HTML' : 'text part';
      const html = pt.part === 'html';
      // Letters as the reader sees them: in HTML, `&nbsp;` is a space, not four small letters.
      const { letters, upper } = pt.normalized();
      // Lines (text runs, or lines of the text part) entirely in capitals, three words or more.
      let yelling = 0;
      let firstYell: { start: number; end: number } | undefined;
      // A line of yelling has three runs of two or more capitals: fewer than six capitals in all, none can be.
      for (const run of upper >= 6 ? pt.scored : []) {
        const rt = run.text;
        for (let ls = 0; ls <= rt.length; ) {
          const nl = rt.indexOf('\n', ls);
          const le = nl < 0 ? rt.length : nl;
          const line = yellingLine(rt, ls, le, html);
          // An address in capitals is what the postal services ask for (USPS Publication 28), not yelling.
          if (line && !hasPostalAddress(rt.slice(line.start, line.end).toLowerCase())) {
            yelling++;
            firstYell ??= { start: run.start + line.start, end: run.start + line.end };
          }
          if (nl < 0) break;
          ls = nl + 1;
        }
      }
      if (yelling >= 2 && firstYell) ctx.report({ messageId: 'yelling', data: { count: yelling, part }, part: pt.part, span: firstYell, evidence: 'lines of yelling' });
      // Where to point: the first word in capitals (looked for only when the share is over the limit).
      const firstCapsWord = letters >= o.minLetters && upper / letters >= o.capsRatio ? runMatches(pt, CAPS_WORD).next().value : undefined;
      if (firstCapsWord) {
        const ratio = upper / letters;
        const evidence = ratio >= 0.75 ? 'caps 75-100%' : 'caps 50-75%';
        ctx.report({ messageId: 'caps', data: { pct: Math.round(ratio * 100), part }, part: pt.part, span: firstCapsWord, evidence });
      }
      let bangs = 0;
      let firstRun: { start: number; end: number; text: string } | undefined;
      for (const { m, start, end } of runMatches(pt, /[!！]+/g)) {
        bangs += m[0].length;
        if (!firstRun && m[0].length >= 2) firstRun = { start, end, text: m[0] };
      }
      if (firstRun) ctx.report({ messageId: 'bangs', data: { text: firstRun.text, part }, part: pt.part, span: firstRun, evidence: '!!' });
      const words = bangs >= 4 ? pt.wordCount().total : 0;
      if (bangs >= 4 && words > 0 && (bangs * 100) / words > o.maxExclamationsPer100Words) {
        const first = runMatches(pt, /[!！]/g).next().value;
        if (first) ctx.report({ messageId: 'density', data: { count: bangs, words, max: o.maxExclamationsPer100Words, part }, part: pt.part, span: first, evidence: 'exclamation density' });
      }
    }
  },
});

/**
 * A line of yelling (SpamAssassin LINES_OF_YELLING): trimmed, 12+ characters, capitals and no small letters,
 * three or more runs of 2+ capitals. Returns the trimmed range, or undefined. Scans in place: most lines
 * are rejected at their first small letter, without slicing or trimming them. In HTML a character reference
 * counts as the character it stands for, as the normaliser reads it (`FREE&nbsp;MONEY` has no small letters).
 */
function yellingLine(s: string, from: number, to: number, html: boolean): { start: number; end: number } | undefined {
  let a = from;
  let b = to;
  while (a < b && isSpaceCode(s.charCodeAt(a))) a++;
  while (b > a && isSpaceCode(s.charCodeAt(b - 1))) b--;
  if (b - a < 12) return undefined;
  let capsRuns = 0;
  let run = 0;
  for (let i = a; i < b; i++) {
    let c = s.charCodeAt(i);
    if (c === 0x26 && html) {
      const ref = referenceAt(s, i);
      if (ref && i + ref.length <= b) {
        i += ref.length - 1;
        c = ref.text.length === 1 ? ref.text.charCodeAt(0) : 0;
      }
    }
    if (c >= 0x61 && c <= 0x7a) return undefined;
    if (c >= 0x41 && c <= 0x5a) {
      if (++run === 2) capsRuns++;
    } else run = 0;
  }
  return capsRuns >= 3 ? { start: a, end: b } : undefined;
}
