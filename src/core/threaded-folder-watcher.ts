/**
 * A {@link FolderWatcher} running in its own worker thread (see `folder-watcher-protocol.ts` for
 * why), with the same surface, so the library does not care where its watcher runs.
 */
import type { Worker } from 'node:worker_threads';
import { FolderWatcher, type FolderWatcherOptions, type WatchBatch } from './folder-watcher';
import type { FolderWatcherEvent, FolderWatcherWorkerData } from './folder-watcher-protocol';
import { unpackScan, type PackedScan } from './scan-transfer';
import type { ScanResult } from './scanner';
import { startWorker } from './worker-module';

/** What the library needs of a watcher, wherever it runs. */
export interface FolderWatching {
  /** True once the OS ran out of file watches and the watcher polls instead. */
  readonly polling: boolean;
  start(): void;
  close(): Promise<void>;
}

/** {@link FolderWatcherOptions} without a chokidar factory: the worker always uses chokidar. */
export type ThreadedFolderWatcherOptions = Omit<FolderWatcherOptions, 'factory'>;

/** The watcher thread's young generation, in MB. */
const WATCHER_YOUNG_GENERATION_MB = 4;

/** How long `close` lets the worker release its watches before stopping it anyway. */
const CLOSE_GRACE_MS = 1000;

export class ThreadedFolderWatcher implements FolderWatching {
  private worker: Worker | null = null;
  /** Watches from this thread if the worker cannot start or dies (it should do neither). */
  private fallback: FolderWatcher | null = null;
  private usingPolling = false;
  private closed = false;

  constructor(private readonly options: ThreadedFolderWatcherOptions) {}

  get polling(): boolean {
    return this.fallback?.polling ?? this.usingPolling;
  }

  start(): void {
    const { folder, debounceMs, maxWaitMs, pollingIntervalMs } = this.options;
    const workerData: FolderWatcherWorkerData = {
      folder,
      debounceMs,
      maxWaitMs,
      pollingIntervalMs,
    };
    let worker: Worker;
    try {
      worker = startWorker('folder-watcher-worker', {
        workerData,
        name: 'accord-watcher',
        // chokidar allocates little once it has walked the folder; V8's default young
        // generation (32 MB) would otherwise sit in this thread's memory for the app's life.
        resourceLimits: { maxYoungGenerationSizeMb: WATCHER_YOUNG_GENERATION_MB },
      });
    } catch {
      this.watchFromThisThread();
      return;
    }
    worker.on('message', (event: FolderWatcherEvent) => this.handle(event));
    worker.on('error', () => this.lose(worker));
    worker.on('exit', () => this.lose(worker));
    // Like chokidar's own handles would not, the thread must not keep a finished command alive.
    worker.unref();
    this.worker = worker;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.fallback?.close();
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, CLOSE_GRACE_MS);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      worker.on('message', (event: FolderWatcherEvent) => event.type === 'closed' && done());
      worker.once('exit', done);
      worker.postMessage({ type: 'close' });
    });
    await worker.terminate();
  }

  private handle(event: FolderWatcherEvent): void {
    if (this.closed) return;
    switch (event.type) {
      case 'batch': {
        const batch: WatchBatch = {
          paths: new Set(event.paths),
          removedFolders: new Set(event.removedFolders),
          rescan: event.rescan,
        };
        this.options.onBatch(batch);
        break;
      }
      case 'polling':
        this.usingPolling = true;
        this.options.onPolling(event.message);
        break;
      case 'ready':
        this.options.onReady?.(event.scan && this.unpack(event.scan));
        break;
      case 'closed':
        break;
    }
  }

  /** The scan the worker sent; if it does not unpack, none (the library then scans itself). */
  private unpack(packed: PackedScan): ScanResult | undefined {
    try {
      return unpackScan(packed, this.options.folder);
    } catch {
      return undefined;
    }
  }

  /** The worker died: watch from here. Its `ready` makes the library rescan, covering the gap. */
  private lose(worker: Worker): void {
    if (this.closed || this.worker !== worker) return;
    this.worker = null;
    this.watchFromThisThread();
  }

  private watchFromThisThread(): void {
    this.fallback = new FolderWatcher(this.options);
    this.fallback.start();
  }
}
