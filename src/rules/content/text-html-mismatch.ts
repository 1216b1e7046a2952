import { defineRule } from '../rule.js';
import { contentText } from '../../analysis/text.js';
import { headSpan } from '../lib/util.js';
import { isUnspacedCode, segmentWords, unspacedEnd } from '../../analysis/words.js';

export interface MismatchOptions {
  /** Least share of the HTML part's distinct words that the text part must contain. */
  minOverlap: number;
  /** Fewest distinct words in the HTML part before the check applies. */
  minWords: number;
}

/**
 * The distinct words of a normalised text: Latin words of 3+ letters (the matches of /[a-z][a-z0-9']{2,}/g),
 * and the words Intl.Segmenter finds in Chinese, Japanese or Thai text (see analysis/words.ts). Words are kept as offsets into the text under a hash computed while
 * scanning, so no word is copied out of the text; a word whose hash another word already holds goes to
 * `collided` (exact either way).
 */
class WordSet {
  private readonly byHash = new Map<number, number>();
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly collided = new Set<string>();
  constructor(readonly text: string) {}

  get size(): number {
    return this.byHash.size + this.collided.size;
  }

  /** The id of text2[i, j) (hash h) in this set: an index for `starts`, -1 for a collided word, or undefined. */
  find(text2: string, i: number, j: number, h: number): number | undefined {
    const id = this.byHash.get(h);
    if (id !== undefined && sameRange(this.text, this.starts[id]!, this.ends[id]!, text2, i, j)) return id;
    return this.collided.size && this.collided.has(text2.slice(i, j)) ? -1 : undefined;
  }

  add(i: number, j: number, h: number): void {
    const id = this.byHash.get(h);
    if (id === undefined) {
      this.byHash.set(h, this.starts.length);
      this.starts.push(i);
      this.ends.push(j);
    } else if (!sameRange(this.text, this.starts[id]!, this.ends[id]!, this.text, i, j)) this.collided.add(this.text.slice(i, j));
  }
}

function sameRange(a: string, ai: number, aj: number, b: string, bi: number, bj: number): boolean {
  if (aj - ai !== bj - bi) return false;
  for (let k = 0; k < aj - ai; k++) if (a.charCodeAt(ai + k) !== b.charCodeAt(bi + k)) return false;
  return true;
}

/**
 * Characters of each part's normalised text read for words. Chinese, Japanese and Thai words cost
 * Intl.Segmenter ~1.5 µs a character: a 2 MB paragraph of Chinese took this rule 3 s, past the review's time
 * budget, which is checked between rules. A part longer than this is judged by its beginning; real
 * templates' texts are a few thousand characters.
 */
export const MAX_WORDS_READ = 50_000;

/** Call `each(i, j, hash)` for every word of `text` (see WordSet), in order; stops when it returns false. */
function forEachWord(text: string, each: (i: number, j: number, h: number) => boolean | void): void {
  // A word the bound cuts is read as far as the bound.
  const n = Math.min(text.length, MAX_WORDS_READ);
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) {
      let j = i + 1;
      let h = Math.imul(0x811c9dc5 ^ c, 0x01000193);
      while (j < n) {
        const d = text.charCodeAt(j);
        if (!((d >= 0x61 && d <= 0x7a) || (d >= 0x30 && d <= 0x39) || d === 0x27)) break;
        h = Math.imul(h ^ d, 0x01000193);
        j++;
      }
      // Shorter than three: no match starts inside this run either (each is a suffix of it).
      if (j - i >= 3 && each(i, j, h & 0x3fffffff) === false) return;
      i = j;
      continue;
    }
    if (c >= 0x0e00 && isUnspacedCode(c)) {
      // Chinese, Japanese, Thai...: the words Intl.Segmenter finds in the stretch.
      const end = Math.min(unspacedEnd(text, i), n);
      let stop = false;
      segmentWords(text, i, end, (a, b) => {
        if (stop) return;
        let h = 0x811c9dc5;
        for (let k = a; k < b; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
        if (each(a, b, h & 0x3fffffff) === false) stop = true;
      });
      if (stop) return;
      i = end;
      continue;
    }
    i++;
  }
}

/** The hash forEachWord gives a Latin word (exported for tests: they need words that collide). */
export function latinWordHash(word: string): number {
  let h = 0;
  forEachWord(word, (i, j, hash) => {
    if (i === 0 && j === word.length) h = hash;
  });
  return h;
}

function wordSet(text: string): WordSet {
  const set = new WordSet(text);
  forEachWord(text, (i, j, h) => set.add(i, j, h));
  return set;
}

/**
 * Distinct words of normalised HTML text, how many of them the normalised text part has, and whether the
 * text part has any word.
 */
export function wordOverlap(html: string, text: string): { distinct: number; shared: number; any: boolean } {
  const h = wordSet(html);
  return { distinct: h.size, ...sharedWords(h, text) };
}

/** How many distinct words of `h` occur in `text`, and whether `text` has any word at all. */
function sharedWords(h: WordSet, text: string): { shared: number; any: boolean } {
  const seen = new Uint8Array(h.size);
  const seenCollided = new Set<string>();
  let shared = 0;
  let any = false;
  forEachWord(text, (i, j, hash) => {
    any = true;
    const id = h.find(text, i, j, hash);
    if (id === undefined) return;
    if (id >= 0) {
      if (!seen[id]) {
        seen[id] = 1;
        shared++;
      }
    } else {
      const w = text.slice(i, j);
      if (!seenCollided.has(w)) {
        seenCollided.add(w);
        shared++;
      }
    }
  });
  return { shared, any };
}

export default defineRule<MismatchOptions>({
  meta: {
    id: 'content/text-html-mismatch',
    category: 'content',
    description: 'A plain-text part that says something different from the HTML part.',
    defaultSeverity: 'warning',
    defaultOptions: { minOverlap: 0.35, minWords: 20 },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { minOverlap: { type: 'number', minimum: 0, maximum: 1 }, minWords: { type: 'integer', minimum: 1 } },
    },
  },
  messages: {
    differs: (d) => `The text part contains only ${d.pct}% of the words of the HTML part (${d.shared} of ${d.total}): filters compare the two alternatives (SpamAssassin MPART_ALT_DIFF) because spam hides its real message in one of them, and text-only readers miss what the HTML says. Write the text part from the same content.`,
  },
  check(doc, ctx) {
    const ct = contentText(doc);
    if (!ct.html || !ct.text || !doc.text) return;
    const h = wordSet(ct.html.normalized().text);
    if (h.size < ctx.options.minWords) return;
    const { shared, any } = sharedWords(h, ct.text.normalized().text);
    if (!any) return; // an empty text part is content/missing-text-part's finding
    const overlap = shared / h.size;
    if (overlap < ctx.options.minOverlap) {
      ctx.report({ messageId: 'differs', data: { pct: Math.round(overlap * 100), shared, total: h.size }, part: 'text', span: headSpan(doc.text.text), evidence: 'text differs from HTML' });
    }
  },
});
