/** 1-based column of the first occurrence of `needle` on a single-line fixture (nth occurrence with n). */
export function col(haystack: string, needle: string, n = 1): number {
  let at = -1;
  for (let i = 0; i < n; i++) {
    at = haystack.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`fixture does not contain ${needle}`);
  }
  return at - haystack.lastIndexOf('\n', at);
}

/** 1-based line of the first occurrence of `needle`. */
export function line(haystack: string, needle: string): number {
  const at = haystack.indexOf(needle);
  if (at < 0) throw new Error(`fixture does not contain ${needle}`);
  return haystack.slice(0, at).split('\n').length;
}
