import { describe, expect, it } from 'vitest';
import type { PartText, TextRun } from '../../../src/analysis/text.js';
import { runMatches } from '../../../src/rules/lib/content.js';
import { referenceAt } from '../../../src/analysis/normalize.js';
import { AMOUNT } from '../../../src/rules/content/money-amounts.js';
import { CAPS_WORD } from '../../../src/rules/content/shouting.js';

/** What runMatches means: the matches of each run on its own, in run order, with source offsets. */
function perRun(runs: TextRun[], re: RegExp): [string, number, number][] {
  const out: [string, number, number][] = [];
  for (const run of runs) {
    const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    for (let m = g.exec(run.text); m; m = g.exec(run.text)) {
      if (m[0].length === 0) {
        g.lastIndex++;
        continue;
      }
      out.push([m[0], run.start + m.index, run.start + m.index + m[0].length]);
    }
  }
  return out;
}

/**
 * perRun for HTML: each run read with its character references decoded (as the normaliser decodes them);
 * a match's source span runs from its first character's reference to its last one's end.
 */
function perRunDecoded(runs: TextRun[], re: RegExp): [string, number, number][] {
  const out: [string, number, number][] = [];
  for (const run of runs) {
    let text = '';
    const from: number[] = [];
    const to: number[] = [];
    for (let i = 0; i < run.text.length; ) {
      const ref = run.text[i] === '&' ? referenceAt(run.text, i) : undefined;
      const piece = ref ? ref.text : run.text[i]!;
      const len = ref ? ref.length : 1;
      for (const _ of piece.split('')) {
        from.push(run.start + i);
        to.push(run.start + i + len);
      }
      text += piece;
      i += len;
    }
    const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    for (let m = g.exec(text); m; m = g.exec(text)) {
      if (m[0].length === 0) {
        g.lastIndex++;
        continue;
      }
      out.push([m[0], from[m.index]!, to[m.index + m[0].length - 1]!]);
    }
  }
  return out;
}

const part = (runs: TextRun[], kind: 'html' | 'text' = 'html'): PartText => ({ part: kind, runs, scored: runs, hidden: [], unseen: [], links: [], hiddenNormalized: () => undefined, wordCount: () => ({ latin: 0, cjk: 0, vars: 0, total: 0 }), normalized: () => ({ text: '', map: new Int32Array(0), ends: new Int32Array(0), letters: 0, upper: 0 }) });

describe('runMatches', () => {
  const pieces = ['$', '5', '1,000', ' ', '\n', 'million', '元', '万', 'USD', '!', '！', 'FREE', 'NOW', 'ok', 'Ab', '\u0000', '\uE000', 'dollars', ',', '.'];
  let seed = 9;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const gen = (): TextRun[] => {
    const runs: TextRun[] = [];
    let at = 0;
    for (let k = Math.floor(rand() * 6); k > 0; k--) {
      const text = Array.from({ length: 1 + Math.floor(rand() * 8) }, () => pieces[Math.floor(rand() * pieces.length)]).join('');
      at += Math.floor(rand() * 5);
      runs.push({ text, start: at, end: at + text.length });
      at += text.length;
    }
    return runs;
  };

  it('finds what matching each run on its own finds, never across runs', () => {
    for (let i = 0; i < 3000; i++) {
      const runs = gen();
      for (const re of [AMOUNT, /[!！]+/g, /[!！]/g]) {
        expect([...runMatches(part(runs), re)].map((x) => [x.m[0], x.start, x.end]), JSON.stringify(runs)).toEqual(perRun(runs, re));
      }
      const first = perRun(runs, CAPS_WORD)[0];
      const got = runMatches(part(runs), CAPS_WORD).next().value;
      expect(got ? [got.m[0], got.start, got.end] : undefined).toEqual(first);
    }
  });

  it('reads character references in HTML as what they stand for, with the references\' source spans', () => {
    const refs = ['&nbsp;', '&#36;', '&#33;', '&amp;', '&euro;', '&bogus;', '&', '&#0;', '&#x46;&#x52;&#x45;&#x45;', '&#128512;', '&NBSP'];
    for (let i = 0; i < 3000; i++) {
      const runs = gen().map((r, k) => {
        const text = r.text.replace(/ /g, () => refs[Math.floor(rand() * refs.length)]!);
        return { ...r, text, start: r.start + k * 1000, end: r.start + k * 1000 + text.length };
      });
      for (const re of [AMOUNT, /[!！]+/g, CAPS_WORD]) {
        expect([...runMatches(part(runs), re)].map((x) => [x.m[0], x.start, x.end]), JSON.stringify(runs)).toEqual(perRunDecoded(runs, re));
        // The text part is plain text: a reference there is what the reader sees, letter for letter.
        expect([...runMatches(part(runs, 'text'), re)].map((x) => [x.m[0], x.start, x.end])).toEqual(perRun(runs, re));
      }
    }
    const [hit] = runMatches(part([{ text: 'Only &euro;&nbsp;25,000!', start: 10, end: 34 }]), AMOUNT);
    // &nbsp; is U+00A0, as the HTML spec decodes it (the old hand-written list read it as a space).
    expect([hit!.m[0], hit!.start, hit!.end]).toEqual(['€\u00a025,000', 15, 33]);
  });
});
