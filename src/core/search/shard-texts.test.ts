import { describe, expect, it } from 'vitest';
import { ShardTexts, type StoredTexts, type TextSpill } from './shard-texts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Three texts written back to back after 8 bytes of something else, as in a shard file. */
function storedTexts(): { stored: StoredTexts; reads: number[]; closed: () => number } {
  const words = ['Information Exchange', 'Joint Testing', 'Café'];
  const parts = words.map((word) => encoder.encode(word));
  const bytes = new Uint8Array(8 + parts.reduce((total, part) => total + part.length, 0));
  const ends = new Uint32Array(parts.length);
  let offset = 0;
  parts.forEach((part, position) => {
    bytes.set(part, 8 + offset);
    offset += part.length;
    ends[position] = offset;
  });
  const reads: number[] = [];
  let closes = 0;
  return {
    stored: {
      layout: { ids: ['a.md', 'b.md', 'c.md'], start: 8, ends },
      read: (position, length) => {
        reads.push(position);
        return bytes.subarray(position, position + length);
      },
      close: () => (closes += 1),
    },
    reads,
    closed: () => closes,
  };
}

const text = (texts: ShardTexts, id: string) => {
  const bytes = texts.get(id);
  return bytes === undefined ? undefined : decoder.decode(bytes);
};

describe('shard texts', () => {
  it('reads a stored text only when it is asked for, from its own range', () => {
    const { stored, reads } = storedTexts();
    const texts = new ShardTexts(stored);
    expect(reads).toEqual([]);
    expect(text(texts, 'b.md')).toBe('Joint Testing');
    expect(text(texts, 'c.md')).toBe('Café');
    expect(text(texts, 'a.md')).toBe('Information Exchange');
    expect(texts.byteLength('c.md')).toBe(5);
    expect(reads).toHaveLength(3);
  });

  it('holds a replaced text in memory and forgets a deleted one', () => {
    const { stored, reads } = storedTexts();
    const texts = new ShardTexts(stored);
    texts.set('a.md', encoder.encode('Edited'));
    texts.delete('b.md');
    texts.set('d.md', encoder.encode('New'));
    expect(text(texts, 'a.md')).toBe('Edited');
    expect(text(texts, 'b.md')).toBeUndefined();
    expect(texts.byteLength('b.md')).toBeUndefined();
    expect([...texts.ids()]).toEqual(['c.md', 'a.md', 'd.md']);
    expect(texts.size).toBe(3);
    expect(reads).toEqual([]);
  });

  it('answers no text, not an error, when the stored texts cannot be read', () => {
    const { stored } = storedTexts();
    const vanished = new ShardTexts({
      ...stored,
      read: () => {
        throw new Error('EIO');
      },
    });
    expect(vanished.get('a.md')).toBeUndefined();
    const truncated = new ShardTexts({ ...stored, read: () => new Uint8Array(2) });
    expect(truncated.get('a.md')).toBeUndefined();
  });

  it('releases the stored texts when closed', () => {
    const { stored, closed } = storedTexts();
    new ShardTexts(stored).close();
    expect(closed()).toBe(1);
  });

  it('reads only the head of a text when asked for one, wherever the text is kept', () => {
    const { stored, reads } = storedTexts();
    const spilled: number[] = [];
    let spillBytes = new Uint8Array(0);
    const spill: TextSpill = {
      append: (bytes) => {
        const start = spillBytes.length;
        const grown = new Uint8Array(start + bytes.length);
        grown.set(spillBytes);
        grown.set(bytes, start);
        spillBytes = grown;
        return start;
      },
      read: (position, length) => {
        spilled.push(length);
        return spillBytes.subarray(position, position + length);
      },
      clear: () => (spillBytes = new Uint8Array(0)),
    };
    const texts = new ShardTexts(stored, spill);
    const head = (id: string, maxBytes: number) => decoder.decode(texts.head(id, maxBytes));
    expect(head('a.md', 5)).toBe('Infor');
    expect(head('c.md', 100)).toBe('Café');
    texts.set('d.md', encoder.encode('Standardisation Activities'));
    expect(head('d.md', 15)).toBe('Standardisation');
    expect(spilled).toEqual([15]);
    expect(reads).toHaveLength(2);
    expect(texts.head('missing.md', 5)).toBeUndefined();
    // Without a spill the text stays in memory, and its head is a view of it.
    const inMemory = new ShardTexts();
    inMemory.set('e.md', encoder.encode('Joint Testing'));
    expect(decoder.decode(inMemory.head('e.md', 5))).toBe('Joint');
  });
});
