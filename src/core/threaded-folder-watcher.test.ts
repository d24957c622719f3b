import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempFolder, type TempFolder, waitFor } from './__fixtures__/temp-folder';
import type { WatchBatch } from './folder-watcher';
import { scanFolder, type ScanResult } from './scanner';
import { EventEmitter } from 'node:events';
import type { FolderWatcherEvent } from './folder-watcher-protocol';
import { packScan, UNPACK_STEP_FILES } from './scan-transfer';
import { ThreadedFolderWatcher, type WatcherThread } from './threaded-folder-watcher';

let posts: TempFolder;
let watcher: ThreadedFolderWatcher | null = null;

beforeEach(async () => {
  posts = await createTempFolder('accord-threaded-watch-');
});
afterEach(async () => {
  await watcher?.close();
  watcher = null;
  await posts.remove();
});

/** The kind of handle `fs.watch` (and so chokidar) holds open on the thread that created it. */
const watchHandlesHere = () =>
  process.getActiveResourcesInfo().filter((resource) => resource === 'FSEventWrap').length;

describe('ThreadedFolderWatcher', () => {
  it('watches and scans from its own thread: no watch handle here, yet every change arrives', async () => {
    await posts.write('_posts/2024-01-01-first.md', '# First');
    const batches: WatchBatch[] = [];
    let ready = false;
    let scanned: ScanResult | undefined;
    watcher = new ThreadedFolderWatcher({
      folder: posts.path,
      onBatch: (batch) => batches.push(batch),
      onPolling: () => undefined,
      onReady: (scan) => {
        scanned = scan;
        ready = true;
      },
    });
    const handlesBefore = watchHandlesHere();
    watcher.start();
    await waitFor('the first walk', () => ready);
    expect(watchHandlesHere()).toBe(handlesBefore);
    // The catch-up scan after the walk was made there too, and arrives whole.
    expect(scanned?.files.map((file) => file.relativePath)).toEqual(['_posts/2024-01-01-first.md']);
    expect(scanned).toEqual(await scanFolder(posts.path));

    await posts.write('_posts/2024-01-02-second.md', '# Second');
    await waitFor('the new post', () =>
      batches.some((batch) => batch.paths.has('_posts/2024-01-02-second.md')),
    );
    expect(watcher.polling).toBe(false);
  });

  it('closes promptly, also before the first walk has finished', async () => {
    watcher = new ThreadedFolderWatcher({
      folder: posts.path,
      onBatch: () => undefined,
      onPolling: () => undefined,
    });
    watcher.start();
    await watcher.close();
    watcher = null;
  });

  it('hands a batch over only after the scan the thread sent before it', async () => {
    const thread = Object.assign(new EventEmitter(), {
      postMessage: () => undefined,
      terminate: async () => 0,
      unref: () => undefined,
    }) as unknown as WatcherThread & EventEmitter;
    const handed: string[] = [];
    watcher = new ThreadedFolderWatcher({
      folder: posts.path,
      startThread: () => thread,
      onBatch: (batch) => handed.push(`batch ${[...batch.paths].join()}`),
      onPolling: () => undefined,
      onReady: (scan) => handed.push(`scan of ${scan?.files.length}`),
    });
    watcher.start();
    // A scan large enough to unpack over several tasks, then a batch right behind it.
    const files = Array.from({ length: UNPACK_STEP_FILES * 3 }, (_, index) => ({
      relativePath: `_posts/${index}.md`,
      absolutePath: `${posts.path}/_posts/${index}.md`,
      size: 1,
      mtimeMs: 1,
    }));
    const { packed } = packScan({ files, skipped: [], jekyllSite: true, folders: ['_posts'] });
    const ready: FolderWatcherEvent = { type: 'ready', scan: packed };
    const batch: FolderWatcherEvent = {
      type: 'batch',
      paths: ['_posts/new.md'],
      removedFolders: [],
      rescan: false,
    };
    thread.emit('message', ready);
    thread.emit('message', batch);
    await waitFor('both handed over', () => handed.length === 2);
    expect(handed).toEqual([`scan of ${files.length}`, 'batch _posts/new.md']);
  });
});
