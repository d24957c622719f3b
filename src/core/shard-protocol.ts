/**
 * Messages between the library (host thread) and a shard worker. Plain structured-clone data.
 * The host sends one request at a time per worker, so a crash can be pinned on one request.
 */
import type { PostSummary } from '@shared/post';
import type { Snippet } from '@shared/query';
import type { ShardMatches } from './search/search-contract';

/** What a worker is started with (`workerData`). */
export interface ShardWorkerData {
  readonly shardIndex: number;
  /** A user's extra alias table, passed to `loadAreaAliases`. */
  readonly aliasesFile?: string;
  /**
   * A module (file URL) exporting `parsePostFile` with the parser's signature, used instead of the
   * real parser. Tests inject crashing or hanging parsers through it.
   */
  readonly parserModule?: string;
  /**
   * Int32 slots the worker writes while indexing: `[0]` = 1-based position, in the current
   * request, of the file being parsed (0 when idle). Lets the host name the file that crashed or hung.
   */
  readonly progress: SharedArrayBuffer;
  /**
   * A folder where the worker may keep the texts it indexes until its shard is saved (a temporary
   * file, deleted as soon as it is open where the system allows); without one they stay in memory.
   */
  readonly spillDirectory?: string;
  /**
   * How long one step of a save may hold the worker, in ms (default 8); searches asked meanwhile
   * are answered between steps. 0 writes one piece per step (tests).
   */
  readonly saveStepMs?: number;
}

/** A file to read, parse and index. */
export interface FileToIndex {
  readonly relativePath: string;
  readonly absolutePath: string;
  readonly size: number;
  readonly mtimeMs: number;
}

/** What became of one file. A skipped file is also removed from the shard. */
export type FileIndexResult =
  | {
      readonly kind: 'post';
      readonly relativePath: string;
      readonly summary: PostSummary;
      readonly size: number;
      readonly mtimeMs: number;
    }
  | {
      readonly kind: 'skipped';
      readonly relativePath: string;
      readonly reason: string;
      readonly size: number;
      readonly mtimeMs: number;
    };

/** Documents a shard holds (or just added) and their numbers (`SearchShard.documentNumber`). */
export interface DocumentNumbers {
  readonly ids: string[];
  readonly numbers: number[];
}

/** A shard written to the cache directory by its worker. */
export interface SavedShard {
  readonly fileName: string;
  /** Its `CacheChecksum`, which a load verifies. */
  readonly checksum: string;
}

export type ShardRequest =
  | { readonly type: 'index'; readonly files: readonly FileToIndex[] }
  | { readonly type: 'remove'; readonly ids: readonly string[] }
  | { readonly type: 'match'; readonly query: string }
  | { readonly type: 'snippets'; readonly query: string; readonly ids: readonly string[] }
  /** Starts writing the shard to the cache and takes the first step; `save-step` takes the next. */
  | { readonly type: 'save'; readonly directory: string; readonly fileNamePrefix: string }
  | { readonly type: 'save-step' }
  | { readonly type: 'load'; readonly path: string; readonly checksum: string }
  | { readonly type: 'clear' };

/** The result type of each request. */
export interface ShardResults {
  index: { results: FileIndexResult[]; numbered: DocumentNumbers };
  remove: null;
  /** Scores arrive in a transferred buffer (no copy). */
  match: ShardMatches;
  /** One per requested id, `null` for an id the shard no longer holds. */
  snippets: (Snippet | null)[];
  /** The saved shard once its last step is written, `null` while there is more to write. */
  save: SavedShard | null;
  'save-step': SavedShard | null;
  /** Whether the cached shard was intact and is now loaded, with its documents' numbers. */
  load: { loaded: boolean; numbered: DocumentNumbers };
  clear: null;
}

export type ShardRequestMessage = ShardRequest & { readonly requestId: number };

export type ShardResponseMessage =
  | { readonly requestId: number; readonly ok: true; readonly result: unknown }
  | { readonly requestId: number; readonly ok: false; readonly error: string };

/** Files larger than this are not read at all (the parser would refuse them anyway). */
export const MAX_POST_BYTES = 5 * 1024 * 1024;
