/** Helpers shared by the content and compliance rules. */
import type { TemplateDoc } from '../../parse/template-doc.js';
import type { TemplateCategory } from '../../core/types.js';
import { contentText, type PartText } from '../../parse/text.js';

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

/** Concatenated masked text of runs, for regexes that need case (caps, amounts); offsets stay exact. */
export function* runMatches(pt: PartText, re: RegExp, scored = true): Generator<{ m: RegExpExecArray; start: number; end: number }> {
  for (const run of scored ? pt.scored : pt.runs) {
    re.lastIndex = 0;
    for (let m = re.exec(run.text); m; m = re.exec(run.text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      yield { m, start: run.start + m.index, end: run.start + m.index + m[0].length };
    }
  }
}
