/**
 * Words as a reader counts them. Scripts written with spaces (Latin, Cyrillic, Greek, Hangul...) are read by
 * a fast scanner over normalised text; scripts written without spaces between words (Chinese, Japanese,
 * Thai, Lao, Khmer, Myanmar) are split by `Intl.Segmenter` (ICU's dictionary-based word breaking), so
 * `您的订单已发货` is five words (您 的 订单 已 发货), not seven characters or one run.
 */

// ICU's dictionaries for Han, kana and South-East Asian scripts apply whatever the locale: 'zh' only fixes it
// so that results never depend on the host's default locale.
// Made on first use (Han text): creating it loads ICU's word-break data, which cost every start-up.
let zhSegmenter: Intl.Segmenter | undefined;
const segmenter = () => (zhSegmenter ??= new Intl.Segmenter('zh', { granularity: 'word' }));

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

/**
 * ICU's dictionary segmentation takes time quadratic in the length of a stretch (88,000 Han characters
 * without punctuation: 28 s), so long stretches are segmented a window at a time. Real text breaks far
 * sooner (punctuation, spaces, Latin words), so this changes nothing there.
 */
const WINDOW = 512;

/** Call `each(start, end)` for each word of text[from, to) (a stretch of an unspaced script), in order. */
export function segmentWords(text: string, from: number, to: number, each: (start: number, end: number) => void): void {
  if (to - from === 1) {
    each(from, to);
    return;
  }
  let start = from;
  while (to - start > WINDOW) {
    // Every segment of the window but the one that reaches its end (it may go on past it): the next window
    // starts there.
    const end = start + WINDOW;
    let next = start;
    for (const s of segmenter().segment(text.slice(start, end))) {
      const a = start + s.index;
      const b = a + s.segment.length;
      if (b >= end) break;
      if (s.isWordLike) each(a, b);
      next = b;
    }
    if (next === start) {
      // One segment fills the window: cut it there.
      each(start, end);
      next = end;
    }
    start = next;
  }
  for (const s of segmenter().segment(text.slice(start, to))) if (s.isWordLike) each(start + s.index, start + s.index + s.segment.length);
}
