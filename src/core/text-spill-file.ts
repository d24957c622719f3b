/**
 * A {@link TextSpill} in a temporary file: where a shard worker keeps the texts it indexed until
 * its shard is saved (see `ShardTexts`). The file is opened on the first text, and deleted as soon
 * as it is open where the system allows it (the descriptor keeps it readable), so a crash leaves
 * nothing behind; elsewhere it is named `*.tmp`, which the cache cleans up once stale.
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

/**
 * A spill in `directory`, named after `prefix`. Nothing touches the disk until the first
 * `append`; an `append` that cannot open or write the file throws, and the caller keeps that text
 * in memory.
 */
export function openTextSpill(directory: string, prefix: string): TextSpillFile {
  let descriptor: number | null = null;
  let reader: ShardByteReader | null = null;
  let leftBehind: string | null = null;
  let end = 0;

  const open = (): number => {
    if (descriptor !== null) return descriptor;
    const path = join(directory, `${prefix}.${randomBytes(6).toString('hex')}.tmp`);
    descriptor = openSync(path, 'wx+', 0o600);
    reader = transientReader(descriptor, () => end);
    try {
      rmSync(path);
    } catch {
      // Windows may refuse to delete an open file: remove it when closing instead.
      leftBehind = path;
    }
    return descriptor;
  };

  return {
    append(bytes) {
      const start = end;
      writeAll(open(), bytes, start);
      end += bytes.length;
      return start;
    },
    read(position, length) {
      if (reader === null) throw new Error('text-spill: nothing was written');
      return reader(position, length);
    },
    clear() {
      // Texts are written over from the start again; giving the space back is a bonus.
      try {
        if (descriptor !== null) ftruncateSync(descriptor, 0);
      } catch {
        // Keep the file's length.
      }
      end = 0;
    },
    close() {
      if (descriptor !== null) closeSync(descriptor);
      descriptor = null;
      reader = null;
      if (leftBehind) rmSync(leftBehind, { force: true });
      leftBehind = null;
      end = 0;
    },
  };
}
