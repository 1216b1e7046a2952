/**
 * What a module memoises about one review's objects (the TemplateDoc, its parts, their AST, text runs, URL
 * refs), kept on the object itself — a `WeakMap`'s get/set/has, without the WeakMap.
 *
 * Why not a WeakMap: a module-level WeakMap lives in V8's old generation, and V8's scavenger (the young
 * generation's collector, which runs every few reviews) keeps the values of an old WeakMap alive even when
 * their key died young: only a full mark-compact resolves the entries. So every analysis a review memoised
 * (its text runs, URLs, renderings, variable model, element index…) outlived the review, was copied by the
 * next scavenge and promoted, and stayed in the old generation as garbage until the next mark-compact:
 * ~250 KB per review of the 30 KB benchmark template (577 → 322 KB of each review reaching the old
 * generation; most of the rest was the DOM and masked text, kept the same way by an accessor in each HtmlPart's
 * hidden class: see HTML_PART in analysis/template-doc.ts). Kept on the key, a value dies with it in the
 * young generation.
 *
 * The value is a private field of this memo's own, added to the key by a constructor that returns the key
 * (a base-class constructor's return value becomes `this`, and the subclass's fields are added to it): not
 * a property anyone else can see — not by `for…in`, `Object.keys`, `Reflect.ownKeys`, spreads, JSON or
 * structured cloning — on frozen objects too (where a later engine refuses that, the value goes to a
 * WeakMap, as before). Setting one costs a third of a WeakMap.set or defineProperty.
 */
class Key {
  constructor(key: object) {
    return key;
  }
}

export class Memo<K extends object, V> {
  readonly get: (key: K) => V | undefined;
  readonly has: (key: K) => boolean;
  readonly set: (key: K, value: V) => this;

  constructor() {
    let fallback: WeakMap<K, V> | undefined;
    // A class per memo: each holds its own private field.
    class Stamp extends Key {
      #value: V;
      constructor(key: K, value: V) {
        super(key);
        this.#value = value;
      }
      static get(key: K): V | undefined {
        return #value in key ? (key as unknown as Stamp).#value : fallback?.get(key);
      }
      static has(key: K): boolean {
        return #value in key || (fallback?.has(key) ?? false);
      }
      static set(key: K, value: V): void {
        if (#value in key) (key as unknown as Stamp).#value = value;
        else if (fallback?.has(key)) fallback.set(key, value);
        else {
          try {
            new Stamp(key, value);
          } catch {
            // A key that takes no private field (a frozen object, should the engine refuse it).
            (fallback ??= new WeakMap()).set(key, value);
          }
        }
      }
    }
    this.get = Stamp.get;
    this.has = Stamp.has;
    this.set = (key, value) => {
      Stamp.set(key, value);
      return this;
    };
  }
}
