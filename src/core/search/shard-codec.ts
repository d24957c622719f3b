import MiniSearch from 'minisearch';
import type { Options } from 'minisearch';
import { PackedTermData } from './packed-postings';
import { runAtOnce, type Steps } from '../stepwise';
import { readIndexInternals } from './score-query';
import {
  ShardTexts,
  type ShardByteReader,
  type StoredTextLayout,
  type StoredTexts,
  type TextSpill,
} from './shard-texts';

/**
 * The binary form of a search shard (the on-disk cache): MiniSearch's index plus each document's
 * text, laid out so loading costs little more than reading the file.
 *
 * Why not `JSON.stringify(miniSearch)`: for a 5,000-post shard that JSON has ~400,000 postings as
 * nested objects with numeric keys; `JSON.parse` plus `MiniSearch.loadJS` (which converts every
 * object back into a `Map`) took 0.4–0.6 s per shard, and the texts, as one JSON string, doubled
 * the file and the memory needed to read it. Here postings are one `Int32Array` read in place,
 * and texts stay UTF-8 bytes that are decoded only when a snippet needs them.
 *
 * Layout (little-endian, sections 4-byte aligned):
 *
 *     "accord-search-shard/<version>\n", zero padding
 *     u32 byte length, JSON metadata (counts, field ids and lengths, document ids, terms)
 *     u32 count, Int32 postings: per term, its field count, then per field: field id, n, n × (short id, frequency)
 *     u32 byte length, UTF-8 texts back to back (document order of the metadata)
 *     u32 count, Uint32 text end offsets
 *     "END\n"
 *
 * Any inconsistency (truncation, another version, garbage) throws an error starting `search:`.
 */

/** What a shard stores besides the index: each document's text, UTF-8 encoded. */
export interface ShardTextSource {
  get(id: string): Uint8Array | undefined;
  byteLength(id: string): number | undefined;
}

interface Metadata {
  readonly documentCount: number;
  readonly nextId: number;
  readonly dirtCount: number;
  readonly fieldIds: Record<string, number>;
  readonly averageFieldLength: number[];
  /** Short ids of the live documents, with their ids and field lengths at the same position. */
  readonly shortIds: number[];
  readonly ids: string[];
  readonly fieldLengths: number[][];
  readonly terms: string[];
}

const TRAILER = 'END\n';
const encoder = new TextEncoder();

const padTo4 = (length: number): number => (length + 3) & ~3;

/** A growable `Int32Array` that can be emptied and refilled (the postings scratch). */
class Int32Writer {
  private buffer: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.buffer = new Int32Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.buffer.length) {
      const grown = new Int32Array(this.buffer.length * 2);
      grown.set(this.buffer);
      this.buffer = grown;
    }
    this.buffer[this.length++] = value;
  }

  /** The values pushed since the last `take`, as bytes; valid until the next `push`. */
  take(): Uint8Array {
    const bytes = new Uint8Array(this.buffer.buffer, 0, this.length * 4);
    this.length = 0;
    return bytes;
  }
}

function header(version: number): string {
  return `accord-search-shard/${version}\n`;
}

/** A little-endian u32. */
function u32(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value, true);
  return bytes;
}

/** Zero bytes that bring `length` up to a multiple of 4. */
const paddingAfter = (length: number): Uint8Array => new Uint8Array(padTo4(length) - length);

/** Size of the pieces {@link EncodedShard.chunks} hands out (texts and postings are batched). */
const CHUNK_BYTES = 1 << 20;

/**
 * A shard ready to be written: its exact size, and its bytes as a sequence of pieces. Nothing
 * bigger than the metadata (ids and terms) is built up front, so saving a shard costs ~1 MB of
 * buffers instead of a second copy of the whole shard.
 */
export interface EncodedShard {
  readonly byteLength: number;
  /**
   * The bytes, in order. A piece may be a reused buffer: use it (write it, hash it, copy it)
   * before asking for the next. The index and texts must not change while this runs.
   */
  chunks(): Generator<Uint8Array, void, undefined>;
  /**
   * Where the texts are in the bytes {@link chunks} produced, so a shard can read them from the
   * written file instead of keeping them. Throws before every piece has been handed out.
   */
  textLayout(): StoredTextLayout;
}

/** Encodes `index` and `texts` (one per live document) as described above. */
export function encodeShardInChunks(
  index: MiniSearch<never>,
  texts: ShardTextSource,
  version: number,
  chunkBytes: number = CHUNK_BYTES,
): EncodedShard {
  return runAtOnce(encodeShardInSteps(index, texts, version, chunkBytes));
}

/** Documents, then terms, measured per step of {@link encodeShardInSteps}. */
const ENCODE_STEP_DOCUMENTS = 2000;
const ENCODE_STEP_TERMS = 20_000;

/**
 * {@link encodeShardInChunks} with its up-front pass (measuring every text, counting every
 * posting: 15–35 ms for a 5,000-post shard) cut into steps, so a worker saving its shard can
 * answer searches in between. The index and texts must not change until the pieces are written.
 */
export function* encodeShardInSteps(
  index: MiniSearch<never>,
  texts: ShardTextSource,
  version: number,
  chunkBytes: number = CHUNK_BYTES,
): Steps<EncodedShard> {
  const internals = readIndexInternals(index);
  const shortIds: number[] = [];
  const ids: string[] = [];
  const fieldLengths: number[][] = [];
  // Texts are only measured here and read one by one as they are written: they may live in the
  // shard file being replaced, and reading them all first would hold every text at once.
  const textLengths: number[] = [];
  let textBytes = 0;
  for (const [shortId, id] of internals._documentIds) {
    if (ids.length > 0 && ids.length % ENCODE_STEP_DOCUMENTS === 0) yield;
    const length = texts.byteLength(id);
    if (length === undefined) throw new Error(`search: no text for document ${id}`);
    shortIds.push(shortId);
    ids.push(id);
    fieldLengths.push(internals._fieldLength.get(shortId) ?? []);
    textLengths.push(length);
    textBytes += length;
  }
  const postingIndex = internals._index as unknown as Iterable<
    [string, Map<number, Map<number, number>>]
  >;
  // The postings are written in a second pass; counting them first (sizes only) lets the count
  // lead its section without holding the postings themselves.
  const terms: string[] = [];
  let postingCount = 0;
  for (const [term, fields] of postingIndex) {
    if (terms.length > 0 && terms.length % ENCODE_STEP_TERMS === 0) yield;
    terms.push(term);
    postingCount += 1;
    for (const frequencies of fields.values()) postingCount += 2 + 2 * frequencies.size;
  }
  const metadata: Metadata = {
    documentCount: internals._documentCount,
    nextId: internals._nextId,
    dirtCount: (index as unknown as { _dirtCount?: number })._dirtCount ?? 0,
    fieldIds: internals._fieldIds,
    averageFieldLength: internals._avgFieldLength,
    shortIds,
    ids,
    fieldLengths,
    terms,
  };
  const headerBytes = encoder.encode(header(version));
  const metadataBytes = encoder.encode(JSON.stringify(metadata));

  const textsStart =
    padTo4(headerBytes.length) + 4 + padTo4(metadataBytes.length) + 4 + 4 * postingCount + 4;
  const byteLength = textsStart + padTo4(textBytes) + 4 + 4 * ids.length + TRAILER.length;
  const ends = new Uint32Array(ids.length);
  let finished = false;

  function* chunks(): Generator<Uint8Array, void, undefined> {
    yield headerBytes;
    yield paddingAfter(headerBytes.length);
    yield u32(metadataBytes.length);
    yield metadataBytes;
    yield paddingAfter(metadataBytes.length);

    yield u32(postingCount);
    const postings = new Int32Writer(Math.max(1024, chunkBytes >> 2));
    let written = 0;
    for (const [, fields] of postingIndex) {
      postings.push(fields.size);
      for (const [fieldId, frequencies] of fields) {
        postings.push(fieldId);
        postings.push(frequencies.size);
        frequencies.forEach((frequency, shortId) => {
          postings.push(shortId);
          postings.push(frequency);
        });
      }
      if (postings.length * 4 >= chunkBytes) {
        written += postings.length;
        yield postings.take();
      }
    }
    written += postings.length;
    if (postings.length > 0) yield postings.take();
    if (written !== postingCount)
      throw new Error('search: the index changed while its shard was being written');

    yield u32(textBytes);
    const batch = new Uint8Array(chunkBytes);
    let batched = 0;
    let textOffset = 0;
    for (let position = 0; position < ids.length; position += 1) {
      const part = texts.get(ids[position]!);
      if (part === undefined || part.length !== textLengths[position]) {
        throw new Error(`search: the text of ${ids[position]} cannot be read back`);
      }
      if (batched + part.length > chunkBytes && batched > 0) {
        yield batch.subarray(0, batched);
        batched = 0;
      }
      if (part.length > chunkBytes) yield part;
      else {
        batch.set(part, batched);
        batched += part.length;
      }
      textOffset += part.length;
      ends[position] = textOffset;
    }
    if (batched > 0) yield batch.subarray(0, batched);
    yield paddingAfter(textBytes);
    yield u32(ends.length);
    yield new Uint8Array(ends.buffer);
    yield encoder.encode(TRAILER);
    finished = true;
  }

  const textLayout = (): StoredTextLayout => {
    if (!finished) throw new Error('search: the shard has not been written out yet');
    return { ids, start: textsStart, ends };
  };
  return { byteLength, chunks, textLayout };
}

/** Encodes `index` and `texts` into one buffer (see {@link encodeShardInChunks}). */
export function encodeShard(
  index: MiniSearch<never>,
  texts: ShardTextSource,
  version: number,
): Uint8Array {
  const encoded = encodeShardInChunks(index, texts, version);
  const bytes = new Uint8Array(encoded.byteLength);
  let offset = 0;
  for (const chunk of encoded.chunks()) {
    if (offset + chunk.length > bytes.length) break;
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  if (offset !== bytes.length) throw new Error('search: the shard size was miscounted');
  return bytes;
}

/** Reads bytes of a section, or throws when the data ends first. */
function need(bytes: Uint8Array, offset: number, length: number): void {
  if (offset < 0 || length < 0 || offset + length > bytes.length) {
    throw new Error('search: the serialized shard is truncated');
  }
}

function isMetadata(value: unknown): value is Metadata {
  const candidate = value as Partial<Metadata> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.documentCount === 'number' &&
    typeof candidate.nextId === 'number' &&
    typeof candidate.fieldIds === 'object' &&
    Array.isArray(candidate.averageFieldLength) &&
    Array.isArray(candidate.shortIds) &&
    Array.isArray(candidate.ids) &&
    Array.isArray(candidate.fieldLengths) &&
    Array.isArray(candidate.terms) &&
    candidate.ids.length === candidate.shortIds.length &&
    candidate.fieldLengths.length === candidate.shortIds.length &&
    candidate.ids.every((id) => typeof id === 'string') &&
    candidate.terms.every((term) => typeof term === 'string')
  );
}

/** Checks the header line of a serialized shard; returns where the first section starts. */
function readHeader(bytes: Uint8Array, version: number): number {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const headerEnd = bytes.subarray(0, 64).indexOf(10);
  const headerText = headerEnd > 0 ? decoder.decode(bytes.subarray(0, headerEnd + 1)) : '';
  const match = /^accord-search-shard\/(\d+)\n$/.exec(headerText);
  if (match === null) throw new Error('search: not a serialized search shard');
  if (Number(match[1]) !== version) {
    throw new Error(
      `search: shard format version ${match[1]} is not the supported version ${version}`,
    );
  }
  return padTo4(headerEnd + 1);
}

/** A little-endian u32 at `offset` of `bytes`, or a truncation error. */
function u32At(bytes: Uint8Array, offset: number): number {
  need(bytes, offset, 4);
  return new DataView(bytes.buffer, bytes.byteOffset + offset, 4).getUint32(0, true);
}

/**
 * Where the texts section of a serialized shard starts, found with three small reads:
 * `read(position, length)` returns the bytes of the serialized shard there (fewer at its end).
 * Lets a loader read the texts into a buffer of their own and hand both parts to
 * {@link decodeShardParts}: the first part (metadata and postings) is garbage once the index is
 * rebuilt, instead of staying alive as long as the texts that are views into it.
 */
export function shardTextsOffset(
  read: (position: number, length: number) => Uint8Array,
  version: number,
): number {
  const metadataAt = readHeader(read(0, 64), version);
  const metadataLength = u32At(read(metadataAt, 4), 0);
  const postingsAt = padTo4(metadataAt + 4 + metadataLength);
  const postingCount = u32At(read(postingsAt, 4), 0);
  return postingsAt + 4 + 4 * postingCount;
}

/** A decoded shard: the MiniSearch index and the texts, still in their serialized form. */
export interface DecodedShard<T> {
  readonly index: MiniSearch<T>;
  readonly texts: ShardTexts;
}

/**
 * The index and texts in `bytes`; `options` are the MiniSearch options the shard was built with.
 * Texts are views into `bytes` (no copy).
 */
export function decodeShard<T>(
  bytes: Uint8Array,
  options: Options<T>,
  version: number,
): DecodedShard<T> {
  const read = (position: number, length: number) => {
    need(bytes, position, 0);
    return bytes.subarray(position, position + length);
  };
  const split = shardTextsOffset(read, version);
  need(bytes, split, 0);
  return decodeShardParts(
    bytes.subarray(0, split),
    { read, byteLength: bytes.length },
    options,
    version,
  );
}

/** A whole serialized shard, readable piece by piece (a file), for {@link decodeShardParts}. */
export interface SerializedShard {
  readonly read: ShardByteReader;
  readonly byteLength: number;
  /** Called when the texts are no longer needed (the shard closed or replaced). */
  readonly close?: () => void;
}

/**
 * {@link decodeShard} for a shard whose first part, `head` (everything before
 * {@link shardTextsOffset}: metadata and postings), has been read, and whose texts stay where they
 * are: `shard` reads them when a snippet needs one. The index reads its postings in place from
 * `head`, which it keeps. Texts added later go to `spill` when given (see `ShardTexts`).
 */
export function decodeShardParts<T>(
  head: Uint8Array,
  shard: SerializedShard,
  options: Options<T>,
  version: number,
  spill: TextSpill | null = null,
): DecodedShard<T> {
  const { index, ids } = decodeIndex(head, options, version);
  const layout = readTextLayout(shard, head.length, ids);
  const stored: StoredTexts = {
    layout,
    read: shard.read,
    ...(shard.close ? { close: shard.close } : {}),
  };
  return { index, texts: new ShardTexts(stored, spill) };
}

/**
 * The texts section's layout: a byte count, the texts, their end offsets, the trailer. Reads only
 * the counts, the offsets (4 bytes a document) and the trailer, never the texts.
 */
function readTextLayout(
  shard: SerializedShard,
  start: number,
  ids: readonly string[],
): StoredTextLayout {
  const readExactly = (position: number, length: number): Uint8Array => {
    const bytes = position + length <= shard.byteLength ? shard.read(position, length) : null;
    if (bytes?.length !== length) throw new Error('search: the serialized shard is truncated');
    return bytes;
  };
  const textBytes = u32At(readExactly(start, 4), 0);
  const endsAt = padTo4(start + 4 + textBytes);
  const endCount = u32At(readExactly(endsAt, 4), 0);
  if (endCount !== ids.length) {
    throw new Error('search: the serialized shard does not have one text per document');
  }
  const trailerAt = endsAt + 4 + 4 * endCount;
  const trailer = new TextDecoder().decode(readExactly(trailerAt, TRAILER.length));
  if (trailer !== TRAILER || trailerAt + TRAILER.length !== shard.byteLength) {
    throw new Error('search: the serialized shard is truncated');
  }
  // A copy (`new Uint8Array`, not `slice`, which is a view for a `Buffer`): read in place, the
  // offsets would need 4-byte alignment and would pin what they view.
  const ends = new Uint32Array(new Uint8Array(readExactly(endsAt + 4, 4 * endCount)).buffer);
  let previous = 0;
  for (const end of ends) {
    if (end < previous || end > textBytes)
      throw new Error('search: the serialized texts are malformed');
    previous = end;
  }
  return { ids, start: start + 4, ends };
}

/** The MiniSearch index in `head` (header, metadata, postings), and its documents in text order. */
function decodeIndex<T>(
  head: Uint8Array,
  options: Options<T>,
  version: number,
): { index: MiniSearch<T>; ids: string[] } {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let offset = readHeader(head, version);
  // The postings below are read in place, which needs 4-byte alignment.
  if (head.byteOffset % 4 !== 0) head = new Uint8Array(head);

  const metadataLength = u32At(head, offset);
  need(head, offset + 4, metadataLength);
  let metadata: unknown;
  try {
    metadata = JSON.parse(decoder.decode(head.subarray(offset + 4, offset + 4 + metadataLength)));
  } catch (error) {
    throw new Error(`search: the serialized shard metadata is not valid JSON (${String(error)})`);
  }
  if (!isMetadata(metadata)) throw new Error('search: the serialized shard is incomplete');
  offset = padTo4(offset + 4 + metadataLength);

  const postingCount = u32At(head, offset);
  offset += 4;
  need(head, offset, postingCount * 4);
  if (offset + postingCount * 4 !== head.length)
    throw new Error('search: the serialized postings are malformed');
  const postings = new Int32Array(head.buffer, head.byteOffset + offset, postingCount);

  const documentIds: Record<number, string> = {};
  const fieldLength: Record<number, number[]> = {};
  metadata.shortIds.forEach((shortId, position) => {
    documentIds[shortId] = metadata.ids[position] as string;
    fieldLength[shortId] = metadata.fieldLengths[position] as number[];
  });
  let index: MiniSearch<T>;
  try {
    // `loadJS` restores the counters and id tables; the postings are added below without the
    // intermediate objects `loadJS` would need for them.
    index = MiniSearch.loadJS(
      {
        documentCount: metadata.documentCount,
        nextId: metadata.nextId,
        documentIds,
        fieldIds: metadata.fieldIds,
        fieldLength,
        averageFieldLength: metadata.averageFieldLength,
        storedFields: {},
        dirtCount: metadata.dirtCount,
        index: [],
        serializationVersion: 2,
      },
      options,
    );
  } catch (error) {
    throw new Error(`search: the serialized index cannot be loaded (${String(error)})`);
  }
  const terms = readIndexInternals(index)._index as unknown as {
    set(term: string, data: PackedTermData): void;
  };
  // Each term's postings are read in place when a query or an edit needs them (see
  // `packed-postings.ts`); here they are only checked and their starts found.
  let position = 0;
  for (const term of metadata.terms) {
    if (position >= postings.length) {
      throw new Error('search: the serialized postings are truncated');
    }
    terms.set(term, new PackedTermData(postings, position));
    position = PackedTermData.skip(postings, position);
  }
  if (position !== postings.length)
    throw new Error('search: the serialized postings are malformed');

  return { index, ids: metadata.ids };
}
