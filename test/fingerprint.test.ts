import { describe, expect, it } from 'vitest';
import { fnv1a } from '../src/core/locate.js';

/** The definition, in 64-bit BigInt arithmetic (what earlier versions computed: fingerprints must not change). */
function reference(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

describe('fnv1a (finding fingerprints)', () => {
  it('gives the published FNV-1a 64 values', () => {
    expect(fnv1a('')).toBe('cbf29ce484222325');
    expect(fnv1a('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a('foobar')).toBe('85944171f73967e8');
  });

  it('equals the 64-bit definition on generated strings (ASCII, CJK, surrogates, private use)', () => {
    let seed = 3;
    const rnd = (k: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % k);
    const pool = [0x20, 0x41, 0x7a, 0x7c, 0xff, 0x4e00, 0xd83d, 0xde00, 0xe000, 0xffff, 0x1];
    for (let k = 0; k < 3000; k++) {
      let s = '';
      for (let i = 0, n = rnd(80); i < n; i++) s += String.fromCharCode(rnd(3) ? pool[rnd(pool.length)]! : rnd(0x10000));
      expect(fnv1a(s), JSON.stringify(s)).toBe(reference(s));
    }
    const rule = 'content/spam-phrases|html|free money|1';
    expect(fnv1a(rule)).toBe(reference(rule));
  });
});
