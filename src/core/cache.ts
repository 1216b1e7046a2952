/**
 * Caches that outlive one review are owned by an engine, never by a module: the core runs concurrently for
 * many tenants, and a host that keeps running must not grow without bound. An `EngineCaches` is created per
 * engine (`node/engine.ts`), handed to `parseTemplate()` and reached by analysis code through the doc; each
 * cache in it is a `BoundedCache` with its own limit, declared next to the code that uses it by a `CacheKey`.
 */

/**
 * A Map that keeps at most `max` entries, evicting the least recently used.
 *
 * Each entry keeps the key it was set with. A hit makes the entry the most recent by setting it again under
 * that key, never under the key the lookup was given: that one is usually a slice of the template under
 * review (an inline style, a sheet's `textKey`), and V8 keeps a slice's whole parent string alive — the
 * entry would keep the template's source until it was next found or evicted (test/memory.test.ts).
 */
export class BoundedCache<K, V> {
  private readonly map = new Map<K, { key: K; value: V }>();

  constructor(readonly max: number) {
    if (!(max >= 1)) throw new RangeError(`a cache holds at least one entry (got ${max})`);
  }

  get size(): number {
    return this.map.size;
  }

  /** The value for `key`, marked most recently used; undefined when absent (use `has` if undefined is a value). */
  get(key: K): V | undefined {
    const entry = this.map.get(key);
    if (entry === undefined) return undefined;
    // Map keeps insertion order: re-inserting makes the entry the most recent.
    this.map.delete(key);
    this.map.set(entry.key, entry);
    return entry.value;
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  set(key: K, value: V): this {
    if (this.map.has(key)) this.map.delete(key);
    else if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value as K);
    this.map.set(key, { key, value });
    return this;
  }

  clear(): void {
    this.map.clear();
  }
}

/**
 * A key for a cache of long texts: the text itself up to 256 characters, else its length and three slices.
 * V8 hashes a string longer than 16,383 characters by its length alone, so with long texts as keys every
 * text of one length falls into one bucket and each lookup compares the text with all of them (100 schemas
 * of 20,000 characters: 30 µs a lookup); an FNV-1a digest of the whole text cost more still (51 µs, in
 * JavaScript), this key 2 µs. Texts that differ only outside the slices share a key: a cache keyed by
 * `textKey` keeps the text in its value and takes a hit only when the text is the same (the other text
 * then replaces it).
 */
export function textKey(text: string): string {
  if (text.length <= 256) return text;
  const mid = text.length >> 1;
  return `${text.length}\u0000${text.slice(0, 64)}\u0000${text.slice(mid - 32, mid + 32)}\u0000${text.slice(-64)}`;
}

/** Names one kind of cache and its bound; declare it once, at module level (it holds no state). */
export interface CacheKey<K, V> {
  readonly name: string;
  readonly max: number;
  /** Phantom: only carries K and V for type inference. */
  readonly _types?: (k: K) => V;
}

export function cacheKey<K, V>(name: string, max: number): CacheKey<K, V> {
  return Object.freeze({ name, max });
}

/** The caches of one engine, created on first use, each within its key's bound. */
export class EngineCaches {
  private readonly caches = new Map<CacheKey<any, any>, BoundedCache<any, any>>();

  /** The cache for `key`, created empty on first use. */
  get<K, V>(key: CacheKey<K, V>): BoundedCache<K, V> {
    let c = this.caches.get(key);
    if (!c) {
      c = new BoundedCache<K, V>(key.max);
      this.caches.set(key, c);
    }
    return c;
  }

  /** Entries per cache, by name (for tests and metrics). */
  sizes(): Record<string, { size: number; max: number }> {
    const out: Record<string, { size: number; max: number }> = {};
    for (const [key, c] of this.caches) out[key.name] = { size: c.size, max: key.max };
    return out;
  }

  clear(): void {
    for (const c of this.caches.values()) c.clear();
  }
}
