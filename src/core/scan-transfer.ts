/**
 * A {@link ScanResult} packed for the hop from the watcher's thread to the library's.
 *
 * Why: the watcher scans the folder once chokidar has walked it and hands the scan over. Sent as
 * it is, 10,000 file objects cost the receiving thread 46–54 ms of structured-clone decoding in
 * one task (half a second at 100,000 posts), just as a reader asks the first questions. Packed,
 * the paths travel as one UTF-8 buffer and the sizes and times as two number arrays, all three
 * moved rather than copied; unpacking them is a few milliseconds per 10,000 files, in steps.
 */
import { sep } from 'node:path';
import type { SkippedFile } from './library-service';
import { scanPathPrefix, type ScanResult, type ScannedFile } from './scanner';
import type { Steps } from './stepwise';

export interface PackedScan {
  /** Every file's `relativePath`, UTF-8, separated by NUL (which no path can contain). */
  readonly relativePaths: Uint8Array;
  readonly sizes: Float64Array;
  readonly mtimes: Float64Array;
  /** `folders`, packed like the paths (none is empty, so no bytes means no folders). */
  readonly folders: Uint8Array;
  readonly skipped: SkippedFile[];
  readonly jekyllSite: boolean;
}

const SEPARATOR = '\0';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function packStrings(strings: readonly string[]): Uint8Array {
  return encoder.encode(strings.join(SEPARATOR));
}

function unpackStrings(bytes: Uint8Array): string[] {
  return bytes.length === 0 ? [] : decoder.decode(bytes).split(SEPARATOR);
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
    skipped: scan.skipped,
    jekyllSite: scan.jekyllSite,
  };
  const transfer = [packed.relativePaths, sizes, mtimes, packed.folders].map(
    (array) => array.buffer as ArrayBuffer,
  );
  return { packed, transfer };
}

const pathCountError = (count: number) =>
  new Error(`scan-transfer: the paths do not number ${count}, as the sizes do`);

/** Files unpacked per step of {@link unpackScanSteps}. */
export const UNPACK_STEP_FILES = 5000;

/**
 * The scan `packed` came from, as steps of {@link UNPACK_STEP_FILES} files (`stepwise.ts`): at
 * 100,000 posts, unpacking in one task held the thread ~130 ms. `folder` is the one the scan was
 * of: each file's `absolutePath` is rebuilt as {@link scanFolder} built it, rather than sent.
 *
 * @example
 * const scan = await runInSteps(unpackScanSteps(message.scan, folder));
 * @throws an error prefixed `scan-transfer:` when the parts do not fit together.
 */
export function* unpackScanSteps(packed: PackedScan, folder: string): Steps<ScanResult> {
  const count = packed.sizes.length;
  if (packed.mtimes.length !== count) {
    throw new Error(`scan-transfer: ${count} sizes but ${packed.mtimes.length} times`);
  }
  const paths = decoder.decode(packed.relativePaths);
  const prefix = scanPathPrefix(folder);
  const files: ScannedFile[] = new Array<ScannedFile>(count);
  let start = 0;
  for (let index = 0; index < count; index += 1) {
    if (index > 0 && index % UNPACK_STEP_FILES === 0) yield;
    const found = paths.indexOf(SEPARATOR, start);
    const end = found < 0 ? paths.length : found;
    // Every path but the last ends at a separator.
    if ((index === count - 1) !== found < 0) throw pathCountError(count);
    const relativePath = paths.slice(start, end);
    start = end + 1;
    files[index] = {
      relativePath,
      absolutePath: prefix + (sep === '/' ? relativePath : relativePath.replaceAll('/', sep)),
      size: packed.sizes[index]!,
      mtimeMs: packed.mtimes[index]!,
    };
  }
  if (count === 0 && paths !== '') throw pathCountError(count);
  return {
    files,
    skipped: packed.skipped,
    jekyllSite: packed.jekyllSite,
    folders: unpackStrings(packed.folders),
  };
}
