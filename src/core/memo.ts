/**
 * What a module memoises about one review's objects (the TemplateDoc, its parts, their DOM and AST, text
 * runs, URL refs), kept on the object itself — a `WeakMap`'s get/set/has, without the WeakMap.
 *
 * Why not a WeakMap: a module-level WeakMap lives in V8's old generation, and V8's scavenger (the young
 * generation's collector, which runs every few reviews) keeps the values of an old WeakMap alive even when
 * their key died young: only a full mark-compact resolves the entries. So every analysis a review memoised
 * (its text runs, URLs, renderings, variable model, element index…) outlived the review, was copied by the
 * next scavenge and promoted, and stayed in the old generation as garbage until the next mark-compact:
 * ~270 KB per review of the 30 KB benchmark template (577 → 311 KB of each review reaching the old
 * generation; the rest is the DOM and masked text, alive while the review runs). Kept on the key, a value
 * dies with it in the young generation.
 *
 * The value is a non-enumerable property under a symbol of this memo's own: not seen by `for…in`,
 * `Object.keys`, spreads, `JSON.stringify` or structured cloning. A key that cannot take a property (frozen,
 * sealed) is kept in a WeakMap, as before.
 */
export class Memo<K extends object, V> {
  private readonly key = Symbol('memo');
  private fallback: WeakMap<K, V> | undefined;

  get(k: K): V | undefined {
    const v = (k as Record<symbol, V | undefined>)[this.key];
    return v !== undefined || !this.fallback ? v : this.fallback.get(k);
  }

  has(k: K): boolean {
    return Object.prototype.hasOwnProperty.call(k, this.key) || (this.fallback?.has(k) ?? false);
  }

  set(k: K, v: V): this {
    if (Object.prototype.hasOwnProperty.call(k, this.key)) (k as Record<symbol, V>)[this.key] = v;
    else if (Object.isExtensible(k)) Object.defineProperty(k, this.key, { value: v, writable: true, configurable: true, enumerable: false });
    else (this.fallback ??= new WeakMap()).set(k, v);
    return this;
  }
}
