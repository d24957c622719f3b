import { readdir } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempFolder, type TempFolder } from './__fixtures__/temp-folder';
import { ShardTexts } from './search/shard-texts';
import { openTextSpill } from './text-spill-file';

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
});
