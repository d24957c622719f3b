/**
 * A {@link FolderWatcher} running in its own worker thread (see `folder-watcher-protocol.ts` for
 * why), with the same surface, so the library does not care where its watcher runs.
 */
import type { Worker, WorkerOptions } from 'node:worker_threads';
import { FolderWatcher, type FolderWatcherOptions, type WatchBatch } from './folder-watcher';
import type { FolderWatcherEvent, FolderWatcherWorkerData } from './folder-watcher-protocol';
import { unpackScanSteps, type PackedScan } from './scan-transfer';
import { runInSteps } from './stepwise';
import type { ScanResult } from './scanner';
import { startWorker } from './worker-module';

/** What the library needs of a watcher, wherever it runs. */
export interface FolderWatching {
  /** True once the OS ran out of file watches and the watcher polls instead. */
  readonly polling: boolean;
  start(): void;
  close(): Promise<void>;
}

/** The part of a `Worker` this class uses, so tests can stand in for the thread. */
export type WatcherThread = Pick<Worker, 'on' | 'once' | 'postMessage' | 'terminate' | 'unref'>;

/** {@link FolderWatcherOptions} without a chokidar factory: the worker always uses chokidar. */
export interface ThreadedFolderWatcherOptions extends Omit<FolderWatcherOptions, 'factory'> {
  /** Starts the watcher thread (by default `folder-watcher-worker`). */
  readonly startThread?: (options: WorkerOptions) => WatcherThread;
}

/** The watcher thread's young generation, in MB. */
const WATCHER_YOUNG_GENERATION_MB = 4;

/** How long `close` lets the worker release its watches before stopping it anyway. */
const CLOSE_GRACE_MS = 1000;

export class ThreadedFolderWatcher implements FolderWatching {
  private worker: WatcherThread | null = null;
  /** Watches from this thread if the worker cannot start or dies (it should do neither). */
  private fallback: FolderWatcher | null = null;
  private usingPolling = false;
  private closed = false;
  /** Events are handled in the order they came, each once the one before is done. */
  private handling: Promise<void> = Promise.resolve();

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
    let worker: WatcherThread;
    try {
      const startThread =
        this.options.startThread ??
        ((options: WorkerOptions) => startWorker('folder-watcher-worker', options));
      worker = startThread({
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
    worker.on('message', (event: FolderWatcherEvent) => {
      // A scan unpacks over several tasks, and a batch heard after it must not overtake it (the
      // library would compare an older scan with records that already include the batch).
      this.handling = this.handling.then(() => this.handle(event)).catch(rethrowLater);
    });
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

  private async handle(event: FolderWatcherEvent): Promise<void> {
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
      case 'ready': {
        const scan = event.scan && (await this.unpack(event.scan));
        if (!this.closed) this.options.onReady?.(scan);
        break;
      }
      case 'closed':
        break;
    }
  }

  /** The scan the worker sent; if it does not unpack, none (the library then scans itself). */
  private async unpack(packed: PackedScan): Promise<ScanResult | undefined> {
    try {
      return await runInSteps(unpackScanSteps(packed, this.options.folder));
    } catch {
      return undefined;
    }
  }

  /** The worker died: watch from here. Its `ready` makes the library rescan, covering the gap. */
  private lose(worker: WatcherThread): void {
    if (this.closed || this.worker !== worker) return;
    this.worker = null;
    this.watchFromThisThread();
  }

  private watchFromThisThread(): void {
    this.fallback = new FolderWatcher(this.options);
    this.fallback.start();
  }
}

/** An error thrown by a listener stays as loud as it was when listeners ran from the event. */
function rethrowLater(error: unknown): void {
  setImmediate(() => {
    throw error;
  });
}
