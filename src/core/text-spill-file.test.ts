import { readdir } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempFolder, type TempFolder } from './__fixtures__/temp-folder';
import { ShardTexts } from './search/shard-texts';
import { openTextSpill, SPILL_BATCH_BYTES, type SpillWrite } from './text-spill-file';
import { writeAll } from './positional-io';

let folder: TempFolder;
beforeEach(async () => {
  folder = await createTempFolder('accord-spill-');
});
afterEach(async () => {
  await folder.remove();
});

const encoder = new TextEncoder();
const decoder = new TextDecoder();

describe('text spill file', () => {
  it('writes nothing until the first text, and leaves no file behind once open', async () => {
    const spill = openTextSpill(folder.path, 'texts-0');
    expect(await readdir(folder.path)).toEqual([]);
    const start = spill.append(encoder.encode('Joint testing'));
    expect(start).toBe(0);
    // Deleted as soon as it was open: a crash cannot leave it behind.
    expect(await readdir(folder.path)).toEqual([]);
    expect(decoder.decode(spill.read(start, 13))).toBe('Joint testing');
    spill.close();
  });

  it('holds the new texts of a shard out of memory, and starts over when cleared', () => {
    const spill = openTextSpill(folder.path, 'texts-0');
    const texts = new ShardTexts(null, spill);
    texts.set('a.md', encoder.encode('Information exchange'));
    texts.set('b.md', encoder.encode('Café'));
    texts.set('a.md', encoder.encode('Information exchange, revised'));
    expect(decoder.decode(texts.get('a.md'))).toBe('Information exchange, revised');
    expect(decoder.decode(texts.get('b.md'))).toBe('Café');
    expect(texts.byteLength('b.md')).toBe(5);
    expect([...texts.ids()].sort()).toEqual(['a.md', 'b.md']);
    spill.clear();
    expect(spill.append(encoder.encode('x'))).toBe(0);
    spill.close();
  });

  it('keeps a text in memory when the spill cannot take it', () => {
    const texts = new ShardTexts(null, {
      append: () => {
        throw new Error('ENOSPC');
      },
      read: () => new Uint8Array(0),
      clear: () => undefined,
    });
    texts.set('a.md', encoder.encode('Standardisation'));
    expect(decoder.decode(texts.get('a.md'))).toBe('Standardisation');
  });

  it('throws on the first text when its folder cannot take a file', () => {
    const spill = openTextSpill(`${folder.path}/missing`, 'texts-0');
    expect(() => spill.append(encoder.encode('x'))).toThrow(/ENOENT/);
  });

  it('writes texts a batch at a time, and reads back every one, the batch not yet written too', () => {
    const writes: number[] = [];
    const counting: SpillWrite = (descriptor, bytes, position) => {
      writes.push(bytes.length);
      writeAll(descriptor, bytes, position);
    };
    const spill = openTextSpill(folder.path, 'texts-0', counting);
    const texts = Array.from({ length: 300 }, (_, index) => `${index} `.repeat(400 + index));
    const starts = texts.map((text) => spill.append(encoder.encode(text)));
    const big = encoder.encode('x'.repeat(SPILL_BATCH_BYTES + 1));
    const bigStart = spill.append(big);
    starts.push(spill.append(encoder.encode('last, still in the batch')));
    texts.push('last, still in the batch');
    const total = texts.reduce((sum, text) => sum + text.length, 0) + big.length;
    // One write per text would be 302; a batch holds many texts.
    expect(writes.length).toBeLessThanOrEqual(Math.ceil(total / SPILL_BATCH_BYTES) + 1);
    texts.forEach((text, index) => {
      expect(decoder.decode(spill.read(starts[index]!, text.length))).toBe(text);
    });
    expect(Buffer.compare(spill.read(bigStart, big.length), big)).toBe(0);
    spill.close();
  });

  it('keeps a batch the disk refused in memory, and refuses texts after it until cleared', () => {
    let refuse = false;
    const full: SpillWrite = (descriptor, bytes, position) => {
      if (refuse) throw new Error('ENOSPC: no space left on device');
      writeAll(descriptor, bytes, position);
    };
    const spill = openTextSpill(folder.path, 'texts-0', full);
    const text = 'Joint testing and evaluations. '.repeat(2000);
    const starts: number[] = [];
    // The first batches are written; then the disk is full.
    while (starts.length * text.length < 3 * SPILL_BATCH_BYTES) {
      if (starts.length * text.length > SPILL_BATCH_BYTES) refuse = true;
      try {
        starts.push(spill.append(encoder.encode(text)));
      } catch (error) {
        expect(String(error)).toMatch(/ENOSPC/);
        break;
      }
    }
    expect(() => spill.append(encoder.encode('later'))).toThrow(/ENOSPC/);
    for (const start of starts) expect(decoder.decode(spill.read(start, text.length))).toBe(text);
    refuse = false;
    spill.clear();
    const again = spill.append(encoder.encode('after the save'));
    expect(decoder.decode(spill.read(again, 14))).toBe('after the save');
    spill.close();
  });
});
