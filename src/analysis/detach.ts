/**
 * Strings that outlive a review (cache keys and values) must not be slices of a template: V8 keeps a slice's
 * whole parent string alive, so a cache of short values could hold whole template sources in memory.
 */
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A string equal to `s` that shares no memory with it (V8 copies strings shorter than 13 characters anyway). */
export function detached(s: string): string {
  return s.length < 13 ? s : decoder.decode(encoder.encode(s));
}
