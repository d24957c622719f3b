import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import type { IndexedDocument } from './search-contract';
import { MINISEARCH_OPTIONS } from './search-shard';
import {
  decodeShard,
  decodeShardParts,
  encodeShard,
  encodeShardInChunks,
  shardTextsOffset,
} from './shard-codec';
import { generateSyntheticDocuments } from './synthetic-documents';

const VERSION = 7;
const encoder = new TextEncoder();

/** An index and its texts as a shard holds them, with one removal left in the postings. */
function indexOf(documents: readonly IndexedDocument[]) {
  const index = new MiniSearch<IndexedDocument>(MINISEARCH_OPTIONS);
  const texts = new Map<string, Uint8Array>();
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
    expect([...decoded.texts.keys()]).toEqual([...texts.keys()]);
    for (const [id, text] of texts) expect(Buffer.compare(decoded.texts.get(id)!, text)).toBe(0);
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

describe('shard codec, read in two parts', () => {
  const { index, texts } = indexOf(documents);
  const whole = encodeShard(index, texts, VERSION);
  const readWhole = (position: number, length: number) =>
    whole.subarray(position, position + length);

  it('finds where the texts begin from the first bytes alone', () => {
    const split = shardTextsOffset(readWhole, VERSION);
    // The texts section opens with its byte length: the sum of every text.
    const textBytes = [...texts.values()].reduce((total, text) => total + text.length, 0);
    expect(new DataView(whole.buffer, whole.byteOffset + split, 4).getUint32(0, true)).toBe(
      textBytes,
    );
    const firstText = texts.values().next().value!;
    expect(Buffer.compare(whole.subarray(split + 4, split + 4 + firstText.length), firstText)).toBe(
      0,
    );
  });

  it('keeps texts that refer only to the texts part, so the rest can be freed', () => {
    const split = shardTextsOffset(readWhole, VERSION);
    // Separate copies, as a loader reading the file in two parts has them.
    const head = whole.slice(0, split);
    const textPart = whole.slice(split);
    const decoded = decodeShardParts(head, textPart, MINISEARCH_OPTIONS, VERSION);
    const fromWhole = decodeShard(whole, MINISEARCH_OPTIONS, VERSION);
    for (const [id, text] of decoded.texts) {
      expect(text.buffer).toBe(textPart.buffer);
      expect(Buffer.compare(text, fromWhole.texts.get(id)!)).toBe(0);
    }
    expect(decoded.index.search('cooperation')).toEqual(fromWhole.index.search('cooperation'));
  });

  it('refuses parts split in the wrong place with a search error', () => {
    const split = shardTextsOffset(readWhole, VERSION);
    for (const wrong of [split - 4, split + 4]) {
      expect(() =>
        decodeShardParts(whole.slice(0, wrong), whole.slice(wrong), MINISEARCH_OPTIONS, VERSION),
      ).toThrow(/^search: /);
    }
  });

  it('refuses another version before reading further', () => {
    expect(() => shardTextsOffset(readWhole, VERSION + 1)).toThrow(/^search: .*version/);
  });
});
