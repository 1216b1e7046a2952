import { describe, it, expect } from 'vitest';
import { growth, tooFast } from '../hostile/growth.js';
import { compileList, matchAll, matchNormalized, startsAtWordBoundary, type PhraseEntry } from '../../src/analysis/matcher.js';
import { phraseLists } from '../lists.js';
import { normalizeText } from '../../src/analysis/normalize.js';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startWords } from '../../src/core/regex-source.js';

const SAMPLES = new URL('../../samples/', import.meta.url).pathname;

describe('matchAll', () => {
  const list = [
    { phrase: 'free', weight: 1, category: 'a' },
    { phrase: 'free money', weight: 2, category: 'a' },
    { phrase: 'free!', weight: 1, category: 'b' },
    { phrase: 'you won', weight: 1, category: 'c' },
    { phrase: '免费', weight: 1, category: 'd' },
    { pattern: '\\bonly \\$ ?\\d', label: 'only $N', weight: 1, category: 'e' },
  ];
  const m = compileList(list);
  const run = (s: string) => matchAll(m, normalizeText(s).text).map((x) => [x.evidence, x.from, x.to]);

  it('prefers the longest phrase at a word start and needs word boundaries', () => {
    expect(run('Free money, freely free! you wont you won 免费 only $5')).toEqual([
      ['free money', 0, 10],
      ['free!', 19, 24],
      ['you won', 34, 41],
      ['免费', 42, 44],
      ['only $N', 45, 52],
    ]);
  });

  it('drops a match inside one of its `except` contexts (idioms, negations), whole words only', () => {
    const m2 = compileList([{ phrase: 'free', weight: 1, category: 'a', except: ['feel free', 'not free', 'free time'] }]);
    const run2 = (s: string) => matchAll(m2, normalizeText(s).text).map((x) => [x.evidence, x.from, x.to]);
    expect(run2('Feel free. It is not free. Your free time. Free!')).toEqual([['free', 43, 47]]);
    expect(run2('peel free; free timer')).toEqual([
      ['free', 5, 9],
      ['free', 11, 15],
    ]);
  });

  it('looks for `except` contexts near each match only: time linear in the matches', async () => {
    // Each match used to search the rest of the text for its contexts (absent here): matches × length, so
    // 4× the text with 4× the matches took 16×. Now a window of at most twice the longest context.
    const m2 = compileList([{ phrase: 'free', weight: 1, category: 'a', except: ['feel free', 'not free', 'free time'] }]);
    const g = await growth(async (k) => {
      const text = normalizeText('free '.repeat(k)).text;
      const t = performance.now();
      expect(matchAll(m2, text, k)).toHaveLength(k);
      return { except: performance.now() - t };
    }, 10_000);
    expect(tooFast(g)).toEqual([]);
  });

  it('runs the patterns after one scan for any of them, with the same matches as one scan each', () => {
    const list: PhraseEntry[] = [
      // `\\W` and `\\w*`: no start words can be read from these (see the start-word test below).
      { pattern: '\\b(?:account|acc\\w*) (?:is|was) locked\\b', weight: 1, category: 'phishing' },
      { pattern: '\\bact\\W+now\\b', weight: 1, category: 'urgency' },
      { pattern: '账户(?:已被|将被)冻结|\\p{Lu}', weight: 1, category: 'phishing' },
    ];
    const m = compileList(list);
    expect(m.anyPattern).toBeDefined();
    expect(m.patternsByWord.size).toBe(0);
    // The second pattern matches before the first, twice; the first after it; the 'u' pattern is run apart.
    const text = 'act now. your account is locked, act now! 账户已被冻结';
    expect(matchAll(m, text).map((x) => [x.evidence, x.from, x.to])).toEqual([
      ['\\bact\\W+now\\b', 0, 7],
      ['\\b(?:account|acc\\w*) (?:is|was) locked\\b', 14, 31],
      ['\\bact\\W+now\\b', 33, 40],
      ['账户(?:已被|将被)冻结|\\p{Lu}', 42, 48],
    ]);
    expect(matchAll(m, 'nothing to see here')).toEqual([]);
  });

  it('tries a pattern whose matches start with known words only where those words start, with the matches of a scan', () => {
    const list: PhraseEntry[] = [
      { pattern: '\\b(?:your |the )?(?:account|acct) (?:is|was) locked\\b', weight: 1, category: 'phishing' },
      { pattern: '\\bact now\\b', weight: 1, category: 'urgency' },
      { pattern: '\\bwin(?:ner)?\\b', weight: 1, category: 'prizes' },
    ];
    const m = compileList(list);
    expect(m.patterns.every((p) => p.sticky)).toBe(true);
    expect(m.anyPattern).toBeUndefined();
    // "winner" is a word of its own, not "win" + "ner"; "xact now" starts no word "act"; a match hides the
    // start words inside it ("the account": "account" is not tried again).
    const text = 'act now. the account is locked, act now! winner, win, xact now, your acct was locked';
    const got = matchAll(m, text).map((x) => [x.entry.category, x.from, x.to]);
    const scan = list.flatMap((e) => [...text.matchAll(new RegExp(e.pattern!, 'g'))].map((r) => [e.category, r.index, r.index + r[0].length]));
    expect(got).toEqual(scan.sort((a, b) => (a[1] as number) - (b[1] as number)));
    expect(got).toHaveLength(6);
    expect(matchAll(m, 'nothing to see here')).toEqual([]);
    // At most 20 matches per pattern, the first 20, as with a scan.
    const many = Array.from({ length: 30 }, () => 'act now').join('. ');
    expect(matchAll(m, many).map((x) => x.from)).toEqual([...many.matchAll(/\bact now\b/g)].slice(0, 20).map((r) => r.index));
  });

  it('finds with the bundled lists what one scan per pattern finds, on the lists\' own labels and the samples', () => {
    const texts: string[] = [];
    const labels = Object.values(phraseLists).flatMap((l) => (l as PhraseEntry[]).map((e) => e.label ?? e.phrase ?? '')).filter(Boolean);
    // The labels one after another (each also starts a text), and the sample templates.
    for (const sep of ['. ', ' ', ', ']) texts.push(normalizeText(labels.join(sep)).text);
    for (let k = 0; k < labels.length; k += 25) texts.push(normalizeText(labels.slice(k).join(' ')).text);
    for (const f of readdirSync(SAMPLES).filter((f) => /\.(html|hbs|txt)$/.test(f))) texts.push(normalizeText(readFileSync(path.join(SAMPLES, f), 'utf8')).text);
    let tried = 0;
    let found = 0;
    for (const entries of Object.values(phraseLists)) {
      for (const e of entries as PhraseEntry[]) {
        if (!e.pattern) continue;
        // One pattern alone (no `except`, which drops matches after the scan): its matches are the regex's.
        const m = compileList([{ ...e, except: undefined }]);
        if (m.patterns[0]?.sticky) tried++;
        const flags = /\\[pPu]\{/.test(e.pattern) ? 'gu' : 'g';
        for (const t of texts) {
          const want = [...t.matchAll(new RegExp(e.pattern, flags))].filter((r) => r[0].length > 0).slice(0, 20).map((r) => [r.index, r.index + r[0].length]);
          found += want.length;
          expect(matchAll(m, t).map((x) => [x.from, x.to]), `${e.pattern} on ${t.slice(0, 60)}`).toEqual(want);
        }
      }
    }
    // Most patterns of the bundled lists are tried at their start words, and the texts exercise them.
    expect(tried).toBeGreaterThan(100);
    expect(found).toBeGreaterThan(100);
  });

  it('keeps a pattern with a backreference out of the one scan: its group number is its own', () => {
    const list: PhraseEntry[] = [
      { pattern: '\\b(win|won)\\b', weight: 1, category: 'prizes' },
      { pattern: '\\b(\\w+) \\1 \\1\\b', weight: 1, category: 'urgency' },
    ];
    const m = compileList(list);
    // Alone in the alternation, the second pattern's \1 would read the first pattern's group.
    expect(matchAll(m, 'hurry hurry hurry').map((x) => [x.from, x.to])).toEqual([[0, 17]]);
    expect(matchAll(m, 'you won won won').map((x) => [x.entry.category, x.from, x.to])).toEqual([
      ['prizes', 4, 7],
      ['urgency', 4, 15],
      ['prizes', 8, 11],
      ['prizes', 12, 15],
    ]);
  });

  it('says the patterns\' word boundary once, before the one scan, only when every pattern starts with it', () => {
    expect(startsAtWordBoundary('\\bact now\\b')).toBe(true);
    expect(startsAtWordBoundary('\\b(?:a|b) c')).toBe(true);
    expect(startsAtWordBoundary('\\b[|]x')).toBe(true); // a | in a class is not an alternative
    expect(startsAtWordBoundary('\\b\\|y')).toBe(true); // nor an escaped one
    expect(startsAtWordBoundary('\\bfoo|bar')).toBe(false); // the second alternative may start inside a word
    expect(startsAtWordBoundary('foo\\b')).toBe(false);
    const hoisted = compileList([{ pattern: '\\bact\\W+now\\b', weight: 1, category: 'u' }, { pattern: '\\b(?:your\\W+)?account (?:is|was) locked\\b', weight: 1, category: 'p' }]);
    expect(hoisted.anyPattern!.source.startsWith('\\b(?:')).toBe(true);
    const plain = compileList([{ pattern: '\\bact\\W+now\\b', weight: 1, category: 'u' }, { pattern: '\\bfoo|bar', weight: 1, category: 'p' }]);
    expect(plain.anyPattern!.source.startsWith('\\b(?:')).toBe(false);
    // "bar" inside "crowbar" is found, as the pattern says, and so is "act now" after it.
    expect(matchAll(plain, 'crowbar, act now').map((x) => [x.entry.category, x.from, x.to])).toEqual([
      ['p', 4, 7],
      ['u', 9, 16],
    ]);
    expect(matchAll(hoisted, 'exact now; your account was locked').map((x) => [x.entry.category, x.from])).toEqual([['p', 11]]);
  });

  it('finds nothing in text without the phrases', () => {
    expect(run('nothing to see here, just words and 42 numbers')).toEqual([]);
  });
});

/**
 * What matchAll means, written plainly: at each word start (and each Han character), the longest phrase
 * that starts there (list order between equal ones), a Latin one ending at a word boundary when it ends in
 * a word character; matches do not overlap. matchAll's indexes, hashes and indexOf shortcuts must find the same.
 */
function reference(list: readonly PhraseEntry[], text: string): [string, number, number][] {
  const isWord = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
  const isHan = (c: number) => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
  const phrases = list
    .filter((e) => e.phrase !== undefined)
    .map((e) => ({ e, norm: normalizeText(e.phrase!).text.trim() }))
    .filter((p) => p.norm && (isWord(p.norm.charCodeAt(0)) || isHan(p.norm.charCodeAt(0))));
  const out: [string, number, number][] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    const wordStart = isWord(c) && (i === 0 || !isWord(text.charCodeAt(i - 1)));
    let best: (typeof phrases)[number] | undefined;
    if (wordStart || isHan(c)) {
      for (const p of phrases) {
        if (isWord(p.norm.charCodeAt(0)) !== wordStart || !text.startsWith(p.norm, i)) continue;
        // A Latin phrase ends at a word boundary (a Chinese one needs none) and covers the text's whole first word.
        if (wordStart) {
          if (isWord(p.norm.charCodeAt(p.norm.length - 1)) && isWord(text.charCodeAt(i + p.norm.length))) continue;
          let k = 0;
          while (k < p.norm.length && isWord(p.norm.charCodeAt(k))) k++;
          if (isWord(text.charCodeAt(i + k))) continue;
        }
        if (!best || p.norm.length > best.norm.length) best = p;
      }
    }
    if (best) {
      if (!inContext(best.e, text, i, i + best.norm.length)) out.push([best.e.phrase!.trim(), i, i + best.norm.length]);
      i += best.norm.length;
    } else if (isWord(c)) while (i < text.length && isWord(text.charCodeAt(i))) i++;
    else i++;
  }
  return out;
}

/** The match [from, to) lies inside a whole-word occurrence of one of the entry's `except` contexts. */
function inContext(e: PhraseEntry, text: string, from: number, to: number): boolean {
  const isWord = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
  for (const c of (e.except ?? []).map((x) => normalizeText(x).text.trim())) {
    for (let at = 0; at <= from; at++) {
      if (!text.startsWith(c, at) || at + c.length < to) continue;
      if ((at === 0 || !isWord(text.charCodeAt(at - 1))) && !isWord(text.charCodeAt(at + c.length))) return true;
    }
  }
  return false;
}

describe('matchAll and matchNormalized against the plain reading', () => {
  for (const [name, list] of Object.entries(phraseLists) as [string, PhraseEntry[]][]) {
    it(`finds the same phrases as the reference in generated text (${name})`, () => {
      const phrasesOnly = list.filter((e) => e.phrase !== undefined);
      const m = compileList(phrasesOnly);
      // The words of this list's phrases (and of the English and Chinese lists, whose single words make
      // phrases of their own), and now and then a whole phrase of this list: lists of many-word phrases
      // (Portuguese, German...) would hardly ever match random words.
      const words = new Set(['a', 'the', 'you', '!', '$', '%', '0', '1', '100', '元', '免', '费', 'x', '-']);
      for (const l of [list, phraseLists['phrases-en'], phraseLists['phrases-zh']] as PhraseEntry[][]) for (const e of l) if (e.phrase) for (const w of normalizeText(e.phrase).text.split(' ')) words.add(w);
      const vocab = [...words];
      const whole = phrasesOnly.map((e) => e.phrase!);
      let seed = 11;
      const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
      let found = 0;
      for (let n = 0; n < 1500; n++) {
        let s = '';
        const len = 1 + Math.floor(rand() * 12);
        for (let k = 0; k < len; k++) s += (!['phrases-en', 'phrases-zh'].includes(name) && rand() < 0.1 ? whole[Math.floor(rand() * whole.length)] : vocab[Math.floor(rand() * vocab.length)]) + (rand() < 0.7 ? ' ' : '');
        const text = normalizeText(s).text;
        const expected = reference(phrasesOnly, text);
        found += expected.length;
        expect(matchAll(m, text).map((x) => [x.evidence, x.from, x.to]), JSON.stringify(text)).toEqual(expected);
        // Through a normalised text object, the lists read one shared word index of it instead (scanIndexed).
        expect(matchNormalized(m, { text }).map((x) => [x.evidence, x.from, x.to]), JSON.stringify(text)).toEqual(expected);
      }
      expect(found).toBeGreaterThan(500);
    });
  }
});

describe('startWords', () => {
  it('reads the whole words every match starts with', () => {
    expect(startWords('\\bfoo\\b')).toEqual(['foo']);
    expect(startWords('\\b(?:a|b c)\\b')).toEqual(['a', 'b']);
    expect(startWords('\\b(?:uw |je )?(?:x|y) z')?.sort()).toEqual(['je', 'uw', 'x', 'y']);
    expect(startWords('\\bklik (?:hier)')).toEqual(['klik']);
    expect(startWords('\\b(?:e mail|mail)\\b')).toEqual(['e', 'mail']);
    // A few plain characters in a class are alternatives; an optional letter gives both spellings.
    expect(startWords('\\bestimad[oa]s? (?:cliente)')?.sort()).toEqual(['estimado', 'estimados', 'estimada', 'estimadas'].sort());
    expect(startWords('\\bre[- ]?activate\\b')?.sort()).toEqual(['re', 'reactivate']);
    // Assertions after the first word do not matter; what follows it is not read.
    expect(startWords('\\blose \\d+(?:-\\d+)? ?(?:lbs|kg)\\b')).toEqual(['lose']);
    expect(startWords('\\b(?<![\\w.])(?:win)(?! nothing)\\b')).toEqual(['win']);
  });

  it('knows nothing where a match may start otherwise', () => {
    expect(startWords('foo\\b')).toBeUndefined(); // may start inside a word
    expect(startWords('\\bfoo')).toBeUndefined(); // the word may go on
    expect(startWords('\\b(?:ab)+\\b')).toBeUndefined(); // a repeated group
    expect(startWords('\\b\\d{2}% off')).toBeUndefined(); // a class first
    expect(startWords('\\b(?:only|\\$)\\d')).toBeUndefined(); // one alternative starts with a symbol
    expect(startWords('\\bfoo[a-z]*\\b')).toBeUndefined(); // the word's end depends on a class
    expect(startWords('\\bFoo\\b')).toBeUndefined(); // upper case never matches lower-cased text
    expect(startWords('账户(?:已被)冻结')).toBeUndefined();
    expect(startWords('\\b(a')).toBeUndefined(); // not a regex
    // Too many ways to start.
    const wide = `\\b${'(?:a|b)?'.repeat(8)}c\\b`;
    expect(startWords(wide)).toBeUndefined();
    expect(startWords(wide, 1_000_000)).toHaveLength(511); // 2^0 + … + 2^8 spellings before the c
  });
});
