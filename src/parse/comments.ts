/**
 * Is an offset inside an HTML comment of a text? Comments as htmlparser2 (and so MJML) reads them: from
 * `<!--` to the first `-->` after its `<!--` (`<!-->` and `<!--->` are empty comments), or to the end of the
 * text when none closes it. The comments are found once; each question is a binary search, in any order.
 */
export function commentTest(text: string): (offset: number) => boolean {
  const starts: number[] = [];
  const ends: number[] = [];
  for (let open = text.indexOf('<!--'); open >= 0; ) {
    const close = text.indexOf('-->', open + 2);
    starts.push(open);
    ends.push(close < 0 ? text.length : close);
    if (close < 0) break;
    open = text.indexOf('<!--', close + 3);
  }
  return (offset) => {
    // The last comment starting before the offset.
    let lo = 0;
    let hi = starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! < offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found >= 0 && ends[found]! > offset;
  };
}
