/**
 * Look-alike characters read as the Latin letters and digits they imitate, from Unicode's confusables data
 * (UTS #39 `confusables.txt`, as the `unhomoglyph` package ships it): Cyrillic `саѕһ`, Greek `ϜRΕΕ`, Cherokee,
 * mathematical alphanumerics `𝐟𝐫𝐞𝐞` and the other thousands of prototypes spammers pick from.
 *
 * UTS #39's skeleton is case-sensitive and maps to prototypes that are not always ASCII (Cyrillic `м` → `ʍ`,
 * whose look-alike in the other case is `M`), while phrase matching is case-insensitive over Latin text. So a
 * character counts as a confusable of ASCII when its own prototype, or its upper case's, is ASCII letters or
 * digits once combining marks are dropped (`ł` → `l̸` → l). ASCII itself is never remapped (the skeleton
 * turns `m` into `rn` and `1` into `l`): leetspeak is read by the normaliser, inside words only.
 */
import { requireDependency } from '../core/cjs.js';

// Required (core/cjs.ts): the command line's bundle (scripts/bundle-cli.js) keeps dependencies external, and
// esbuild drops the import attribute a JSON module needs.
const PROTOTYPES = requireDependency('unhomoglyph/data.json') as Record<string, string>;
const MARKS = /\p{M}/gu;
const ASCII_WORD = /^[a-z0-9]+$/;

/** The ASCII letters/digits (lower case) a non-ASCII character imitates, or undefined when it imitates none. */
export function confusableOf(ch: string): string | undefined {
  const lower = ch.toLowerCase();
  for (const c of lower === ch ? [ch, ch.toUpperCase()] : [ch, lower, lower.toUpperCase()]) {
    const p = PROTOTYPES[c];
    if (p === undefined) continue;
    const plain = p.normalize('NFD').replace(MARKS, '').toLowerCase();
    if (ASCII_WORD.test(plain)) return plain;
  }
  return undefined;
}

/**
 * Characters that render as nothing (Unicode's Default_Ignorable_Code_Point: zero-width spaces and joiners,
 * soft hyphens, bidi controls, variation selectors, Hangul fillers, tag characters): dropped before matching,
 * so `f\u200Bree` is `free`.
 */
/**
 * The Default_Ignorable_Code_Point ranges, inclusive [first, last] pairs in order (Unicode 15; a constant
 * table instead of a cache of regex answers). test/analysis/confusables.test.ts checks them against the
 * property as this Node's regex engine knows it, over all of Unicode.
 */
export const IGNORABLE_BLOCKS: readonly (readonly [number, number])[] = [
  [0x00ad, 0x00ad], [0x034f, 0x034f], [0x061c, 0x061c], [0x115f, 0x1160], [0x17b4, 0x17b5], [0x180b, 0x180f],
  [0x200b, 0x200f], [0x202a, 0x202e], [0x2060, 0x206f], [0x3164, 0x3164], [0xfe00, 0xfe0f], [0xfeff, 0xfeff],
  [0xffa0, 0xffa0], [0xfff0, 0xfff8], [0x1bca0, 0x1bca3], [0x1d173, 0x1d17a], [0xe0000, 0xe0fff],
];

export function isIgnorableCodePoint(cp: number): boolean {
  if (cp < 0xad) return false;
  for (const [first, last] of IGNORABLE_BLOCKS) {
    if (cp < first) return false;
    if (cp <= last) return true;
  }
  return false;
}
