/**
 * HTML character references, decoded as the HTML spec says (every HTML5 named reference, the legacy ones
 * without a semicolon, numeric ones with the spec's replacements: `&#128;` is €, `&#0;` is U+FFFD), by the
 * `entities` package that htmlparser2 itself uses, so the normaliser, the URL reader and the DOM agree.
 */
import { decodeHTML, decodeHTMLAttribute, DecodingMode, EntityDecoder, htmlDecodeTree } from 'entities/decode';

export interface Reference {
  /** Length of the reference in the source (`&amp;` → 5; `&notit;` → 4, as a browser reads `&not` then `it;`). */
  length: number;
  /** The text it stands for (one or two code points). */
  text: string;
}

/** The character reference starting at `s[i]` (an ampersand) as a browser reads it in text, or undefined. */
export function referenceAt(s: string, i: number): Reference | undefined {
  if (s.charCodeAt(i) !== 0x26) return undefined;
  // A decoder per reference (a small object): no state outlives the call.
  const codePoints: number[] = [];
  const decoder = new EntityDecoder(htmlDecodeTree, (cp) => codePoints.push(cp));
  decoder.startEntity(DecodingMode.Legacy);
  let length = decoder.write(s, i + 1);
  if (length < 0) length = decoder.end(); // the text ends inside the reference (`&nbsp` at the end)
  if (length <= 0 || !codePoints.length) return undefined;
  return { length, text: String.fromCodePoint(...codePoints) };
}

/** Decode the references in text content (`<p>` text, text between tags). */
export function decodeText(s: string): string {
  return s.includes('&') ? decodeHTML(s) : s;
}

/** Decode the references in an attribute value (`href`, `alt`): `&copy=1` in a query string stays as it is. */
export function decodeAttribute(s: string): string {
  return s.includes('&') ? decodeHTMLAttribute(s) : s;
}
