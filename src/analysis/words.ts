/**
 * Words as a reader counts them. Scripts written with spaces (Latin, Cyrillic, Greek, Hangul...) are read by
 * a fast scanner over normalised text; scripts written without spaces between words (Chinese, Japanese,
 * Thai, Lao, Khmer, Myanmar) are split by `Intl.Segmenter` (ICU's dictionary-based word breaking), so
 * `您的订单已发货` is five words (您 的 订单 已 发货), not seven characters or one run.
 */

// ICU's dictionaries for Han, kana and South-East Asian scripts apply whatever the locale: 'zh' only fixes it
// so that results never depend on the host's default locale.
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** A character of a script written without spaces between words (one UTF-16 unit). */
export function isUnspacedCode(x: number): boolean {
  return (
    (x >= 0x3040 && x <= 0x30ff) || (x >= 0x31f0 && x <= 0x31ff) || (x >= 0x3400 && x <= 0x4dbf) || (x >= 0x4e00 && x <= 0x9fff) ||
    (x >= 0xf900 && x <= 0xfaff) || (x >= 0x0e00 && x <= 0x0eff) || (x >= 0x1000 && x <= 0x109f) || (x >= 0x1780 && x <= 0x17ff)
  );
}

/** End of the stretch of unspaced-script characters starting at text[i]. */
export function unspacedEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length && isUnspacedCode(text.charCodeAt(j))) j++;
  return j;
}

/** Call `each(start, end)` for each word of text[from, to) (a stretch of an unspaced script), in order. */
export function segmentWords(text: string, from: number, to: number, each: (start: number, end: number) => void): void {
  if (to - from === 1) {
    each(from, to);
    return;
  }
  for (const s of segmenter.segment(text.slice(from, to))) if (s.isWordLike) each(from + s.index, from + s.index + s.segment.length);
}
