/**
 * The shard workers of one library: fans work out to the shard that owns each file, and queries
 * out to every shard.
 */
import { availableParallelism } from 'node:os';
import { shardFor } from './shard-assignment';
import type { FileIndexResult, FileToIndex, SavedShard } from './shard-protocol';
import { ShardWorkerHost, type ShardWorkerPurpose } from './shard-worker-host';
import { runInSteps } from './stepwise';
import { yieldToEventLoop } from './yield-to-event-loop';
import type { Snippet } from '@shared/query';
import type { PositionLookup, PositionedHits, ShardMatches } from './search/search-contract';

/** Files grouped by shard per task (see `groupInSlices`). */
const GROUP_SLICE = 5000;

/** Files per request: small enough that a query waiting behind a batch is answered quickly. */
const INDEX_BATCH_SIZE = 48;

/** Two shards use both cores of a typical laptop without starving the window. */
export function defaultShardCount(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}

export interface ShardPoolOptions {
  readonly shardCount: number;
  readonly aliasesFile?: string;
  readonly parserModule?: string;
  readonly fileTimeoutMs?: number;
  /** Where workers may keep indexed texts until they are saved (see `ShardWorkerData`). */
  readonly spillDirectory?: () => string | undefined;
  /** The files shard `shardIndex` holds right now, to rebuild it after its worker is replaced. */
  readonly filesToRebuild: (shardIndex: number) => readonly FileToIndex[];
}

export class ShardPool {
  private readonly shards: ShardWorkerHost[];

  constructor(readonly options: ShardPoolOptions) {
    this.shards = Array.from(
      { length: options.shardCount },
      (_, shardIndex) =>
        new ShardWorkerHost({
          shardIndex,
          aliasesFile: options.aliasesFile,
          parserModule: options.parserModule,
          fileTimeoutMs: options.fileTimeoutMs,
          spillDirectory: options.spillDirectory,
          filesToRebuild: () => options.filesToRebuild(shardIndex),
        }),
    );
  }

  /**
   * Starts every worker now, so their start-up overlaps with whatever the host does next; `purpose`
   * (see `ShardWorkerHost.start`) is what they will do first.
   */
  start(purpose: ShardWorkerPurpose): void {
    for (const shard of this.shards) shard.start(purpose);
  }

  get shardCount(): number {
    return this.shards.length;
  }

  shardOf(relativePath: string): number {
    return shardFor(relativePath, this.shards.length);
  }

  /**
   * Indexes `files` on their shards in parallel batches. `onBatch` sees each batch's results as
   * they arrive, and only there: nothing keeps them afterwards.
   */
  async index(
    files: readonly FileToIndex[],
    onBatch: (results: readonly FileIndexResult[]) => void,
  ): Promise<void> {
    const perShard = await this.groupInSlices(files, (file) => file.relativePath);
    await Promise.all(
      perShard.map(async (shardFiles, shardIndex) => {
        for (let start = 0; start < shardFiles.length; start += INDEX_BATCH_SIZE) {
          const batch = shardFiles.slice(start, start + INDEX_BATCH_SIZE);
          onBatch(await this.shards[shardIndex]!.index(batch));
        }
      }),
    );
  }

  async remove(ids: readonly string[]): Promise<void> {
    const perShard = this.group(ids, (id) => id);
    await Promise.all(
      perShard.map((shardIds, shardIndex) =>
        shardIds.length > 0 ? this.shards[shardIndex]!.remove(shardIds) : undefined,
      ),
    );
  }

  /** Every shard's matches for `query`, in shard order. */
  match(query: string): Promise<ShardMatches[]> {
    return Promise.all(this.shards.map((shard) => shard.match(query)));
  }

  /** `matches` (from {@link match}) by position in `timeline`. */
  positionHits(matches: readonly ShardMatches[], timeline: PositionLookup): PositionedHits[] {
    return matches.map((shardMatches, shardIndex) =>
      this.shards[shardIndex]!.positionHits(shardMatches, timeline),
    );
  }

  /**
   * Builds each shard's number → position table for `timeline` ahead of the query that needs it, a
   * slice per task (`ShardWorkerHost.positionTableSteps`), so no query builds one in a long task.
   */
  async preparePositionTables(timeline: PositionLookup): Promise<void> {
    for (const shard of this.shards) await runInSteps(shard.positionTableSteps(timeline));
  }

  /** Snippets for `query` of the posts `ids`, each cut by the shard holding it. */
  async snippets(query: string, ids: readonly string[]): Promise<Map<string, Snippet>> {
    const perShard = this.group(ids, (id) => id);
    const snippets = new Map<string, Snippet>();
    await Promise.all(
      perShard.map(async (shardIds, shardIndex) => {
        if (shardIds.length === 0) return;
        const answers = await this.shards[shardIndex]!.snippets(query, shardIds);
        answers.forEach((snippet, position) => {
          if (snippet !== null) snippets.set(shardIds[position]!, snippet);
        });
      }),
    );
    return snippets;
  }

  save(directory: string): Promise<SavedShard[]> {
    return Promise.all(this.shards.map((shard, index) => shard.save(directory, `shard-${index}`)));
  }

  /** Loads one cached file per shard; false (and every shard emptied) if any is unusable. */
  async load(files: readonly { path: string; checksum: string }[]): Promise<boolean> {
    if (files.length !== this.shards.length) return false;
    const loaded = await Promise.all(
      this.shards.map((shard, index) => shard.load(files[index]!.path, files[index]!.checksum)),
    );
    if (loaded.every(Boolean)) return true;
    await this.clear();
    return false;
  }

  async clear(): Promise<void> {
    await Promise.all(this.shards.map((shard) => shard.clear()));
  }

  async close(): Promise<void> {
    await Promise.all(this.shards.map((shard) => shard.close()));
  }

  /**
   * {@link group} for a whole folder's files, letting other tasks run every few thousand: hashing
   * 100,000 paths kept the host thread busy for ~0.1 s.
   */
  private async groupInSlices<T>(items: readonly T[], key: (item: T) => string): Promise<T[][]> {
    const groups: T[][] = this.shards.map(() => []);
    for (let start = 0; start < items.length; start += GROUP_SLICE) {
      if (start > 0) await yieldToEventLoop();
      this.group(items.slice(start, start + GROUP_SLICE), key, groups);
    }
    return groups;
  }

  /** `items` by shard, added to `groups` (new, empty ones by default). */
  private group<T>(
    items: readonly T[],
    key: (item: T) => string,
    groups: T[][] = this.shards.map(() => []),
  ): T[][] {
    for (const item of items) groups[this.shardOf(key(item))]!.push(item);
    return groups;
  }
}
