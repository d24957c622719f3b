import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempFolder, type TempFolder, waitFor } from './__fixtures__/temp-folder';
import type { WatchBatch } from './folder-watcher';
import { scanFolder, type ScanResult } from './scanner';
import { ThreadedFolderWatcher } from './threaded-folder-watcher';

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
});
