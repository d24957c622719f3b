/**
 * The host side of one shard worker: serialises requests, restarts the worker when it crashes or
 * hangs on a file, and rebuilds the shard so one bad file costs one post, never the index.
 */
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { PositionLookup, PositionedHits, ShardMatches } from './search/search-contract';
import type {
  DocumentNumbers,
  FileIndexResult,
  FileToIndex,
  SavedShard,
  ShardRequest,
  ShardResponseMessage,
  ShardResults,
  ShardWorkerData,
} from './shard-protocol';
import { runAtOnce, type Steps } from './stepwise';
import { startWorker, workerModuleUrl } from './worker-module';

/** How long one file may take to read and parse before its worker is replaced. */
export const DEFAULT_FILE_TIMEOUT_MS = 10_000;

export interface ShardWorkerHostOptions {
  readonly shardIndex: number;
  readonly aliasesFile?: string;
  readonly parserModule?: string;
  readonly fileTimeoutMs?: number;
  /** Where a worker may keep indexed texts until they are saved (see `ShardWorkerData`). */
  readonly spillDirectory?: () => string | undefined;
  /** How long one save step may hold the worker (see `ShardWorkerData.saveStepMs`). */
  readonly saveStepMs?: number;
  /**
   * The files this shard held before a restart (everything already indexed, minus the request in
   * flight): they are indexed again into the fresh worker.
   */
  readonly filesToRebuild: () => readonly FileToIndex[];
}

/**
 * Size and time of the worker bundle: part of the cache key, so a rebuilt parser never trusts
 * summaries produced by the previous one. The parser is a chunk the worker imports on demand; its
 * file name carries a hash of its content, so a changed parser rewrites the worker bundle too.
 */
export function workerBuildStamp(): string {
  const info = statSync(fileURLToPath(workerModuleUrl('shard-worker')));
  return `${info.size}:${info.mtimeMs}`;
}

/**
 * Young generation of a worker whose shard comes from the cache, in MB (V8's default is ~48).
 * Such a worker mostly answers queries: 12 MB saves ~45 MB per library at 10,000 posts. A worker
 * that indexes a folder keeps the default: with 12 MB, a cold index's short-lived parse objects
 * were promoted to the old generation (+20 MB at 10,000 posts, +0.5 GB at 100,000).
 */
const CACHED_SHARD_YOUNG_GENERATION_MB = 12;

/** Documents looked up per step of a position table built ahead of need (~5 ms of host time). */
const POSITION_TABLE_SLICE = 5000;

/** What a worker is started for: its memory limits suit its first job. */
export type ShardWorkerPurpose = 'load-cache' | 'index';

/** Why a worker request did not answer. */
class WorkerLostError extends Error {
  constructor(
    readonly reason: 'crashed' | 'timed out',
    /** 1-based position of the file being parsed when it happened, 0 if none. */
    readonly filePosition: number,
    detail?: string,
  ) {
    super(`library: shard worker ${reason}${detail ? `: ${detail}` : ''}`);
  }
}

interface InFlight {
  readonly requestId: number;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

export class ShardWorkerHost {
  private worker: Worker | null = null;
  private readonly progressBuffer = new SharedArrayBuffer(4);
  private readonly progress = new Int32Array(this.progressBuffer);
  private inFlight: InFlight | null = null;
  /**
   * The worker's document numbers → ids (see `SearchShard.documentNumber`), kept in step from its
   * answers, so matches can arrive as numbers. Reset whenever the worker (and its shard) is new.
   * Entries of removed documents linger harmlessly (their numbers are never reused).
   */
  private documentIds: string[] = [];
  /** Changes whenever `documentIds` does, so tables built from it know when they are stale. */
  private numbering = 0;
  private positions: { layout: object; numbering: number; table: Int32Array } | null = null;
  private nextRequestId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** Files that killed a worker, by path and version, so they are never sent again unchanged. */
  private readonly poisoned = new Map<string, string>();
  private readonly fileTimeoutMs: number;

  constructor(private readonly options: ShardWorkerHostOptions) {
    this.fileTimeoutMs = options.fileTimeoutMs ?? DEFAULT_FILE_TIMEOUT_MS;
  }

  /**
   * Starts the worker ahead of the first request (module loading takes ~0.1–0.2 s), sized for
   * `purpose`. A worker started by a request, or again after a crash, is sized for indexing.
   */
  start(purpose: ShardWorkerPurpose): void {
    if (!this.closed) this.ensureWorker(purpose);
  }

  /** Reads, parses and indexes `files`; one result per file, in order. */
  index(files: readonly FileToIndex[]): Promise<FileIndexResult[]> {
    return this.enqueue(() => this.indexWithRecovery(files));
  }

  remove(ids: readonly string[]): Promise<void> {
    return this.enqueue(async () => {
      await this.requestWithRestart({ type: 'remove', ids });
    });
  }

  /** Every document matching `query`, by this worker's document number, with its score. */
  match(query: string): Promise<ShardMatches> {
    return this.enqueue(() => this.requestWithRestart({ type: 'match', query }));
  }

  /**
   * `matches` (this worker's latest answer) by timeline position. The number → position table is
   * built once per timeline and numbering (about a millisecond for 10,000 posts) instead of
   * looking up an id per hit on every query. A number the table does not know (the worker was
   * replaced after answering) or a post the timeline does not hold is dropped.
   */
  positionHits(matches: ShardMatches, timeline: PositionLookup): PositionedHits {
    const table = this.positionTable(timeline);
    const { numbers, scores, terms } = matches;
    const positions = new Int32Array(numbers.length);
    const kept = new Float64Array(numbers.length);
    let count = 0;
    for (let i = 0; i < numbers.length; i += 1) {
      const number = numbers[i]!;
      const position = number < table.length ? table[number]! : -1;
      if (position < 0) continue;
      positions[count] = position;
      kept[count] = scores[i]!;
      count += 1;
    }
    return { positions: positions.subarray(0, count), scores: kept.subarray(0, count), terms };
  }

  private positionTable(timeline: PositionLookup): Int32Array {
    // Run at once, nothing can renumber the documents between its steps: it returns a table.
    return this.cachedPositionTable(timeline) ?? runAtOnce(this.positionTableSteps(timeline))!;
  }

  /**
   * Builds the number → position table for `timeline` a slice of documents per step, so that it
   * can be built ahead of the first query that needs it (at 100,000 posts a shard's table is ~40
   * ms of host time). Returns `null`, keeping nothing, if the documents were renumbered between
   * two steps (an index batch, a new worker); stops early if a query built the table meanwhile.
   */
  *positionTableSteps(
    timeline: PositionLookup,
    slice = POSITION_TABLE_SLICE,
  ): Steps<Int32Array | null> {
    const cached = this.cachedPositionTable(timeline);
    if (cached) return cached;
    const ids = this.documentIds;
    const numbering = this.numbering;
    const table = new Int32Array(ids.length).fill(-1);
    for (let number = 0; number < ids.length; number += 1) {
      if (number > 0 && number % slice === 0) {
        yield;
        const builtMeanwhile = this.cachedPositionTable(timeline);
        if (builtMeanwhile) return builtMeanwhile;
        if (this.numbering !== numbering) return null;
      }
      const id = ids[number];
      if (id === undefined) continue;
      const position = timeline.positionOf(id);
      if (position === undefined) continue;
      table[number] = position;
      // The worker's answers carry their own copy of every id; keep the timeline's instead, so
      // one string per post is alive (~13 MB of host heap at 100,000 posts).
      ids[number] = timeline.idAt(position);
    }
    this.positions = { layout: timeline.layout, numbering, table };
    return table;
  }

  private cachedPositionTable(timeline: PositionLookup): Int32Array | null {
    const cached = this.positions;
    const current = cached?.layout === timeline.layout && cached.numbering === this.numbering;
    return current ? cached.table : null;
  }

  /** Snippets of `ids` for `query`. */
  snippets(query: string, ids: readonly string[]): Promise<ShardResults['snippets']> {
    return this.enqueue(() => this.requestWithRestart({ type: 'snippets', query, ids }));
  }

  /**
   * Writes the shard into `directory` (atomically, content-addressed), one step (~8 ms of the
   * worker) per request. Each step is queued once the last one answers, so a search asked
   * meanwhile is answered between two steps instead of after the whole save.
   */
  async save(directory: string, fileNamePrefix: string): Promise<SavedShard> {
    const begin = () => this.requestWithRestart({ type: 'save', directory, fileNamePrefix });
    let saved = await this.enqueue(begin);
    while (saved === null) {
      saved = await this.enqueue(async () => {
        try {
          return (await this.request({ type: 'save-step' })) as ShardResults['save-step'];
        } catch (error) {
          if (!(error instanceof WorkerLostError)) throw error;
          // The worker was lost mid-save: rebuild its shard and write it from the start.
          await this.restart();
          return begin();
        }
      });
    }
    return saved;
  }

  /** Replaces the shard with a cached one; false when the file is missing or corrupt. */
  load(path: string, checksum: string): Promise<boolean> {
    return this.enqueue(async () => {
      const { loaded, numbered } = await this.requestWithRestart({ type: 'load', path, checksum });
      this.forgetNumbers();
      this.noteNumbers(numbered);
      return loaded;
    });
  }

  /** Empties the shard. */
  clear(): Promise<void> {
    return this.enqueue(async () => {
      await this.requestWithRestart({ type: 'clear' });
      this.forgetNumbers();
    });
  }

  private forgetNumbers(): void {
    this.documentIds = [];
    this.numbering += 1;
  }

  private noteNumbers({ ids, numbers }: DocumentNumbers): void {
    if (ids.length > 0) this.numbering += 1;
    for (let i = 0; i < ids.length; i += 1) this.documentIds[numbers[i]!] = ids[i]!;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.queue.catch(() => undefined);
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private enqueue<T>(operation: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('library: the library is closed'));
    const result = this.queue.then(operation);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private poisonKey(file: FileToIndex): string {
    return `${file.size}:${file.mtimeMs}`;
  }

  private async indexWithRecovery(files: readonly FileToIndex[]): Promise<FileIndexResult[]> {
    const results = new Map<string, FileIndexResult>();
    let remaining = files.filter((file) => {
      const poison = this.poisoned.get(file.relativePath);
      if (poison === undefined || poison !== this.poisonKey(file)) return true;
      results.set(file.relativePath, this.crashResult(file, 'crashed'));
      return false;
    });
    let unexplainedLosses = 0;
    while (remaining.length > 0) {
      try {
        const answered = (await this.request({
          type: 'index',
          files: remaining,
        })) as ShardResults['index'];
        for (const result of answered.results) results.set(result.relativePath, result);
        this.noteNumbers(answered.numbered);
        remaining = [];
      } catch (error) {
        if (!(error instanceof WorkerLostError)) throw error;
        const culprit = remaining[error.filePosition - 1];
        if (culprit) {
          this.poisoned.set(culprit.relativePath, this.poisonKey(culprit));
          results.set(culprit.relativePath, this.crashResult(culprit, error.reason));
          remaining = remaining.filter((file) => file !== culprit);
        } else if (++unexplainedLosses > 1) {
          // Lost twice outside any single file (e.g. out of memory while indexing): give up loudly.
          await this.restart();
          throw new Error(
            `library: shard worker ${error.reason} twice while indexing (${error.message})`,
          );
        }
        await this.restart();
      }
    }
    return files.map((file) => results.get(file.relativePath)!);
  }

  private crashResult(file: FileToIndex, cause: 'crashed' | 'timed out'): FileIndexResult {
    const reason =
      cause === 'crashed'
        ? 'parser crashed on this file'
        : `parser crashed: gave up after ${Math.round(this.fileTimeoutMs / 1000)} s`;
    return {
      kind: 'skipped',
      relativePath: file.relativePath,
      size: file.size,
      mtimeMs: file.mtimeMs,
      reason,
    };
  }

  /** A new worker holding the files the old one had, minus any that crash again. */
  private async restart(): Promise<void> {
    this.worker = null;
    const files = this.options.filesToRebuild();
    if (files.length > 0) await this.indexWithRecovery(files);
  }

  private async requestWithRestart<K extends ShardRequest['type']>(
    request: Extract<ShardRequest, { type: K }>,
  ): Promise<ShardResults[K]> {
    try {
      return (await this.request(request)) as ShardResults[K];
    } catch (error) {
      if (!(error instanceof WorkerLostError)) throw error;
      await this.restart();
      return (await this.request(request)) as ShardResults[K];
    }
  }

  private ensureWorker(purpose: ShardWorkerPurpose = 'index'): Worker {
    if (this.worker) return this.worker;
    const workerData: ShardWorkerData = {
      shardIndex: this.options.shardIndex,
      aliasesFile: this.options.aliasesFile,
      parserModule: this.options.parserModule,
      progress: this.progressBuffer,
      spillDirectory: this.options.spillDirectory?.(),
      ...(this.options.saveStepMs !== undefined ? { saveStepMs: this.options.saveStepMs } : {}),
    };
    const options = {
      workerData,
      name: `accord-shard-${this.options.shardIndex}`,
      ...(purpose === 'load-cache'
        ? { resourceLimits: { maxYoungGenerationSizeMb: CACHED_SHARD_YOUNG_GENERATION_MB } }
        : {}),
    };
    this.forgetNumbers();
    const worker = startWorker('shard-worker', options);
    worker.on('message', (message: ShardResponseMessage | { ready: true }) => {
      if (!('requestId' in message)) return;
      const pending = this.inFlight;
      if (!pending || pending.requestId !== message.requestId) return;
      this.inFlight = null;
      if (message.ok) pending.resolve(message.result);
      else pending.reject(new Error(message.error));
    });
    const lose = (cause: 'crashed' | 'timed out', error?: unknown) => {
      if (this.worker !== worker) return;
      this.worker = null;
      const pending = this.inFlight;
      this.inFlight = null;
      const detail = error instanceof Error ? error.message : undefined;
      pending?.reject(new WorkerLostError(cause, Atomics.load(this.progress, 0), detail));
    };
    worker.on('error', (error) => lose('crashed', error));
    worker.on('exit', () => lose('crashed'));
    // An idle worker must not keep the command line alive.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private request(request: ShardRequest): Promise<unknown> {
    const worker = this.ensureWorker();
    const requestId = this.nextRequestId++;
    Atomics.store(this.progress, 0, 0);
    return new Promise<unknown>((resolve, reject) => {
      let watchdog: NodeJS.Timeout | undefined;
      // Keep the process alive only while the worker owes an answer.
      worker.ref();
      const finish = () => {
        if (watchdog) clearInterval(watchdog);
        worker.unref();
      };
      this.inFlight = {
        requestId,
        resolve: (value) => {
          finish();
          resolve(value);
        },
        reject: (error) => {
          finish();
          reject(error);
        },
      };
      if (request.type === 'index') {
        // A worker stuck in one file cannot answer; watch its progress slot from here.
        let lastPosition = 0;
        let since = Date.now();
        watchdog = setInterval(
          () => {
            const position = Atomics.load(this.progress, 0);
            if (position !== lastPosition) {
              lastPosition = position;
              since = Date.now();
            } else if (position > 0 && Date.now() - since >= this.fileTimeoutMs) {
              const pending = this.inFlight;
              if (this.worker === worker) this.worker = null;
              this.inFlight = null;
              pending?.reject(new WorkerLostError('timed out', position));
              void worker.terminate();
            }
          },
          Math.max(20, Math.min(1000, this.fileTimeoutMs / 5)),
        );
      }
      worker.postMessage({ ...request, requestId });
    });
  }
}
