/**
 * Reads `length` bytes at `position` of a serialized shard (fewer at its end). Throws when the
 * bytes cannot be read (a file that vanished, an I/O error). The bytes may be overwritten by the
 * reader's next read (see `transientReader`): use them before reading again.
 */
export type ShardByteReader = (position: number, length: number) => Uint8Array;

/** Where the texts sit in a serialized shard (see `shard-codec.ts`). */
export interface StoredTextLayout {
  /** The documents, in the order their texts were written. */
  readonly ids: readonly string[];
  /** Position of the first text byte in the serialized shard. */
  readonly start: number;
  /** `ends[i]`: where text `i` ends, counted from `start`; text `i` begins at `ends[i - 1]` (or 0). */
  readonly ends: Uint32Array;
}

/** Serialized texts and how to read them. `close` releases what `read` holds (a file). */
export interface StoredTexts {
  readonly layout: StoredTextLayout;
  readonly read: ShardByteReader;
  readonly close?: () => void;
}

/**
 * Where a shard keeps the texts it indexed since its last save instead of in memory: a temporary
 * file. A cold index of 10,000 posts held ~40 MB of texts until the cache was written.
 */
export interface TextSpill {
  /** Appends `bytes` and returns where they start. Throws when it cannot (a full disk). */
  append(bytes: Uint8Array): number;
  read: ShardByteReader;
  /** Forgets everything appended: a save has written it all elsewhere. */
  clear(): void;
}

/**
 * Each document's plain text, UTF-8 encoded: snippets are cut from the original wording, which
 * the index does not keep.
 *
 * Texts of a loaded or saved shard are not held in memory: they stay in the serialized shard (the
 * cache file) and are read when a snippet needs one. A snippet page asks for a few dozen texts;
 * holding them all cost ~18 MB per shard at 10,000 posts and ~180 MB at 100,000. Texts added since
 * the shard was loaded or saved go to a {@link TextSpill} when there is one, else to memory, until
 * the next save.
 *
 * @example
 * const texts = new ShardTexts();
 * texts.set('a.md', new TextEncoder().encode('Joint testing'));
 * texts.get('a.md'); // the same bytes
 */
export class ShardTexts {
  readonly #stored: StoredTexts | null;
  /** Position in `#stored.layout` of each stored document still in the shard. */
  readonly #positions = new Map<string, number>();
  readonly #added = new Map<string, Uint8Array>();
  readonly #spill: TextSpill | null;
  /** Where each text appended to the spill starts, and its length. */
  readonly #spilled = new Map<string, { readonly start: number; readonly length: number }>();

  constructor(stored: StoredTexts | null = null, spill: TextSpill | null = null) {
    this.#stored = stored;
    this.#spill = spill;
    stored?.layout.ids.forEach((id, position) => this.#positions.set(id, position));
  }

  get size(): number {
    return this.#positions.size + this.#spilled.size + this.#added.size;
  }

  /** Every document id: the stored ones in their order, then the added ones. */
  *ids(): IterableIterator<string> {
    yield* this.#positions.keys();
    yield* this.#spilled.keys();
    yield* this.#added.keys();
  }

  /**
   * The text of `id`, or `undefined` when the shard has no text for it or it cannot be read (the
   * cache file vanished under the app): a missing snippet, not a failed search. Valid until the
   * next `get`: a text read from a file may share its buffer with the next one.
   */
  get(id: string): Uint8Array | undefined {
    return this.head(id, Number.POSITIVE_INFINITY);
  }

  /**
   * The first `maxBytes` bytes of the text of `id` (all of it when shorter), as {@link get}: a
   * snippet that is decided by a text's beginning need not read the rest.
   */
  head(id: string, maxBytes: number): Uint8Array | undefined {
    const added = this.#added.get(id);
    if (added !== undefined) return added.subarray(0, maxBytes);
    const spilled = this.#spilled.get(id);
    if (spilled !== undefined) return readExactly(this.#spill!.read, capped(spilled, maxBytes));
    const range = this.#storedRange(id);
    return range === undefined
      ? undefined
      : readExactly(this.#stored!.read, capped(range, maxBytes));
  }

  /** The length in bytes of the text of `id`, without reading it. */
  byteLength(id: string): number | undefined {
    return (
      this.#added.get(id)?.length ?? this.#spilled.get(id)?.length ?? this.#storedRange(id)?.length
    );
  }

  set(id: string, text: Uint8Array): void {
    this.delete(id);
    if (this.#spill) {
      try {
        this.#spilled.set(id, { start: this.#spill.append(text), length: text.length });
        return;
      } catch {
        // A spill that cannot take more (a full disk) leaves the text in memory.
      }
    }
    this.#added.set(id, text);
  }

  delete(id: string): void {
    this.#positions.delete(id);
    this.#spilled.delete(id);
    this.#added.delete(id);
  }

  /** Releases the stored texts' file, if any. The texts must not be used afterwards. */
  close(): void {
    this.#stored?.close?.();
  }

  #storedRange(id: string): { start: number; length: number } | undefined {
    const position = this.#positions.get(id);
    if (position === undefined) return undefined;
    const { start, ends } = this.#stored!.layout;
    const from = position === 0 ? 0 : ends[position - 1]!;
    return { start: start + from, length: ends[position]! - from };
  }
}

const capped = (range: { readonly start: number; readonly length: number }, maxBytes: number) => ({
  start: range.start,
  length: Math.min(range.length, maxBytes),
});

/** `range` read with `read`, or `undefined` when it cannot be read whole. */
function readExactly(
  read: ShardByteReader,
  range: { readonly start: number; readonly length: number },
): Uint8Array | undefined {
  try {
    const bytes = read(range.start, range.length);
    return bytes.length === range.length ? bytes : undefined;
  } catch {
    return undefined;
  }
}
