/**
 * A {@link TextSpill} in a temporary file: where a shard worker keeps the texts it indexed until
 * its shard is saved (see `ShardTexts`). The file is opened on the first text, and deleted as soon
 * as it is open where the system allows it (the descriptor keeps it readable), so a crash leaves
 * nothing behind; elsewhere it is named `*.tmp`, which the cache cleans up once stale.
 *
 * Texts are gathered into batches of {@link SPILL_BATCH_BYTES} and written a batch at a time: a
 * `write` per text (5,000 per shard at 10,000 posts, ~30 µs each on a virtual machine) was a
 * twentieth of a cold index's work in each shard worker. A batch that cannot be written (a full
 * disk) stays in memory, so no text the spill accepted is lost, and later texts are refused.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, ftruncateSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { transientReader, writeAll } from './positional-io';
import type { ShardByteReader, TextSpill } from './search/shard-texts';

/** A spill file that can also be closed (and removed). */
export interface TextSpillFile extends TextSpill {
  close(): void;
}

/** How many bytes of texts are gathered before they are written. */
export const SPILL_BATCH_BYTES = 256 * 1024;

/** How a batch reaches the file; replaced only by tests, to fail as a full disk does. */
export type SpillWrite = (descriptor: number, bytes: Uint8Array, position: number) => void;

/** A batch that could not be written, kept in memory from `start` on. */
interface StrandedBatch {
  readonly start: number;
  readonly bytes: Uint8Array;
}

/**
 * A spill in `directory`, named after `prefix`. Nothing touches the disk until the first
 * `append`; an `append` that cannot open the file, or comes after a batch could not be written,
 * throws, and the caller keeps that text in memory.
 */
export function openTextSpill(
  directory: string,
  prefix: string,
  write: SpillWrite = writeAll,
): TextSpillFile {
  let descriptor: number | null = null;
  let reader: ShardByteReader | null = null;
  let leftBehind: string | null = null;
  /** Bytes `[0, written)` are in the file (or stranded); the batch continues from there. */
  let written = 0;
  let batch: Uint8Array | null = null;
  let batched = 0;
  let stranded: StrandedBatch[] = [];
  let failure: unknown = null;

  const open = (): number => {
    if (descriptor !== null) return descriptor;
    const path = join(directory, `${prefix}.${randomBytes(6).toString('hex')}.tmp`);
    descriptor = openSync(path, 'wx+', 0o600);
    reader = transientReader(descriptor, () => written);
    try {
      rmSync(path);
    } catch {
      // Windows may refuse to delete an open file: remove it when closing instead.
      leftBehind = path;
    }
    return descriptor;
  };

  /** Writes `bytes` at `written`, or keeps them in memory if the file will not take them. */
  const commit = (bytes: Uint8Array): void => {
    try {
      write(open(), bytes, written);
    } catch (error) {
      failure = error;
      stranded.push({ start: written, bytes: bytes.slice() });
    }
    written += bytes.length;
  };

  const flush = (): void => {
    if (batched === 0 || batch === null) return;
    commit(batch.subarray(0, batched));
    batched = 0;
  };

  return {
    append(bytes) {
      if (failure !== null) throw failure;
      open();
      const start = written + batched;
      if (bytes.length > SPILL_BATCH_BYTES) {
        flush();
        commit(bytes);
        return start;
      }
      if (batched + bytes.length > SPILL_BATCH_BYTES) flush();
      batch ??= new Uint8Array(SPILL_BATCH_BYTES);
      batch.set(bytes, batched);
      batched += bytes.length;
      return start;
    },
    read(position, length) {
      if (reader === null) throw new Error('text-spill: nothing was written');
      if (position + length > written) flush();
      for (const { start, bytes } of stranded) {
        if (position >= start && position < start + bytes.length) {
          return bytes.subarray(position - start, position - start + length);
        }
      }
      return reader(position, length);
    },
    clear() {
      // Texts are written over from the start again; giving the space back is a bonus.
      try {
        if (descriptor !== null) ftruncateSync(descriptor, 0);
      } catch {
        // Keep the file's length.
      }
      written = 0;
      batched = 0;
      stranded = [];
      failure = null;
    },
    close() {
      if (descriptor !== null) closeSync(descriptor);
      descriptor = null;
      reader = null;
      if (leftBehind) rmSync(leftBehind, { force: true });
      leftBehind = null;
      written = 0;
      batch = null;
      batched = 0;
      stranded = [];
      failure = null;
    },
  };
}
