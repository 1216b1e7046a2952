import { describe, expect, it } from 'vitest';
import type { PartText, TextRun } from '../../../src/parse/text.js';
import { runMatches } from '../../../src/rules/content/shared.js';
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

const part = (runs: TextRun[]): PartText => ({ part: 'html', runs, scored: runs, hidden: [], links: [], normalized: () => ({ text: '', map: new Int32Array(0), ends: new Int32Array(0), letters: 0, upper: 0 }) });

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
});
