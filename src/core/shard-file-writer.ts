/**
 * Writes an encoded shard to the cache a few pieces at a time, so the worker writing it can answer
 * searches between the steps: written in one go, a save held the worker ~0.1 s at 10,000 posts and
 * over a second at 100,000, and a search asked meanwhile waited for all of it.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CacheChecksum } from './cache-checksum';
import { SHARD_FILE_EXTENSION } from './cache-store';
import { writeAll } from './positional-io';
import type { EncodedShard } from './search/shard-codec';
import type { Steps } from './stepwise';

/** A shard file once written: its final name, its `CacheChecksum`, and what was encoded. */
export interface WrittenShardFile {
  readonly path: string;
  readonly fileName: string;
  readonly checksum: string;
  readonly encoded: EncodedShard;
}

/**
 * First the shard is encoded (its up-front pass in steps), then its pieces go to a temporary file,
 * checksummed as they go; the last step renames it to its content-addressed name. Never the whole
 * shard in one buffer: that buffer (23 MB per 5,000 posts), built in both workers at once next to
 * their live indexes, was the peak memory of a cold index.
 *
 * @example
 * const writer = new ShardFileWriter(directory, 'shard-0', shard.serializeInSteps());
 * let written = writer.step(8);
 * while (written === null) written = writer.step(8); // answer other requests in between
 */
export class ShardFileWriter {
  private readonly hash = new CacheChecksum();
  private encoded: EncodedShard | null = null;
  private pieces: Iterator<Uint8Array> | null = null;
  private temporary: string | null = null;
  private descriptor: number | null = null;
  private over = false;

  constructor(
    private readonly directory: string,
    private readonly fileNamePrefix: string,
    private readonly encoding: Steps<EncodedShard>,
  ) {}

  /**
   * Works for about `budgetMs` (at least one step of the encoding or one piece). Returns the file
   * once every piece is written and it has its final name, else `null`. On a failure the
   * temporary file is removed and the error thrown.
   */
  step(budgetMs: number): WrittenShardFile | null {
    if (this.over) throw new Error('shard-file-writer: the write is over');
    const started = performance.now();
    const spent = () => performance.now() - started >= budgetMs;
    try {
      while (this.encoded === null) {
        const next = this.encoding.next();
        if (next.done) this.open(next.value);
        else if (spent()) return null;
      }
      for (;;) {
        const next = this.pieces!.next();
        if (next.done) return this.finish(this.encoded);
        // A piece may be a reused buffer: hashed and written before the next is asked for.
        this.hash.update(next.value);
        writeAll(this.descriptor!, next.value, null);
        if (spent()) return null;
      }
    } catch (error) {
      this.abandon();
      throw error;
    }
  }

  /** Stops writing and removes the temporary file (the shard changed, or the worker moves on). */
  abandon(): void {
    this.over = true;
    if (this.descriptor !== null) closeSync(this.descriptor);
    this.descriptor = null;
    if (this.temporary !== null) rmSync(this.temporary, { force: true });
  }

  private open(encoded: EncodedShard): void {
    const name = `${this.fileNamePrefix}.${randomBytes(6).toString('hex')}.tmp`;
    this.temporary = join(this.directory, name);
    this.descriptor = openSync(this.temporary, 'w');
    this.pieces = encoded.chunks();
    this.encoded = encoded;
  }

  private finish(encoded: EncodedShard): WrittenShardFile {
    const descriptor = this.descriptor!;
    this.descriptor = null;
    this.over = true;
    closeSync(descriptor);
    const checksum = this.hash.digest();
    const fileName = `${this.fileNamePrefix}-${checksum}${SHARD_FILE_EXTENSION}`;
    const path = join(this.directory, fileName);
    renameSync(this.temporary!, path);
    return { path, fileName, checksum, encoded };
  }
}
