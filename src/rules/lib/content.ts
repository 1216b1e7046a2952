/** Helpers shared by the content and compliance rules. */
import type { TemplateDoc } from '../../analysis/template-doc.js';
import type { TemplateCategory } from '../../core/types.js';
import { contentText, type PartText, type TextRun } from '../../analysis/text.js';
import { referenceAt } from '../../analysis/normalize.js';
import { Memo } from '../../core/memo.js';

/** The main body the reader sees: the HTML part, else the text part. */
export function mainText(doc: TemplateDoc): PartText | undefined {
  const ct = contentText(doc);
  return ct.html ?? ct.text;
}

export function templateCategory(settings: Readonly<Record<string, unknown>>): TemplateCategory | undefined {
  const c = settings.category;
  return c === 'marketing' || c === 'transactional' || c === 'notification' ? c : undefined;
}

/** Is the template written in Chinese (locale zh*, or mostly Chinese characters)? */
export function isChinese(doc: TemplateDoc, settings: Readonly<Record<string, unknown>>): boolean {
  const locale = typeof settings.locale === 'string' ? settings.locale : undefined;
  if (locale) return /^zh\b/i.test(locale);
  const sample = [doc.subject?.text ?? '', ...(mainText(doc)?.runs.map((r) => r.text) ?? [])].join(' ').slice(0, 20_000);
  let han = 0;
  let latin = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) han++;
    else if ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) latin++;
  }
  return han >= 10 && han * 3 >= latin;
}

/**
 * The text of a part's runs joined by NUL (which no content pattern matches, and which is a non-word
 * character for \b), with where each run starts in it: one regex pass over a part instead of one call per
 * text node. Runs hold the masked source; in the HTML part, character references are read as the characters
 * they stand for (`€&nbsp;250` is `€ 250`, `&#33;&#33;` is `!!`), and then `pos`/`ends` give each character's
 * source span. Memoised per run list.
 */
interface Joined {
  text: string;
  /** Offset of each run in `text`. */
  at: number[];
  runs: readonly TextRun[];
  /** Only when a reference was decoded: source offset where character i of `text` starts, and ends. */
  pos?: Int32Array;
  ends?: Int32Array;
}

const joinedCache = new Memo<readonly TextRun[], Joined>();
const joinedHtmlCache = new Memo<readonly TextRun[], Joined>();

function joined(runs: readonly TextRun[], html: boolean): Joined {
  const cache = html ? joinedHtmlCache : joinedCache;
  let j = cache.get(runs);
  if (j) return j;
  j = html && runs.some((r) => r.text.includes('&')) ? decodedJoin(runs) : undefined;
  if (!j) {
    const at: number[] = [];
    let pos = 0;
    for (const r of runs) {
      at.push(pos);
      pos += r.text.length + 1;
    }
    j = { text: runs.map((r) => r.text).join('\u0000'), at, runs };
  }
  cache.set(runs, j);
  return j;
}

/** The runs joined with references decoded and a source span per character, or undefined when none decodes. */
function decodedJoin(runs: readonly TextRun[]): Joined | undefined {
  // A reference never decodes to more units than it has (`&#128512;` is two), so the raw length bounds the maps.
  let bound = 0;
  for (const r of runs) bound += r.text.length + 1;
  const pos = new Int32Array(bound);
  const ends = new Int32Array(bound);
  const parts: string[] = [];
  const at: number[] = [];
  let n = 0;
  let decodedAny = false;
  const copy = (t: string, from: number, to: number, base: number) => {
    if (to <= from) return;
    parts.push(t.slice(from, to));
    for (let x = from; x < to; x++, n++) {
      pos[n] = base + x;
      ends[n] = base + x + 1;
    }
  };
  runs.forEach((r, k) => {
    if (k > 0) {
      parts.push('\u0000');
      pos[n] = ends[n] = r.start;
      n++;
    }
    at.push(n);
    const t = r.text;
    let from = 0; // start of the stretch copied as it is
    for (let i = t.indexOf('&'); i >= 0; i = t.indexOf('&', i + 1)) {
      const ref = referenceAt(t, i);
      if (!ref) continue;
      decodedAny = true;
      copy(t, from, i, r.start);
      parts.push(ref.text);
      for (let u = 0; u < ref.text.length; u++, n++) {
        pos[n] = r.start + i;
        ends[n] = r.start + i + ref.length;
      }
      from = i + ref.length;
      i = from - 1;
    }
    copy(t, from, t.length, r.start);
  });
  if (!decodedAny) return undefined;
  return { text: parts.join(''), at, runs, pos: pos.subarray(0, n), ends: ends.subarray(0, n) };
}

/** Matches of `re` (global) in the runs' text, never across runs, with exact source offsets. */
export function* runMatches(pt: PartText, re: RegExp, scored = true): Generator<{ m: RegExpExecArray; start: number; end: number }> {
  const { text, at, runs, pos, ends } = joined(scored ? pt.scored : pt.runs, pt.part === 'html');
  let k = 0;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    if (pos && ends) {
      yield { m, start: pos[m.index]!, end: ends[m.index + m[0].length - 1]! };
      continue;
    }
    while (k + 1 < at.length && at[k + 1]! <= m.index) k++;
    const start = runs[k]!.start + (m.index - at[k]!);
    yield { m, start, end: start + m[0].length };
  }
}
