/**
 * One index term's postings as a loaded shard stores them, read in place from the shard's postings
 * array instead of being rebuilt as MiniSearch's nested `Map`s.
 *
 * Why: a 5,000-post shard has ~10,000 terms and ~470,000 (document, frequency) pairs. Rebuilding
 * them as `Map`s was most of a warm open — ~250 ms of CPU per shard, half of it garbage
 * collection — and ~30 MB of heap per shard, for postings most of which no query ever reads.
 *
 * Each class behaves as the `Map` it stands for (see `postings-map.ts`). A new document's postings
 * are kept beside the packed ones; any other change (a removal, by the vacuum) unpacks only the
 * postings it touches.
 *
 * Layout, as `shard-codec.ts` writes it, from a term's first integer: the number of fields, then
 * for each field its id, its number of documents and that many (short id, frequency) pairs.
 */
import { FrequencyPostings, PostingsMap } from './postings-map';

/** Short document id → frequency of the term in one field. */
export class PackedFrequencies extends FrequencyPostings {
  get [Symbol.toStringTag](): string {
    return 'PackedFrequencies';
  }

  #postings: Int32Array;
  readonly #start: number;
  readonly #count: number;
  /** The largest packed short id and whether they ascend, found when first needed. */
  #order: { readonly largest: number; readonly ascending: boolean } | null = null;
  /**
   * Documents added since loading. A document added is always new, with a short id above every
   * packed one, so it goes after them, as in a `Map`; unpacking a common word's 5,000–50,000
   * postings for it made the first edits after an open 3× slower at 100,000 posts.
   */
  #added: Map<number, number> | null = null;
  #unpacked: Map<number, number> | null = null;

  /** `count` (short id, frequency) pairs of `postings` from `start`. */
  constructor(postings: Int32Array, start: number, count: number) {
    super();
    this.#postings = postings;
    this.#start = start;
    this.#count = count;
  }

  get size(): number {
    if (this.#unpacked) return this.#unpacked.size;
    return this.#count + (this.#added?.size ?? 0);
  }

  get(shortId: number): number | undefined {
    if (this.#unpacked) return this.#unpacked.get(shortId);
    const added = this.#added?.get(shortId);
    if (added !== undefined) return added;
    const postings = this.#postings;
    const end = this.#start + 2 * this.#count;
    if (this.order().ascending) {
      // Snippets ask whether each row's document has each matched term: a scan of a common
      // word's 50,000 postings per question made searches at 100,000 posts half again slower.
      let low = 0;
      let high = this.#count - 1;
      while (low <= high) {
        const middle = (low + high) >>> 1;
        const found = postings[this.#start + 2 * middle] as number;
        if (found === shortId) return postings[this.#start + 2 * middle + 1];
        if (found < shortId) low = middle + 1;
        else high = middle - 1;
      }
      return undefined;
    }
    for (let at = this.#start; at < end; at += 2) {
      if (postings[at] === shortId) return postings[at + 1];
    }
    return undefined;
  }

  forEachPosting(visit: (frequency: number, shortId: number) => void): void {
    if (this.#unpacked) {
      this.#unpacked.forEach(visit);
      return;
    }
    const postings = this.#postings;
    const end = this.#start + 2 * this.#count;
    for (let at = this.#start; at < end; at += 2) {
      visit(postings[at + 1] as number, postings[at] as number);
    }
    this.#added?.forEach(visit);
  }

  someDocument(test: (shortId: number) => boolean): boolean {
    if (this.#unpacked) {
      for (const shortId of this.#unpacked.keys()) if (test(shortId)) return true;
      return false;
    }
    const postings = this.#postings;
    const end = this.#start + 2 * this.#count;
    for (let at = this.#start; at < end; at += 2) {
      if (test(postings[at] as number)) return true;
    }
    for (const shortId of this.#added?.keys() ?? []) if (test(shortId)) return true;
    return false;
  }

  *entries(): MapIterator<[number, number]> {
    if (this.#unpacked) return yield* this.#unpacked.entries();
    const postings = this.#postings;
    const end = this.#start + 2 * this.#count;
    const added = this.#added;
    for (let at = this.#start; at < end; at += 2) {
      yield [postings[at] as number, postings[at + 1] as number];
    }
    if (added) yield* added.entries();
  }

  set(shortId: number, frequency: number): this {
    if (!this.#unpacked && (this.#added?.has(shortId) || shortId > this.order().largest)) {
      (this.#added ??= new Map()).set(shortId, frequency);
    } else {
      this.unpack().set(shortId, frequency);
    }
    return this;
  }

  /**
   * Short ids ascend in the postings a shard writes (a document's id is above every earlier one,
   * and a `Map` keeps insertion order), which lets `get` search them by halves; checked once
   * rather than assumed.
   */
  private order(): { readonly largest: number; readonly ascending: boolean } {
    if (this.#order === null) {
      let largest = -1;
      let ascending = true;
      const postings = this.#postings;
      const end = this.#start + 2 * this.#count;
      for (let at = this.#start; at < end; at += 2) {
        const shortId = postings[at] as number;
        if (shortId <= largest) ascending = false;
        else largest = shortId;
      }
      this.#order = { largest, ascending };
    }
    return this.#order;
  }

  protected unpack(): Map<number, number> {
    if (this.#unpacked) return this.#unpacked;
    const unpacked = new Map<number, number>();
    this.forEachPosting((frequency, shortId) => unpacked.set(shortId, frequency));
    this.#unpacked = unpacked;
    // The shard's postings array stays alive through the other terms; nothing here needs it now.
    this.#postings = EMPTY_POSTINGS;
    this.#added = null;
    return unpacked;
  }
}

const EMPTY_POSTINGS = new Int32Array(0);

/** Field id → {@link PackedFrequencies} (or a `Map` set by an edit) of one term. */
export class PackedTermData extends PostingsMap<number, Map<number, number>> {
  get [Symbol.toStringTag](): string {
    return 'PackedTermData';
  }

  readonly #postings: Int32Array;
  readonly #start: number;
  /** Field ids and their postings, made on first use: most terms are never read. */
  #fields: { ids: number[]; frequencies: PackedFrequencies[] } | null = null;
  #unpacked: Map<number, Map<number, number>> | null = null;

  /** The term whose postings start at `postings[start]` (its field count). */
  constructor(postings: Int32Array, start: number) {
    super();
    this.#postings = postings;
    this.#start = start;
  }

  /**
   * Checks the term at `postings[start]` and returns where the next one starts. Throws a `search:`
   * error if the counts run past the end of the array or are negative.
   */
  static skip(postings: Int32Array, start: number): number {
    let at = start;
    const fieldCount = postings[at++];
    if (fieldCount === undefined || fieldCount < 0) throw malformed();
    for (let field = 0; field < fieldCount; field += 1) {
      const count = postings[at + 1];
      if (count === undefined || count < 0) throw malformed();
      at += 2 + 2 * count;
    }
    if (at > postings.length) throw malformed();
    return at;
  }

  get size(): number {
    return this.#unpacked ? this.#unpacked.size : this.fields().ids.length;
  }

  get(fieldId: number): Map<number, number> | undefined {
    if (this.#unpacked) return this.#unpacked.get(fieldId);
    const { ids, frequencies } = this.fields();
    const position = ids.indexOf(fieldId);
    return position < 0 ? undefined : frequencies[position];
  }

  *entries(): MapIterator<[number, Map<number, number>]> {
    if (this.#unpacked) return yield* this.#unpacked.entries();
    const { ids, frequencies } = this.fields();
    for (let position = 0; position < ids.length; position += 1) {
      yield [ids[position] as number, frequencies[position] as PackedFrequencies];
    }
  }

  set(fieldId: number, frequencies: Map<number, number>): this {
    this.unpack().set(fieldId, frequencies);
    return this;
  }

  private fields(): { ids: number[]; frequencies: PackedFrequencies[] } {
    if (this.#fields) return this.#fields;
    const postings = this.#postings;
    let at = this.#start;
    const fieldCount = postings[at++] as number;
    const ids: number[] = [];
    const frequencies: PackedFrequencies[] = [];
    for (let field = 0; field < fieldCount; field += 1) {
      const count = postings[at + 1] as number;
      ids.push(postings[at] as number);
      frequencies.push(new PackedFrequencies(postings, at + 2, count));
      at += 2 + 2 * count;
    }
    this.#fields = { ids, frequencies };
    return this.#fields;
  }

  /** A real `Map` of the same field objects, so postings already handed out stay the index's. */
  protected unpack(): Map<number, Map<number, number>> {
    if (this.#unpacked) return this.#unpacked;
    const { ids, frequencies } = this.fields();
    this.#unpacked = new Map(ids.map((id, position) => [id, frequencies[position]!]));
    return this.#unpacked;
  }
}

function malformed(): Error {
  return new Error('search: the serialized postings are malformed');
}
