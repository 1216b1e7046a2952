/** Helpers shared by the content and compliance rules. */
import type { TemplateDoc } from '../../parse/template-doc.js';
import type { TemplateCategory } from '../../core/types.js';
import { contentText, type PartText, type TextRun } from '../../parse/text.js';

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
 * The masked text of a part's runs joined by NUL (which no content pattern matches, and which is a non-word
 * character for \b), with where each run starts in it: one regex pass over a part instead of one call per
 * text node. Memoised per run list.
 */
interface Joined {
  text: string;
  /** Offset of each run in `text`. */
  at: number[];
  runs: readonly TextRun[];
}

const joinedCache = new WeakMap<readonly TextRun[], Joined>();

function joined(runs: readonly TextRun[]): Joined {
  let j = joinedCache.get(runs);
  if (j) return j;
  const at: number[] = [];
  let pos = 0;
  for (const r of runs) {
    at.push(pos);
    pos += r.text.length + 1;
  }
  j = { text: runs.map((r) => r.text).join('\u0000'), at, runs };
  joinedCache.set(runs, j);
  return j;
}

/** Matches of `re` (global) in the runs' masked text, never across runs, with exact source offsets. */
export function* runMatches(pt: PartText, re: RegExp, scored = true): Generator<{ m: RegExpExecArray; start: number; end: number }> {
  const { text, at, runs } = joined(scored ? pt.scored : pt.runs);
  let k = 0;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    while (k + 1 < at.length && at[k + 1]! <= m.index) k++;
    const start = runs[k]!.start + (m.index - at[k]!);
    yield { m, start, end: start + m[0].length };
  }
}
