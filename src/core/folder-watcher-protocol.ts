/**
 * Messages between the library and its watcher thread (`folder-watcher-worker.ts`). The watcher
 * runs in its own thread because its start (chokidar's walk, which lists every file though it
 * watches only folders: ~0.25 s of CPU at 10,000 posts; then a scan that stats every file) would
 * otherwise run on the thread that answers the reader, just when the reader asks its first
 * questions.
 */
import type { PackedScan } from './scan-transfer';

/** What the worker is started with. */
export interface FolderWatcherWorkerData {
  readonly folder: string;
  readonly debounceMs?: number;
  readonly maxWaitMs?: number;
  readonly pollingIntervalMs?: number;
}

/** Worker → library. A `WatchBatch` travels with its sets as arrays. */
export type FolderWatcherEvent =
  | {
      readonly type: 'batch';
      readonly paths: readonly string[];
      readonly removedFolders: readonly string[];
      readonly rescan: boolean;
    }
  | { readonly type: 'polling'; readonly message: string }
  | {
      readonly type: 'ready';
      /**
       * The folder as scanned right after chokidar's walk, packed (`scan-transfer.ts`); absent if
       * the scan failed.
       */
      readonly scan?: PackedScan;
    }
  | { readonly type: 'closed' };

/** Library → worker. */
export type FolderWatcherCommand = { readonly type: 'close' };
