import { describe, expect, it } from 'vitest';
import { withoutTrailing } from '../src/core/chars.js';

describe('withoutTrailing', () => {
  it('cuts the run of the given characters at the end, as replace(/[…]+$/, "") did', () => {
    expect(withoutTrailing('example.com...', '.')).toBe('example.com');
    expect(withoutTrailing('C:\\dir\\/\\', '\\/')).toBe('C:\\dir');
    expect(withoutTrailing('a/b', '/')).toBe('a/b');
    expect(withoutTrailing('///', '/')).toBe('');
    expect(withoutTrailing('', '.')).toBe('');
    for (const s of ['x..y..', '..', 'a.', '.a', 'a/./', '/\\a\\/']) expect(withoutTrailing(s, './\\')).toBe(s.replace(/[./\\]+$/, ''));
  });

  it('reads a long run once (the regex tried a match from each of its characters)', () => {
    const s = `${'.'.repeat(200_000)}x`;
    expect(withoutTrailing(s, '.')).toBe(s);
    expect(withoutTrailing(`x${'.'.repeat(200_000)}`, '.')).toBe('x');
  });
});
