/**
 * Strings that outlive a review (cache keys and values) must not be slices of a template: V8 keeps a slice's
 * whole parent string alive, so a cache of short values could hold whole template sources in memory.
 */
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A string equal to `s` that shares no memory with it (V8 copies strings shorter than 13 characters anyway).
 * Well-formed text goes through UTF-8 (one native copy each way); text with a lone surrogate, which UTF-8
 * would turn into U+FFFD, is copied code unit by code unit, so the copy is always equal to `s`.
 */
export function detached(s: string): string {
  if (s.length < 13) return s;
  if (!LONE_SURROGATE.test(s)) return decoder.decode(encoder.encode(s));
  const units = new Uint16Array(s.length);
  for (let i = 0; i < s.length; i++) units[i] = s.charCodeAt(i);
  let out = '';
  for (let i = 0; i < units.length; i += 8192) out += String.fromCharCode(...units.subarray(i, i + 8192));
  return out;
}
