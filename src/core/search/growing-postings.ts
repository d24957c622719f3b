/**
 * One term's postings in one field while a shard indexes: short document id → frequency, kept as
 * one flat array of (short id, frequency) pairs instead of a `Map`.
 *
 * Why: documents are added with ascending short ids (MiniSearch numbers each new document above
 * every earlier one), so a term's postings only ever grow at the end. Filing them into a `Map`
 * hashed every (document, term) pair — ~470,000 per 5,000-post shard — and rehashed each common
 * word's table as it doubled: in a CPU profile of a cold index, a third of each shard worker's
 * indexing time. An array of small integers takes a push, and about a third of the memory (8
 * bytes a number against a `Map` entry's ~28 bytes plus its hash table), which the garbage
 * collector then copies less of.
 *
 * It behaves as the `Map` it stands for (see `postings-map.ts`): a frequency changed in place
 * stays in place; an entry out of order or a removal (MiniSearch's vacuum) turns it into a `Map`.
 */
import { FrequencyPostings } from './postings-map';

/** No pairs: what an unpacked instance keeps, so it never holds on to its old array. */
const NO_PAIRS: readonly number[] = [];

export class GrowingFrequencies extends FrequencyPostings {
  get [Symbol.toStringTag](): string {
    return 'GrowingFrequencies';
  }

  /**
   * `[shortId, frequency, shortId, frequency, …]`, short ids ascending. Never changed in place
   * once unpacked, so an iteration under way keeps reading what it started with.
   */
  #pairs: number[];
  #unpacked: Map<number, number> | null = null;

  /**
   * The postings of a term first seen in document `shortId`, `frequency` times.
   *
   * @example
   * const postings = new GrowingFrequencies(0, 2);
   * postings.set(3, 1); // document 3, once
   * postings.get(3); // → 1
   */
  constructor(shortId: number, frequency: number) {
    super();
    this.#pairs = [shortId, frequency];
  }

  get size(): number {
    return this.#unpacked ? this.#unpacked.size : this.#pairs.length >> 1;
  }

  get(shortId: number): number | undefined {
    if (this.#unpacked) return this.#unpacked.get(shortId);
    const at = this.#find(shortId);
    return at < 0 ? undefined : this.#pairs[at + 1];
  }

  set(shortId: number, frequency: number): this {
    if (this.#unpacked) {
      this.#unpacked.set(shortId, frequency);
      return this;
    }
    const pairs = this.#pairs;
    const last = pairs.length - 2;
    if (shortId > (pairs[last] as number)) {
      pairs.push(shortId, frequency);
      return this;
    }
    const at = this.#find(shortId);
    if (at >= 0) pairs[at + 1] = frequency;
    else this.unpack().set(shortId, frequency);
    return this;
  }

  forEachPosting(visit: (frequency: number, shortId: number) => void): void {
    if (this.#unpacked) {
      this.#unpacked.forEach(visit);
      return;
    }
    const pairs = this.#pairs;
    for (let at = 0; at < pairs.length; at += 2)
      visit(pairs[at + 1] as number, pairs[at] as number);
  }

  someDocument(test: (shortId: number) => boolean): boolean {
    if (this.#unpacked) {
      for (const shortId of this.#unpacked.keys()) if (test(shortId)) return true;
      return false;
    }
    const pairs = this.#pairs;
    for (let at = 0; at < pairs.length; at += 2) if (test(pairs[at] as number)) return true;
    return false;
  }

  *entries(): MapIterator<[number, number]> {
    if (this.#unpacked) return yield* this.#unpacked.entries();
    const pairs = this.#pairs;
    for (let at = 0; at < pairs.length; at += 2) {
      yield [pairs[at] as number, pairs[at + 1] as number];
    }
  }

  /**
   * The index of `shortId`'s pair, or -1. Indexing asks about the newest document: either the
   * last pair, or above it and absent; both are answered without a search.
   */
  #find(shortId: number): number {
    const pairs = this.#pairs;
    let high = (pairs.length >> 1) - 1;
    const last = pairs[2 * high] as number;
    if (shortId === last) return 2 * high;
    if (shortId > last) return -1;
    let low = 0;
    high -= 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = pairs[2 * middle] as number;
      if (found === shortId) return 2 * middle;
      if (found < shortId) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  protected unpack(): Map<number, number> {
    if (this.#unpacked) return this.#unpacked;
    const unpacked = new Map<number, number>();
    const pairs = this.#pairs;
    for (let at = 0; at < pairs.length; at += 2) unpacked.set(pairs[at] as number, pairs[at + 1]!);
    this.#unpacked = unpacked;
    this.#pairs = NO_PAIRS as number[];
    return unpacked;
  }
}
