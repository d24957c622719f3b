/**
 * A {@link ScanResult} packed for the hop from the watcher's thread to the library's.
 *
 * Why: the watcher scans the folder once chokidar has walked it and hands the scan over. Sent as
 * it is, 10,000 file objects cost the receiving thread 46–54 ms of structured-clone decoding in
 * one task (half a second at 100,000 posts), just as a reader asks the first questions. Packed,
 * the paths travel as one UTF-8 buffer and the sizes and times as two number arrays, all three
 * moved rather than copied; unpacking them is a few milliseconds.
 */
import { sep } from 'node:path';
import type { SkippedFile } from './library-service';
import { scanPathPrefix, type ScanResult, type ScannedFile } from './scanner';

export interface PackedScan {
  /** Every file's `relativePath`, UTF-8, separated by NUL (which no path can contain). */
  readonly relativePaths: Uint8Array;
  readonly sizes: Float64Array;
  readonly mtimes: Float64Array;
  /** `folders`, packed like the paths. */
  readonly folders: Uint8Array;
  readonly folderCount: number;
  readonly skipped: SkippedFile[];
  readonly jekyllSite: boolean;
}

const SEPARATOR = '\0';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function packStrings(strings: readonly string[]): Uint8Array {
  return encoder.encode(strings.join(SEPARATOR));
}

function unpackStrings(bytes: Uint8Array, count: number): string[] {
  return count === 0 ? [] : decoder.decode(bytes).split(SEPARATOR);
}

/**
 * Packs `scan`; `transfer` lists the buffers to move with it (`postMessage(message, transfer)`).
 *
 * @example
 * const { packed, transfer } = packScan(await scanFolder(folder));
 * port.postMessage({ type: 'ready', scan: packed }, transfer);
 */
export function packScan(scan: ScanResult): { packed: PackedScan; transfer: ArrayBuffer[] } {
  const { files } = scan;
  const sizes = new Float64Array(files.length);
  const mtimes = new Float64Array(files.length);
  files.forEach((file, index) => {
    sizes[index] = file.size;
    mtimes[index] = file.mtimeMs;
  });
  const packed: PackedScan = {
    relativePaths: packStrings(files.map((file) => file.relativePath)),
    sizes,
    mtimes,
    folders: packStrings(scan.folders),
    folderCount: scan.folders.length,
    skipped: scan.skipped,
    jekyllSite: scan.jekyllSite,
  };
  const transfer = [packed.relativePaths, sizes, mtimes, packed.folders].map(
    (array) => array.buffer as ArrayBuffer,
  );
  return { packed, transfer };
}

/**
 * The scan `packed` came from. `folder` is the one the scan was of: each file's `absolutePath` is
 * rebuilt as {@link scanFolder} built it, rather than sent.
 *
 * @throws an error prefixed `scan-transfer:` when the parts do not fit together.
 */
export function unpackScan(packed: PackedScan, folder: string): ScanResult {
  const count = packed.sizes.length;
  const relativePaths = unpackStrings(packed.relativePaths, count);
  if (relativePaths.length !== count || packed.mtimes.length !== count) {
    throw new Error(
      `scan-transfer: ${relativePaths.length} paths for ${count} sizes and ${packed.mtimes.length} times`,
    );
  }
  const prefix = scanPathPrefix(folder);
  const files: ScannedFile[] = new Array<ScannedFile>(count);
  for (let index = 0; index < count; index += 1) {
    const relativePath = relativePaths[index]!;
    files[index] = {
      relativePath,
      absolutePath: prefix + (sep === '/' ? relativePath : relativePath.replaceAll('/', sep)),
      size: packed.sizes[index]!,
      mtimeMs: packed.mtimes[index]!,
    };
  }
  return {
    files,
    skipped: packed.skipped,
    jekyllSite: packed.jekyllSite,
    folders: unpackStrings(packed.folders, packed.folderCount),
  };
}
