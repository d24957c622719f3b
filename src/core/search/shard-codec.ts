import MiniSearch from 'minisearch';
import type { Options } from 'minisearch';
import { readIndexInternals } from './score-query';

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
export type ShardTexts = ReadonlyMap<string, Uint8Array>;

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

/** A growable `Int32Array`. */
class Int32Writer {
  private buffer = new Int32Array(1 << 16);
  length = 0;

  push(value: number): void {
    if (this.length === this.buffer.length) {
      const grown = new Int32Array(this.buffer.length * 2);
      grown.set(this.buffer);
      this.buffer = grown;
    }
    this.buffer[this.length++] = value;
  }

  result(): Int32Array {
    return this.buffer.subarray(0, this.length);
  }
}

function header(version: number): string {
  return `accord-search-shard/${version}\n`;
}

/** Encodes `index` and `texts` (one per live document) as described above. */
export function encodeShard(
  index: MiniSearch<never>,
  texts: ShardTexts,
  version: number,
): Uint8Array {
  const internals = readIndexInternals(index);
  const shortIds: number[] = [];
  const ids: string[] = [];
  const fieldLengths: number[][] = [];
  const textParts: Uint8Array[] = [];
  let textBytes = 0;
  for (const [shortId, id] of internals._documentIds) {
    const text = texts.get(id);
    if (text === undefined) throw new Error(`search: no text for document ${id}`);
    shortIds.push(shortId);
    ids.push(id);
    fieldLengths.push(internals._fieldLength.get(shortId) ?? []);
    textParts.push(text);
    textBytes += text.length;
  }
  const terms: string[] = [];
  const postings = new Int32Writer();
  for (const [term, fields] of internals._index as unknown as Iterable<
    [string, Map<number, Map<number, number>>]
  >) {
    terms.push(term);
    postings.push(fields.size);
    for (const [fieldId, frequencies] of fields) {
      postings.push(fieldId);
      postings.push(frequencies.size);
      frequencies.forEach((frequency, shortId) => {
        postings.push(shortId);
        postings.push(frequency);
      });
    }
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
  const postingValues = postings.result();

  const size =
    padTo4(headerBytes.length) +
    4 +
    padTo4(metadataBytes.length) +
    4 +
    postingValues.byteLength +
    4 +
    padTo4(textBytes) +
    4 +
    4 * textParts.length +
    TRAILER.length;
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  let offset = 0;
  bytes.set(headerBytes, offset);
  offset = padTo4(headerBytes.length);
  view.setUint32(offset, metadataBytes.length, true);
  bytes.set(metadataBytes, offset + 4);
  offset = padTo4(offset + 4 + metadataBytes.length);
  view.setUint32(offset, postingValues.length, true);
  offset += 4;
  bytes.set(
    new Uint8Array(postingValues.buffer, postingValues.byteOffset, postingValues.byteLength),
    offset,
  );
  offset += postingValues.byteLength;
  view.setUint32(offset, textBytes, true);
  offset += 4;
  const ends = new Uint32Array(textParts.length);
  let textOffset = 0;
  textParts.forEach((part, position) => {
    bytes.set(part, offset + textOffset);
    textOffset += part.length;
    ends[position] = textOffset;
  });
  offset = padTo4(offset + textBytes);
  view.setUint32(offset, ends.length, true);
  offset += 4;
  bytes.set(new Uint8Array(ends.buffer), offset);
  offset += ends.byteLength;
  bytes.set(encoder.encode(TRAILER), offset);
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

/**
 * The index and texts in `bytes`; `options` are the MiniSearch options the shard was built with.
 * Texts are views into `bytes` (no copy).
 */
export function decodeShard<T>(
  bytes: Uint8Array,
  options: Options<T>,
  version: number,
): { index: MiniSearch<T>; texts: Map<string, Uint8Array> } {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const headerEnd = bytes.indexOf(10);
  const headerText =
    headerEnd > 0 && headerEnd < 64 ? decoder.decode(bytes.subarray(0, headerEnd + 1)) : '';
  const match = /^accord-search-shard\/(\d+)\n$/.exec(headerText);
  if (match === null) throw new Error('search: not a serialized search shard');
  if (Number(match[1]) !== version) {
    throw new Error(
      `search: shard format version ${match[1]} is not the supported version ${version}`,
    );
  }
  if (bytes.byteOffset % 4 !== 0) bytes = bytes.slice();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const trailer = decoder.decode(bytes.subarray(bytes.length - TRAILER.length));
  if (trailer !== TRAILER) throw new Error('search: the serialized shard is truncated');

  let offset = padTo4(headerEnd + 1);
  need(bytes, offset, 4);
  const metadataLength = view.getUint32(offset, true);
  need(bytes, offset + 4, metadataLength);
  let metadata: unknown;
  try {
    metadata = JSON.parse(decoder.decode(bytes.subarray(offset + 4, offset + 4 + metadataLength)));
  } catch (error) {
    throw new Error(`search: the serialized shard metadata is not valid JSON (${String(error)})`);
  }
  if (!isMetadata(metadata)) throw new Error('search: the serialized shard is incomplete');
  offset = padTo4(offset + 4 + metadataLength);

  need(bytes, offset, 4);
  const postingCount = view.getUint32(offset, true);
  offset += 4;
  need(bytes, offset, postingCount * 4);
  const postings = new Int32Array(bytes.buffer, bytes.byteOffset + offset, postingCount);
  offset += postingCount * 4;

  need(bytes, offset, 4);
  const textBytes = view.getUint32(offset, true);
  offset += 4;
  need(bytes, offset, textBytes);
  const textStart = offset;
  offset = padTo4(offset + textBytes);
  need(bytes, offset, 4);
  const endCount = view.getUint32(offset, true);
  offset += 4;
  need(bytes, offset, endCount * 4 + TRAILER.length);
  if (endCount !== metadata.ids.length) {
    throw new Error('search: the serialized shard does not have one text per document');
  }
  const ends = new Uint32Array(bytes.buffer, bytes.byteOffset + offset, endCount);

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
    set(term: string, data: Map<number, Map<number, number>>): void;
  };
  let position = 0;
  const read = (): number => {
    if (position >= postings.length)
      throw new Error('search: the serialized postings are truncated');
    return postings[position++] as number;
  };
  for (const term of metadata.terms) {
    const data = new Map<number, Map<number, number>>();
    for (let fields = read(); fields > 0; fields -= 1) {
      const fieldId = read();
      const frequencies = new Map<number, number>();
      for (let count = read(); count > 0; count -= 1) {
        const shortId = read();
        frequencies.set(shortId, read());
      }
      data.set(fieldId, frequencies);
    }
    terms.set(term, data);
  }
  if (position !== postings.length)
    throw new Error('search: the serialized postings are malformed');

  const texts = new Map<string, Uint8Array>();
  let start = 0;
  metadata.ids.forEach((id, position) => {
    const end = ends[position] as number;
    if (end < start || end > textBytes)
      throw new Error('search: the serialized texts are malformed');
    texts.set(id, bytes.subarray(textStart + start, textStart + end));
    start = end;
  });
  return { index, texts };
}
