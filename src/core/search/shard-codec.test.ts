import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import type { IndexedDocument } from './search-contract';
import { MINISEARCH_OPTIONS } from './search-shard';
import {
  decodeShard,
  decodeShardParts,
  encodeShard,
  encodeShardInChunks,
  encodeShardInSteps,
  shardTextsOffset,
} from './shard-codec';
import { ShardTexts } from './shard-texts';
import { generateSyntheticDocuments } from './synthetic-documents';

const VERSION = 7;
const encoder = new TextEncoder();

/** An index and its texts as a shard holds them, with one removal left in the postings. */
function indexOf(documents: readonly IndexedDocument[]) {
  const index = new MiniSearch<IndexedDocument>(MINISEARCH_OPTIONS);
  const texts = new ShardTexts();
  for (const document of documents) {
    index.add(document);
    texts.set(document.id, encoder.encode(document.text));
  }
  const removed = documents[1]!.id;
  index.discard(removed);
  texts.delete(removed);
  return { index: index as unknown as MiniSearch<never>, texts };
}

/** Every piece copied out as it comes (pieces may reuse one buffer), then joined. */
function joinPieces(pieces: Iterable<Uint8Array>): { bytes: Uint8Array; sizes: number[] } {
  const copies: Uint8Array[] = [];
  for (const piece of pieces) copies.push(piece.slice());
  const bytes = new Uint8Array(copies.reduce((total, piece) => total + piece.length, 0));
  let offset = 0;
  for (const piece of copies) {
    bytes.set(piece, offset);
    offset += piece.length;
  }
  return { bytes, sizes: copies.map((piece) => piece.length) };
}

const documents: IndexedDocument[] = [
  ...generateSyntheticDocuments(300, { textLength: 600 }),
  {
    id: 'long.md',
    title: 'A release longer than one piece',
    description: '',
    areas: ['Trade'],
    text: 'Coopération numérique entre les deux pays. '.repeat(2_000),
  },
];

describe('shard codec, encoded in steps', () => {
  it('pauses during its up-front pass and then writes the same bytes as at once', () => {
    // Enough documents and terms for the pass over them to pause more than once.
    const { index, texts } = indexOf(generateSyntheticDocuments(2_500, { textLength: 300 }));
    const whole = encodeShard(index, texts, VERSION);
    const steps = encodeShardInSteps(index, texts, VERSION, 4096);
    let pauses = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) pauses += 1;
    expect(pauses).toBeGreaterThan(0);
    expect(joinPieces(next.value.chunks()).bytes).toEqual(whole);
  });
});

describe('shard codec, written in pieces', () => {
  it('writes exactly the bytes of the one-buffer form, whatever the piece size', () => {
    const { index, texts } = indexOf(documents);
    const whole = encodeShard(index, texts, VERSION);
    for (const chunkBytes of [64, 4096, 1 << 20]) {
      const encoded = encodeShardInChunks(index, texts, VERSION, chunkBytes);
      const { bytes } = joinPieces(encoded.chunks());
      expect(encoded.byteLength).toBe(whole.length);
      // `Buffer.compare`: a deep equality of 700 kB typed arrays takes minutes.
      expect(Buffer.compare(bytes, whole)).toBe(0);
    }
  });

  it('loads back from the pieces with the same index and texts', () => {
    const { index, texts } = indexOf(documents);
    const { bytes } = joinPieces(encodeShardInChunks(index, texts, VERSION, 4096).chunks());
    const decoded = decodeShard(bytes, MINISEARCH_OPTIONS, VERSION);
    expect(decoded.index.documentCount).toBe(documents.length - 1);
    expect([...decoded.texts.ids()]).toEqual([...texts.ids()]);
    for (const id of texts.ids()) {
      expect(Buffer.compare(decoded.texts.get(id)!, texts.get(id)!)).toBe(0);
    }
    const query = 'coopération numérique';
    expect(decoded.index.search(query)).toEqual(
      (index as unknown as MiniSearch<IndexedDocument>).search(query),
    );
  });

  it('never holds the postings or the texts in one buffer', () => {
    const { index, texts } = indexOf(documents);
    const chunkBytes = 16 * 1024;
    const encoded = encodeShardInChunks(index, texts, VERSION, chunkBytes);
    const { sizes } = joinPieces(encoded.chunks());
    const metadata = sizes[3]!;
    const longText = encoder.encode(documents.at(-1)!.text).length;
    // A piece may exceed the size by one term's postings (a common word: a few kB here), and
    // a text longer than a piece goes out on its own; nothing else is bigger.
    const others = sizes.filter((size, position) => position !== 3 && size !== longText);
    expect(Math.max(...others)).toBeLessThan(2 * chunkBytes);
    expect(encoded.byteLength - metadata - longText).toBeGreaterThan(8 * chunkBytes);
  });

  it('refuses to finish when the index changes while it is being written', () => {
    const { index, texts } = indexOf(documents);
    const pieces = encodeShardInChunks(index, texts, VERSION, 4096).chunks();
    pieces.next();
    (index as unknown as MiniSearch<IndexedDocument>).add({
      id: 'late.md',
      title: 'Late arrival',
      description: '',
      areas: [],
      text: 'Added while the shard was being written.',
    });
    expect(() => [...pieces]).toThrow(/^search: the index changed/);
  });
});

describe('shard codec, texts left in the serialized shard', () => {
  const { index, texts } = indexOf(documents);
  const whole = encodeShard(index, texts, VERSION);
  const ids = [...texts.ids()];
  const readWhole = (position: number, length: number) =>
    whole.subarray(position, position + length);

  /** A reader over `whole` that counts the bytes read at or after `from`. */
  function countingReader(from: number) {
    const counter = { bytes: 0 };
    const read = (position: number, length: number) => {
      const bytes = readWhole(position, length);
      if (position >= from) counter.bytes += bytes.length;
      return bytes;
    };
    return { read, counter };
  }

  it('finds where the texts begin from the first bytes alone', () => {
    const split = shardTextsOffset(readWhole, VERSION);
    // The texts section opens with its byte length: the sum of every text.
    const textBytes = ids.reduce((total, id) => total + texts.byteLength(id)!, 0);
    expect(new DataView(whole.buffer, whole.byteOffset + split, 4).getUint32(0, true)).toBe(
      textBytes,
    );
    const firstText = texts.get(ids[0]!)!;
    expect(Buffer.compare(whole.subarray(split + 4, split + 4 + firstText.length), firstText)).toBe(
      0,
    );
  });

  it('loads without reading the texts, and reads one text when it is asked for', () => {
    const split = shardTextsOffset(readWhole, VERSION);
    const { read, counter } = countingReader(split);
    const decoded = decodeShardParts(
      whole.slice(0, split),
      { read, byteLength: whole.length },
      MINISEARCH_OPTIONS,
      VERSION,
    );
    // The section's counts, its end offsets (4 bytes a document) and the trailer: no text.
    expect(counter.bytes).toBe(4 + 4 + 4 * ids.length + 4);
    counter.bytes = 0;
    const long = decoded.texts.get('long.md')!;
    expect(counter.bytes).toBe(long.length);
    expect(Buffer.compare(long, texts.get('long.md')!)).toBe(0);
    expect(decoded.index.search('cooperation')).toEqual(
      decodeShard(whole, MINISEARCH_OPTIONS, VERSION).index.search('cooperation'),
    );
  });

  it('decodes from Buffers at any offset, as reads from a file hand them out', () => {
    // `Buffer#slice` is a view: an unaligned Buffer must be copied, not sliced, to be read in place.
    const unaligned = (bytes: Uint8Array) => {
      const copy = Buffer.alloc(bytes.length + 1);
      copy.set(bytes, 1);
      return copy.subarray(1);
    };
    const split = shardTextsOffset(readWhole, VERSION);
    const decoded = decodeShardParts(
      unaligned(whole.subarray(0, split)),
      {
        read: (position, length) => unaligned(readWhole(position, length)),
        byteLength: whole.length,
      },
      MINISEARCH_OPTIONS,
      VERSION,
    );
    for (const id of ids) expect(Buffer.compare(decoded.texts.get(id)!, texts.get(id)!)).toBe(0);
    expect(decoded.index.search('cooperation').length).toBeGreaterThan(0);
  });

  it('hands the file back when the texts are closed', () => {
    const split = shardTextsOffset(readWhole, VERSION);
    let closed = 0;
    const decoded = decodeShardParts(
      whole.slice(0, split),
      { read: readWhole, byteLength: whole.length, close: () => (closed += 1) },
      MINISEARCH_OPTIONS,
      VERSION,
    );
    decoded.texts.close();
    expect(closed).toBe(1);
  });

  it('refuses a head split in the wrong place with a search error', () => {
    const split = shardTextsOffset(readWhole, VERSION);
    for (const wrong of [split - 4, split + 4]) {
      expect(() =>
        decodeShardParts(
          whole.slice(0, wrong),
          { read: readWhole, byteLength: whole.length },
          MINISEARCH_OPTIONS,
          VERSION,
        ),
      ).toThrow(/^search: /);
    }
  });

  it('refuses a shard whose file is shorter or longer than its texts say', () => {
    const split = shardTextsOffset(readWhole, VERSION);
    for (const byteLength of [whole.length - 1, whole.length + 4]) {
      expect(() =>
        decodeShardParts(
          whole.slice(0, split),
          { read: readWhole, byteLength },
          MINISEARCH_OPTIONS,
          VERSION,
        ),
      ).toThrow(/^search: .*truncated/);
    }
  });

  it('refuses another version before reading further', () => {
    expect(() => shardTextsOffset(readWhole, VERSION + 1)).toThrow(/^search: .*version/);
  });

  it('tells where each text was written, once the shard is written out', () => {
    const encoded = encodeShardInChunks(index, texts, VERSION, 4096);
    expect(() => encoded.textLayout()).toThrow(/^search: .*not been written/);
    const { bytes } = joinPieces(encoded.chunks());
    const layout = encoded.textLayout();
    expect(layout.ids).toEqual(ids);
    const last = ids.length - 1;
    const start = layout.start + layout.ends[last - 1]!;
    expect(
      Buffer.compare(
        bytes.subarray(start, layout.start + layout.ends[last]!),
        texts.get(ids[last]!)!,
      ),
    ).toBe(0);
  });
});
