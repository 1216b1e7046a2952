/** core/memo.ts: a WeakMap's get/set/has, the value kept on the key where nothing else sees it. */
import { describe, it, expect } from 'vitest';
import { Memo } from '../src/core/memo.js';

describe('Memo', () => {
  it('answers as a WeakMap: per key, per memo, last value set', () => {
    const a = new Memo<object, number>();
    const b = new Memo<object, number>();
    const k = { x: 1 };
    const other = { x: 1 };
    expect(a.get(k)).toBeUndefined();
    expect(a.has(k)).toBe(false);
    expect(a.set(k, 1)).toBe(a);
    expect(a.get(k)).toBe(1);
    expect(a.has(k)).toBe(true);
    expect(b.get(k)).toBeUndefined();
    expect(b.has(k)).toBe(false);
    expect(a.get(other)).toBeUndefined();
    a.set(k, 2);
    b.set(k, 3);
    expect([a.get(k), b.get(k)]).toEqual([2, 3]);
    const u = new Memo<object, undefined>();
    u.set(k, undefined);
    expect(u.has(k)).toBe(true);
  });

  it('keeps values on arrays, frozen objects and objects without a prototype', () => {
    const m = new Memo<object, string>();
    const keys = [[1, 2], Object.freeze({ a: 1 }), Object.freeze([3]), Object.create(null) as object, Object.seal({ b: 2 })];
    keys.forEach((k, i) => m.set(k, `v${i}`));
    keys.forEach((k, i) => expect(m.get(k)).toBe(`v${i}`));
  });

  it('leaves no trace on the key: keys, own keys, JSON, spreads and structured clones are unchanged', () => {
    const m = new Memo<object, object>();
    const k = { a: 1, b: [2] };
    const arr = [1, 2];
    m.set(k, { big: true });
    m.set(arr, { big: true });
    expect(Object.keys(k)).toEqual(['a', 'b']);
    expect(Reflect.ownKeys(k)).toEqual(['a', 'b']);
    expect(Reflect.ownKeys(arr)).toEqual(['0', '1', 'length']);
    expect(JSON.stringify(k)).toBe('{"a":1,"b":[2]}');
    const copy = { ...k };
    expect(m.has(copy)).toBe(false);
    expect(m.has(structuredClone(k))).toBe(false);
    expect(m.has([...arr])).toBe(false);
  });
});
