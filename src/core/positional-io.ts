/**
 * Whole reads and writes at a position, for the shard workers' files (cache shards and spills).
 * Snippets and saves read thousands of short texts: a fresh buffer per text left tens of megabytes
 * of external memory waiting for a garbage collection while a shard was saved.
 */
import { closeSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import type { ShardByteReader } from './search/shard-texts';

/** Reads into the whole of `into` from `position`; returns the part filled (less at the end of the file). */
export function readAt(descriptor: number, position: number, into: Uint8Array): Uint8Array {
  let filled = 0;
  while (filled < into.length) {
    const count = readSync(descriptor, into, filled, into.length - filled, position + filled);
    if (count === 0) break;
    filled += count;
  }
  return into.subarray(0, filled);
}

/**
 * Writes all of `bytes` at `position` (at the file's current position when `null`): `writeSync`
 * may write less than asked (a full disk, a signal). Throws when the file takes nothing more.
 */
export function writeAll(descriptor: number, bytes: Uint8Array, position: number | null): void {
  for (let offset = 0; offset < bytes.length;) {
    const at = position === null ? null : position + offset;
    const written = writeSync(descriptor, bytes, offset, bytes.length - offset, at);
    if (written <= 0) throw new Error('positional-io: the file stopped accepting data');
    offset += written;
  }
}

/** Reads up to this long go to one reused buffer. */
const SCRATCH_BYTES = 64 * 1024;

/**
 * A reader of `descriptor` up to `end()` whose answers are views into one reused buffer, each
 * valid until the next read (longer reads get a buffer of their own). For callers that use the
 * bytes at once: decode a snippet's text, copy a text into the shard being written.
 */
export function transientReader(descriptor: number, end: () => number): ShardByteReader {
  const scratch = Buffer.allocUnsafeSlow(SCRATCH_BYTES);
  return (position, length) => {
    const wanted = Math.max(0, Math.min(length, end() - position));
    const into = wanted <= SCRATCH_BYTES ? scratch.subarray(0, wanted) : Buffer.allocUnsafe(wanted);
    return readAt(descriptor, position, into);
  };
}

/**
 * A reader of whole files that expects each file's size (from a listing) and reads into one
 * reused buffer: the answer is a view valid until the next read. A file grown since it was listed
 * is read in full all the same, into a buffer of its own.
 *
 * Why: `readFileSync` asks the system for the size again and allocates a buffer per file; a cold
 * index reads 5,000 files per shard worker, and those buffers were garbage the next moment.
 *
 * @example
 * const read = reusedBufferFileReader();
 * const bytes = read('/posts/a.md', 4096); // use before the next call
 */
export function reusedBufferFileReader(): (path: string, expectedBytes: number) => Uint8Array {
  let buffer = new Uint8Array(64 * 1024);
  return (path, expectedBytes) => {
    // One byte more than expected tells a file that grew from one that did not.
    if (buffer.length < expectedBytes + 1) buffer = new Uint8Array(expectedBytes + 1);
    const descriptor = openSync(path, 'r');
    try {
      const bytes = readAt(descriptor, 0, buffer.subarray(0, expectedBytes + 1));
      if (bytes.length <= expectedBytes) return bytes;
      // Positional reads leave the file position at the start.
      return readFileSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
  };
}
