import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FolderWatcher, type WatchBatch, type WatcherLike } from './folder-watcher';

/** A watcher that emits only what the test tells it to. */
function fakeWatcher(): EventEmitter & WatcherLike {
  const watcher = new EventEmitter() as EventEmitter & WatcherLike;
  watcher.close = async () => undefined;
  watcher.add = () => watcher;
  watcher.getWatched = () => ({});
  return watcher;
}

function watchFake(): {
  fake: EventEmitter & WatcherLike;
  batches: WatchBatch[];
  watcher: FolderWatcher;
  folder: string;
  ready: () => number;
} {
  const folder = join('/', 'posts');
  const fake = fakeWatcher();
  const batches: WatchBatch[] = [];
  let readyCount = 0;
  const watcher = new FolderWatcher({
    folder,
    factory: () => fake,
    onBatch: (batch) => batches.push(batch),
    onPolling: () => undefined,
    onReady: () => (readyCount += 1),
  });
  watcher.start();
  return { fake, batches, watcher, folder, ready: () => readyCount };
}

/** Resolves once `condition` holds, checking after every turn of the event loop. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('folder watcher', () => {
  it('asks for one full rescan after a burst large enough to overflow the OS event queue', async () => {
    const { fake, batches, watcher, folder } = watchFake();
    for (let index = 0; index < 1200; index += 1) {
      fake.emit('all', 'add', join(folder, '_posts', `2024-01-01-post-${index}.md`));
    }
    await until(() => batches.some((batch) => batch.rescan));
    const paths = new Set(batches.flatMap((batch) => [...batch.paths]));
    expect(paths.size).toBe(1200);
    expect(batches.filter((batch) => batch.rescan)).toHaveLength(1);
    await watcher.close();
  });

  it('reports when the underlying watcher is ready', async () => {
    const { fake, watcher, ready } = watchFake();
    fake.emit('ready');
    // After the scan that follows (of a folder that does not exist here).
    await until(() => ready() === 1);
    await watcher.close();
  });
});
