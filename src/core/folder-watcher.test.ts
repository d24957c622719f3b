import { EventEmitter } from 'node:events';
import { lstatSync, statSync, type Stats } from 'node:fs';
import { mkdir, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChokidarOptions } from 'chokidar';
import { describe, expect, it } from 'vitest';
import { createTempFolder } from './__fixtures__/temp-folder';
import { FolderWatcher, type WatchBatch, type WatcherLike } from './folder-watcher';

/** A watcher that emits only what the test tells it to. */
function fakeWatcher(): EventEmitter & WatcherLike {
  const watcher = new EventEmitter() as EventEmitter & WatcherLike;
  watcher.close = async () => undefined;
  watcher.add = () => watcher;
  watcher.getWatched = () => ({});
  return watcher;
}

function watchFake(folder = join('/', 'posts')): {
  fake: EventEmitter & WatcherLike;
  batches: WatchBatch[];
  watcher: FolderWatcher;
  folder: string;
  ready: () => number;
  /** The options the watcher gave its chokidar. */
  options: () => ChokidarOptions;
} {
  const fake = fakeWatcher();
  const batches: WatchBatch[] = [];
  let readyCount = 0;
  let chokidarOptions: ChokidarOptions | undefined;
  const watcher = new FolderWatcher({
    folder,
    factory: (_folder, options) => {
      chokidarOptions = options;
      return fake;
    },
    onBatch: (batch) => batches.push(batch),
    onPolling: () => undefined,
    onReady: () => (readyCount += 1),
  });
  watcher.start();
  return {
    fake,
    batches,
    watcher,
    folder,
    ready: () => readyCount,
    options: () => chokidarOptions!,
  };
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

  it('does not enter folders behind symbolic links, yet follows links to files', async () => {
    const temp = await createTempFolder('accord-watcher-links-');
    try {
      await temp.write('_posts/2024-01-01-first.md', 'first');
      await mkdir(join(temp.path, '_posts', 'sub'));
      await symlink('.', join(temp.path, '_posts', 'loop'), 'dir');
      await symlink('..', join(temp.path, '_posts', 'sub', 'up'), 'dir');
      await symlink('2024-01-01-first.md', join(temp.path, '_posts', '2024-01-02-linked.md'));
      // The watched folder may itself be a link; it is still watched.
      const root = join(temp.path, 'root-link');
      await symlink(temp.path, root, 'dir');
      const { watcher, options } = watchFake(root);
      const ignored = options().ignored as (path: string, stats?: Stats) => boolean;
      // chokidar's walk asks with `lstat` results, then, before it watches what the path leads
      // to, with the followed stats (it follows links).
      const asked = (path: string) => {
        const absolute = join(root, path);
        return [ignored(absolute, lstatSync(absolute)), ignored(absolute, statSync(absolute))];
      };

      expect(asked('_posts/loop')).toEqual([false, true]);
      expect(asked('_posts/sub/up')).toEqual([false, true]);
      expect(asked('_posts/2024-01-02-linked.md')).toEqual([false, false]);
      // A post file itself is heard through its folder's watch.
      expect(asked('_posts/2024-01-01-first.md')).toEqual([true, true]);
      expect(asked('_posts')).toEqual([false, false]);
      expect(asked('_posts/sub')).toEqual([false, false]);
      expect(ignored(root, statSync(root))).toBe(false);
      // Asked before it has looked: nothing to decide on yet.
      expect(ignored(join(root, '_posts', 'loop'))).toBe(false);
      // Gone by the time it is looked at: chokidar reports that itself.
      expect(ignored(join(root, '_posts', 'gone'), statSync(join(root, '_posts')))).toBe(false);
      await watcher.close();
    } finally {
      await temp.remove();
    }
  });

  it('watches folders, not each file, and still hears every post change by name', async () => {
    const temp = await createTempFolder('accord-watcher-folders-');
    const watchHandles = () =>
      process.getActiveResourcesInfo().filter((resource) => resource === 'FSEventWrap').length;
    const before = watchHandles();
    try {
      for (let index = 0; index < 30; index += 1) {
        await temp.write(`a/_posts/2024-01-${String(index + 1).padStart(2, '0')}-post.md`, 'x');
      }
      await symlink('2024-01-01-post.md', join(temp.path, 'a', '_posts', '2024-02-01-linked.md'));
      const batches: WatchBatch[] = [];
      let ready = false;
      const watcher = new FolderWatcher({
        folder: temp.path,
        onBatch: (batch) => batches.push(batch),
        onPolling: () => undefined,
        onReady: () => (ready = true),
      });
      watcher.start();
      await until(() => ready);
      // The root, `a` and `a/_posts`, and the link (a change behind it is not one in the folder).
      expect(watchHandles() - before).toBe(4);
      const heard = (path: string) => batches.some((batch) => batch.paths.has(path));
      await temp.write('a/_posts/2024-01-05-post.md', 'edited');
      await until(() => heard('a/_posts/2024-01-05-post.md'));
      await temp.write('a/_posts/2024-03-01-new.md', 'new');
      await until(() => heard('a/_posts/2024-03-01-new.md'));
      await rm(join(temp.path, 'a', '_posts', '2024-01-07-post.md'));
      await until(() => heard('a/_posts/2024-01-07-post.md'));
      await watcher.close();
    } finally {
      await temp.remove();
    }
  });

  it('does not hand chokidar the folders a scan entered through symbolic links', async () => {
    const temp = await createTempFolder('accord-watcher-links-');
    try {
      await temp.write('real/_posts/2024-01-01-first.md', 'first');
      // Inside the folder and no loop: a full scan reads `alias`, `alias/_posts` and `real/…`.
      await symlink('real', join(temp.path, 'alias'), 'dir');
      const { fake, watcher, ready } = watchFake(temp.path);
      const added: string[] = [];
      fake.add = (paths: string[]) => added.push(...paths);
      // chokidar watches the real folders only.
      fake.getWatched = () => ({
        [temp.path]: ['alias', 'real'],
        [join(temp.path, 'real')]: ['_posts'],
        [join(temp.path, 'real', '_posts')]: ['2024-01-01-first.md'],
      });
      fake.emit('ready');
      await until(() => ready() === 1);
      expect(added).toEqual([]);
      await watcher.close();
    } finally {
      await temp.remove();
    }
  });
});
