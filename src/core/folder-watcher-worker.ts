/**
 * Worker entry: runs a {@link FolderWatcher} off the library's thread and forwards what it
 * reports (see `folder-watcher-protocol.ts` for why). Started by `ThreadedFolderWatcher`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FolderWatcher } from './folder-watcher';
import type {
  FolderWatcherCommand,
  FolderWatcherEvent,
  FolderWatcherWorkerData,
} from './folder-watcher-protocol';
import { packScan } from './scan-transfer';

const port = parentPort;
if (!port) throw new Error('folder-watcher-worker: must run as a worker thread');
const data = workerData as FolderWatcherWorkerData;
const send = (event: FolderWatcherEvent) => port.postMessage(event);

const watcher = new FolderWatcher({
  ...data,
  onBatch: (batch) =>
    send({
      type: 'batch',
      paths: [...batch.paths],
      removedFolders: [...batch.removedFolders],
      rescan: batch.rescan,
    }),
  onPolling: (message) => send({ type: 'polling', message }),
  // The watcher scans the folder once chokidar watches everything; doing that here keeps 10,000
  // stats off the library's thread.
  onReady: (scan) => {
    if (!scan) return send({ type: 'ready' });
    const { packed, transfer } = packScan(scan);
    port.postMessage({ type: 'ready', scan: packed } satisfies FolderWatcherEvent, transfer);
  },
});
watcher.start();

port.on('message', (command: FolderWatcherCommand) => {
  if (command.type !== 'close') return;
  void watcher.close().finally(() => {
    send({ type: 'closed' });
    port.close();
  });
});
