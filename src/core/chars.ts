/** Character classes shared by the parsers and the model. */

/** JS `\s`, which is also what String.prototype.trim() removes: ASCII whitespace, U+00A0, U+1680, U+2000–U+200A, U+2028/9, U+202F, U+205F, U+3000, U+FEFF. */
export function isSpaceCode(x: number): boolean {
  if (x < 0x80) return x === 0x20 || (x >= 0x09 && x <= 0x0d);
  return (
    x === 0xa0 || x === 0x1680 || (x >= 0x2000 && x <= 0x200a) || x === 0x2028 || x === 0x2029 || x === 0x202f || x === 0x205f || x === 0x3000 || x === 0xfeff
  );
}

/**
 * `s` without the run of `chars` at its end, by a scan from the end: what `s.replace(/[…]+$/, '')` means, which
 * V8 tries from every character of such a run and reads to the end (quadratic in a run followed by another
 * character).
 */
export function withoutTrailing(s: string, chars: string): string {
  let end = s.length;
  while (end > 0 && chars.includes(s[end - 1]!)) end--;
  return end === s.length ? s : s.slice(0, end);
}
