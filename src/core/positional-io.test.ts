import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempFolder, type TempFolder } from './__fixtures__/temp-folder';
import { reusedBufferFileReader } from './positional-io';

let folder: TempFolder;
beforeEach(async () => {
  folder = await createTempFolder('accord-io-');
});
afterEach(async () => {
  await folder.remove();
});

const decoder = new TextDecoder();

describe('reusedBufferFileReader', () => {
  it('reads whole files of the size listed, larger than its buffer too', async () => {
    const read = reusedBufferFileReader();
    const small = join(folder.path, 'small.md');
    const large = join(folder.path, 'large.md');
    await writeFile(small, 'Information Exchange');
    await writeFile(large, 'x'.repeat(200_000));
    expect(decoder.decode(read(small, 20))).toBe('Information Exchange');
    expect(read(large, 200_000).length).toBe(200_000);
    expect(decoder.decode(read(small, 20))).toBe('Information Exchange');
  });

  it('reads a file that grew or shrank since it was listed as it is now', async () => {
    const read = reusedBufferFileReader();
    const path = join(folder.path, 'post.md');
    await writeFile(path, 'Joint Testing and Evaluations, revised at length');
    expect(decoder.decode(read(path, 13))).toBe('Joint Testing and Evaluations, revised at length');
    await writeFile(path, 'Joint');
    expect(decoder.decode(read(path, 13))).toBe('Joint');
  });

  it('throws as readFileSync does for a file that is gone', () => {
    const read = reusedBufferFileReader();
    expect(() => read(join(folder.path, 'missing.md'), 10)).toThrow(/ENOENT/);
  });
});
