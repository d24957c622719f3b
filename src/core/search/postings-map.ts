/**
 * What the index's postings classes share. MiniSearch keeps each term's postings as nested `Map`s
 * (field id → short document id → frequency); a shard replaces them with classes that store the
 * same entries more compactly — `GrowingFrequencies` while it indexes, `PackedFrequencies` and
 * `PackedTermData` once loaded from the cache — and behave as those `Map`s, so MiniSearch (its
 * vacuum, `discard`), `add-document.ts`, the scorer and the encoder use them unchanged.
 *
 * The rule they all follow: what their layout cannot express (a removal, an entry out of order)
 * first turns them into a real `Map`, kept inside, so the object the index holds stays the same.
 * An iteration already under way when that happens goes on over the old entries, as a `Map`
 * iteration goes on past entries deleted behind it (MiniSearch's vacuum deletes while iterating).
 */

/** The `Map` methods that follow from `get`, `entries` and unpacking. */
export abstract class PostingsMap<K, V> implements Map<K, V> {
  abstract get [Symbol.toStringTag](): string;
  abstract get size(): number;
  abstract get(key: K): V | undefined;
  abstract entries(): MapIterator<[K, V]>;
  abstract set(key: K, value: V): this;
  /** The postings as a real `Map`, made once, on the first change that needs one. */
  protected abstract unpack(): Map<K, V>;

  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  forEach(callback: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }

  *keys(): MapIterator<K> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  delete(key: K): boolean {
    return this.unpack().delete(key);
  }

  clear(): void {
    this.unpack().clear();
  }
}

/**
 * One term's postings in one field: short document id → frequency, with walks that need no call
 * through the `Map` interface per posting (the scorer reads a common word's thousands of them).
 */
export abstract class FrequencyPostings extends PostingsMap<number, number> {
  /** Calls `visit` for every posting, in `Map` order. */
  abstract forEachPosting(visit: (frequency: number, shortId: number) => void): void;
  /** Whether `test` holds for some document, stopping at the first that passes. */
  abstract someDocument(test: (shortId: number) => boolean): boolean;

  override forEach(
    callback: (frequency: number, shortId: number, map: Map<number, number>) => void,
    thisArg?: unknown,
  ): void {
    this.forEachPosting((frequency, shortId) => callback.call(thisArg, frequency, shortId, this));
  }
}

/**
 * Calls `visit` for every posting of `frequencies`, a `Map` or one of the postings classes.
 *
 * @example
 * let documents = 0;
 * forEachPosting(termData.get(fieldId)!, () => (documents += 1));
 */
export function forEachPosting(
  frequencies: Map<number, number>,
  visit: (frequency: number, shortId: number) => void,
): void {
  if (frequencies instanceof FrequencyPostings) frequencies.forEachPosting(visit);
  else frequencies.forEach(visit);
}

/** Whether `test` holds for a document of `frequencies`, stopping at the first that passes. */
export function someDocument(
  frequencies: Map<number, number>,
  test: (shortId: number) => boolean,
): boolean {
  if (frequencies instanceof FrequencyPostings) return frequencies.someDocument(test);
  for (const shortId of frequencies.keys()) if (test(shortId)) return true;
  return false;
}
