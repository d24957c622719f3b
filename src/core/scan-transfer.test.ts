import { chmod, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempFolder, type TempFolder } from './__fixtures__/temp-folder';
import { packScan, UNPACK_STEP_FILES, unpackScanSteps, type PackedScan } from './scan-transfer';
import { scanFolder, type ScanResult } from './scanner';
import { runAtOnce } from './stepwise';

let folder: TempFolder;
beforeEach(async () => {
  folder = await createTempFolder('accord-scan-transfer-');
});
afterEach(async () => {
  await chmod(join(folder.path, 'locked'), 0o755).catch(() => undefined);
  await folder.remove();
});

/** `scan` as the library's thread receives it from the watcher's. */
function acrossThreads(scan: ScanResult, scannedFolder: string): ScanResult {
  const { packed, transfer } = packScan(scan);
  return runAtOnce(unpackScanSteps(structuredClone(packed, { transfer }), scannedFolder));
}

describe('packScan / unpackScan', () => {
  it('give back the scan the watcher made: paths, absolute paths, sizes, times, folders, skips', async () => {
    await folder.write('news/_posts/2024-01-01-a.md', 'x');
    await folder.write('news/_posts/deep/2024-01-02-b.md', 'xy');
    await folder.write('events/_posts/2024-01-03-café 人工智能.md', 'xyz');
    await folder.write('real/_posts/2024-01-04-d.md', 'xyzw');
    await symlink(join(folder.path, 'real'), join(folder.path, 'linked'));
    await folder.write('locked/_posts/2024-01-05-e.md', 'e');
    await chmod(join(folder.path, 'locked'), 0o000);
    // Both spellings of the folder: the scanner normalises what it is given.
    for (const given of [folder.path, `${folder.path}/./`]) {
      const scan = await scanFolder(given);
      expect(scan.files.length).toBeGreaterThanOrEqual(4);
      expect(scan.files.some((file) => file.relativePath.startsWith('linked/'))).toBe(true);
      expect(scan.folders.length).toBeGreaterThan(3);
      if (process.getuid?.() !== 0) expect(scan.skipped).not.toEqual([]);
      expect(acrossThreads(scan, given)).toEqual(scan);
    }
  });

  it('carry file names with line breaks and an empty folder', async () => {
    await folder.write('_posts/two\nlines.md', 'x');
    const scan = await scanFolder(folder.path);
    expect(scan.files.map((file) => file.relativePath)).toEqual(['_posts/two\nlines.md']);
    expect(acrossThreads(scan, folder.path)).toEqual(scan);

    const empty: ScanResult = { files: [], skipped: [], jekyllSite: false, folders: [] };
    expect(acrossThreads(empty, folder.path)).toEqual(empty);
  });

  it('unpack a large scan a step per 5,000 files', () => {
    const count = UNPACK_STEP_FILES * 2 + 1;
    const scan: ScanResult = {
      files: Array.from({ length: count }, (_, index) => ({
        relativePath: `_posts/post-${index}.md`,
        absolutePath: join(folder.path, '_posts', `post-${index}.md`),
        size: index,
        mtimeMs: 1_700_000_000_000 + index / 4,
      })),
      skipped: [],
      jekyllSite: true,
      folders: ['_posts'],
    };
    const steps = unpackScanSteps(packScan(scan).packed, folder.path);
    let pauses = 0;
    for (let next = steps.next(); ; next = steps.next()) {
      if (next.done) {
        expect(next.value).toEqual(scan);
        break;
      }
      pauses += 1;
    }
    expect(pauses).toBe(2);
  });

  it('move the buffers instead of copying them', async () => {
    await folder.write('a.md', 'x');
    const { packed, transfer } = packScan(await scanFolder(folder.path));
    structuredClone(packed, { transfer });
    expect(packed.relativePaths.byteLength).toBe(0);
    expect(packed.sizes.length).toBe(0);
  });

  it('refuse parts that do not fit together', async () => {
    await folder.write('a.md', 'x');
    await folder.write('b.md', 'y');
    const { packed } = packScan(await scanFolder(folder.path));
    const unpack = (parts: PackedScan) => runAtOnce(unpackScanSteps(parts, folder.path));
    expect(() => unpack({ ...packed, mtimes: packed.mtimes.subarray(0, 1) })).toThrow(
      /^scan-transfer: 2 sizes but 1 times/,
    );
    const oneMorePath = new TextEncoder().encode('a.md\0b.md\0c.md');
    for (const relativePaths of [oneMorePath, new TextEncoder().encode('a.md')]) {
      expect(() => unpack({ ...packed, relativePaths })).toThrow(
        /^scan-transfer: the paths do not/,
      );
    }
  });
});
