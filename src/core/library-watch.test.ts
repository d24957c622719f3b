import { EventEmitter } from 'node:events';
import { writeFileSync } from 'node:fs';
import { mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { watchFolder } from './chokidar-watcher';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PostsChangedEvent } from '@shared/library-events';
import { createTempFolder, postText, type TempFolder, waitFor } from './__fixtures__/temp-folder';
import type { WatcherFactory, WatcherLike } from './folder-watcher';
import { InterimFolderWatch } from './interim-folder-watch';
import { openLibrary, type OpenLibraryOptions } from './library';
import type { LibraryService } from './library-service';
import { scanFolder } from './scanner';

let posts: TempFolder;
let cache: TempFolder;
let library: LibraryService | null = null;
let events: PostsChangedEvent[] = [];

beforeEach(async () => {
  posts = await createTempFolder('accord-watch-');
  cache = await createTempFolder('accord-cache-');
  events = [];
});
afterEach(async () => {
  await library?.close();
  library = null;
  await posts.remove();
  await cache.remove();
});

async function openWatching(options: Partial<OpenLibraryOptions> = {}): Promise<LibraryService> {
  library = await openLibrary({
    folder: posts.path,
    cacheDir: cache.path,
    presenceIntervalMs: 100,
    // Watching at once, so each test's first change is heard as it happens; the delay has its own test.
    watchStartDelayMs: 0,
    ...options,
  });
  library.onDidChangePosts((event) => events.push(event));
  await library.whenReady();
  return library;
}

const changed = (kind: 'added' | 'updated' | 'removed', id: string) => () =>
  events.some((event) => event[kind].includes(id));

const titles = async () => (await library!.query({})).entries.map((entry) => entry.title);

const ids = async () => (await library!.query({})).entries.map((entry) => entry.id).sort();

/**
 * Real chokidar, with the gap it leaves between reading a new folder and watching it
 * (paulmillr/chokidar#1112) held open for the folder named `gapFolder`: the test acts inside the
 * gap, then calls `close()`. Reaches into chokidar's private handler to do so; the assertion fails
 * loudly if a new chokidar moves it.
 */
function chokidarWithHeldGap(gapFolder: string) {
  let enterGap!: () => void;
  const entered = new Promise<void>((resolve) => (enterGap = resolve));
  let closeGap!: () => void;
  const closed = new Promise<void>((resolve) => (closeGap = resolve));
  let ready!: () => void;
  const watcherReady = new Promise<void>((resolve) => (ready = resolve));
  let held = false;
  const factory: WatcherFactory = (folder, options) => {
    const watcher = watchFolder(folder, options);
    watcher.once('ready', () => ready());
    const handler = (watcher as unknown as { _nodeFsHandler: Record<string, unknown> })
      ._nodeFsHandler;
    expect(typeof handler._handleRead).toBe('function');
    const read = handler._handleRead as (directory: string, ...rest: unknown[]) => Promise<void>;
    handler._handleRead = async function (directory: string, ...rest: unknown[]) {
      await read.call(this, directory, ...rest);
      if (!held && directory === join(folder, ...gapFolder.split('/'))) {
        held = true;
        enterGap();
        await closed;
      }
    };
    return watcher as unknown as WatcherLike;
  };
  return { factory, entered, close: () => closeGap(), watcherReady };
}

describe('watching a folder', () => {
  it('shows each edit in its place: patched within its day, moved when its date changes', async () => {
    const write = (title: string, date: string, body = 'Both parties agree.') =>
      posts.write('_posts/a.md', postText({ title, date, body: `<p>${body}</p>` }));
    await write('Alpha', '2024-01-02');
    await posts.write('_posts/b.md', postText({ title: 'Beta', date: '2024-01-02' }));
    await posts.write('_posts/c.md', postText({ title: 'Gamma', date: '2024-01-01' }));
    const lib = await openWatching();
    expect(await titles()).toEqual(['Alpha', 'Beta', 'Gamma']);
    // Searching builds the shards' position tables, which a patched timeline reuses.
    expect((await lib.query({ query: 'agree' })).total).toBe(3);

    const edits = () => events.filter((event) => event.updated.includes('_posts/a.md')).length;
    await write('Alpha, revised', '2024-01-02', 'A lagoon clause was added.');
    await waitFor('the first edit', () => edits() === 1);
    expect(await titles()).toEqual(['Alpha, revised', 'Beta', 'Gamma']);
    const found = await lib.query({ query: 'lagoon' });
    expect(found.entries.map((entry) => entry.title)).toEqual(['Alpha, revised']);
    expect(found.entries[0]!.snippet?.text).toContain('lagoon');

    // A title that sorts after its neighbour, then a new date: the order follows.
    await write('Delta', '2024-01-02');
    await waitFor('the second edit', () => edits() === 2);
    expect(await titles()).toEqual(['Beta', 'Delta', 'Gamma']);
    await write('Delta', '2023-12-31');
    await waitFor('the third edit', () => edits() === 3);
    expect(await titles()).toEqual(['Beta', 'Gamma', 'Delta']);
    const delta = await lib.query({ query: 'delta' });
    expect(delta.entries.map((entry) => entry.title)).toEqual(['Delta']);
  });

  it('follows adds, edits, atomic saves, deletes, bursts and the folder vanishing', async () => {
    await posts.write(
      '_posts/2024-01-01-first.md',
      postText({ title: 'First', date: '2024-01-01' }),
    );
    const lib = await openWatching();
    expect(await titles()).toEqual(['First']);
    const statuses: number[] = [];
    lib.onDidChangeStatus((status) => statuses.push(status.generation));

    // Add.
    await posts.write(
      '_posts/2024-02-01-second.md',
      postText({ title: 'Second', date: '2024-02-01' }),
    );
    await waitFor('the added post', changed('added', '_posts/2024-02-01-second.md'));
    expect(await titles()).toEqual(['Second', 'First']);
    expect(events.at(-1)!.generation).toBeGreaterThan(0);
    expect(statuses.at(-1)).toBe(events.at(-1)!.generation);

    // Edit in place.
    await posts.write(
      '_posts/2024-01-01-first.md',
      postText({ title: 'First, edited', date: '2024-01-01' }),
    );
    await waitFor('the edited post', changed('updated', '_posts/2024-01-01-first.md'));
    expect(await titles()).toEqual(['Second', 'First, edited']);

    // Atomic save: write a temporary file next to the post, rename it over the post.
    events = [];
    const temporary = join(posts.path, '_posts', '.2024-01-01-first.md.swp');
    await writeFile(temporary, postText({ title: 'First, saved atomically', date: '2024-01-01' }));
    await rename(temporary, join(posts.path, '_posts', '2024-01-01-first.md'));
    await waitFor('the atomically saved post', async () =>
      (await titles()).includes('First, saved atomically'),
    );
    expect(events.flatMap((event) => event.removed)).not.toContain('_posts/2024-01-01-first.md');

    // Delete.
    await rm(join(posts.path, '_posts', '2024-02-01-second.md'));
    await waitFor('the deleted post', changed('removed', '_posts/2024-02-01-second.md'));
    expect(await titles()).toEqual(['First, saved atomically']);

    // A burst of 200 files.
    const generationBefore = lib.status().generation;
    await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        posts.write(
          `_posts/2023-06-01-burst-${index}.md`,
          postText({ title: `Burst ${index}`, date: '2023-06-01' }),
        ),
      ),
    );
    await waitFor(
      'all 200 burst posts',
      async () => (await library!.query({ query: 'burst' })).total === 200,
    );
    // Batched: far fewer updates than files.
    expect(lib.status().generation - generationBefore).toBeLessThan(50);

    // The folder vanishes…
    await rm(posts.path, { recursive: true, force: true });
    await waitFor('the missing status', () => lib.status().state === 'missing');
    expect((await lib.query({})).total).toBe(0);

    // …and comes back with different content.
    await mkdir(join(posts.path, '_posts'), { recursive: true });
    await posts.write(
      '_posts/2025-01-01-back.md',
      postText({ title: 'Back again', date: '2025-01-01' }),
    );
    await waitFor('the returned folder', async () => (await titles()).includes('Back again'));
    expect(lib.status().state).toBe('ready');

    // And the new folder is watched too.
    await posts.write(
      '_posts/2025-02-01-after.md',
      postText({ title: 'After return', date: '2025-02-01' }),
    );
    await waitFor('a post added after the return', changed('added', '_posts/2025-02-01-after.md'));
  }, 30_000);

  it('sees posts written into a new folder between chokidar reading it and watching it', async () => {
    await posts.write('2024/2024-01-01-first.md', postText({ title: 'First' }));
    const gap = chokidarWithHeldGap('2025');
    await openWatching({ watcherFactory: gap.factory });
    await gap.watcherReady;
    await mkdir(join(posts.path, '2025'));
    await gap.entered;
    // chokidar has read the empty folder and does not watch it yet.
    await posts.write(
      '2025/2025-01-01-in-the-gap.md',
      postText({ title: 'Written in the gap', date: '2025-01-01' }),
    );
    gap.close();
    await waitFor('the post written in the gap', async () =>
      (await titles()).includes('Written in the gap'),
    );
  });

  it('watches a folder created while the first walk read its parent', async () => {
    await posts.write('media/_posts/2024-01-01-first.md', postText({ title: 'First' }));
    const gap = chokidarWithHeldGap('media');
    await openWatching({ watcherFactory: gap.factory });
    await gap.entered;
    // The walk has read `media` and does not watch it yet: chokidar never learns of `late`.
    await posts.write(
      'media/late/_posts/2025-02-01-early.md',
      postText({ title: 'Written during the walk', date: '2025-02-01' }),
    );
    gap.close();
    // The scan after the walk finds that one…
    await waitFor('the catch-up after the first walk', async () =>
      (await titles()).includes('Written during the walk'),
    );
    // …and the folder is watched from then on.
    await posts.write(
      'media/late/_posts/2025-03-01-later.md',
      postText({ title: 'Written after the walk', date: '2025-03-01' }),
    );
    await waitFor('the post written after the walk', async () =>
      (await titles()).includes('Written after the walk'),
    );
  });

  it('does not follow symbolic-link folder loops: the watched posts are those a fresh scan finds', async () => {
    await posts.write('_posts/2024-01-01-first.md', postText({ title: 'First' }));
    await mkdir(join(posts.path, '_posts', 'sub'));
    // Two links back to `_posts` itself and one to its parent: followed, they nest without end
    // (`_posts/a/b/a/…`), and every level would report the same post again.
    await symlink('.', join(posts.path, '_posts', 'a'), 'dir');
    await symlink('.', join(posts.path, '_posts', 'b'), 'dir');
    await symlink('..', join(posts.path, '_posts', 'sub', 'up'), 'dir');
    await openWatching();
    await posts.write(
      '_posts/2024-02-01-second.md',
      postText({ title: 'Second', date: '2024-02-01' }),
    );
    await waitFor('the added post', changed('added', '_posts/2024-02-01-second.md'));

    const scanned = (await scanFolder(posts.path)).files.map((file) => file.relativePath).sort();
    expect(scanned).toEqual(['_posts/2024-01-01-first.md', '_posts/2024-02-01-second.md']);
    const watched = await ids();
    expect(watched).toEqual(scanned);
    expect(watched.filter((id) => /\/(a|b|up)\//.test(id))).toEqual([]);
  });

  it('switches to the Jekyll rule when a _posts folder appears, and back when it goes', async () => {
    await posts.write(
      'notes/2024-01-01-page.md',
      postText({ title: 'A page', date: '2024-01-01' }),
    );
    await openWatching();
    expect(await titles()).toEqual(['A page']);
    // Now the folder is an Isomer site: only posts inside `_posts` count.
    await posts.write(
      'media/_posts/2024-02-01-post.md',
      postText({ title: 'A post', date: '2024-02-01' }),
    );
    await waitFor('the site rule', async () => (await titles()).join() === 'A post');
    await rm(join(posts.path, 'media'), { recursive: true });
    await waitFor('the plain-folder rule again', async () => (await titles()).join() === 'A page');
  });

  it('falls back to polling when the OS runs out of file watches', async () => {
    await posts.write('a.md', postText({ title: 'Before', date: '2024-01-01' }));
    const created: { usePolling: boolean }[] = [];
    const factory: WatcherFactory = (folder, options) => {
      created.push({ usePolling: options.usePolling ?? false });
      if (!options.usePolling) {
        // The native watcher fails the way chokidar reports an exhausted inotify limit.
        const failing = new EventEmitter() as EventEmitter & WatcherLike;
        failing.close = async () => undefined;
        setImmediate(() =>
          failing.emit(
            'error',
            Object.assign(new Error('ENOSPC: System limit for number of file watchers reached'), {
              code: 'ENOSPC',
            }),
          ),
        );
        return failing;
      }
      return watchFolder(folder, {
        ...options,
        interval: 50,
        binaryInterval: 50,
      }) as unknown as WatcherLike;
    };
    const lib = await openWatching({ watcherFactory: factory });
    await waitFor('the polling status', () => lib.status().polling);
    expect(lib.status().message).toMatch(/ran out of file watches/);
    expect(created).toEqual([{ usePolling: false }, { usePolling: true }]);

    await posts.write('b.md', postText({ title: 'Seen by polling', date: '2024-02-01' }));
    await waitFor('a change seen by the polling watcher', changed('added', 'b.md'));
  });

  /** chokidar, counting how many watchers the library has started. */
  function countingChokidar() {
    let started = 0;
    const factory: WatcherFactory = (folder, options) => {
      started += 1;
      return watchFolder(folder, options) as unknown as WatcherLike;
    };
    return { factory, watchersStarted: () => started };
  }

  it('hears posts change before its watcher starts, without walking the folder', async () => {
    await posts.write('_posts/a.md', postText({ title: 'Alpha', date: '2024-01-01' }));
    const { factory, watchersStarted } = countingChokidar();
    await openWatching({ watcherFactory: factory, watchStartDelayMs: 60_000 });

    await posts.write('_posts/b.md', postText({ title: 'Beta', date: '2024-01-02' }));
    await waitFor('a post added right after the open', changed('added', '_posts/b.md'));
    await posts.write('_posts/a.md', postText({ title: 'Alpha, edited', date: '2024-01-01' }));
    await waitFor('a post edited right after the open', changed('updated', '_posts/a.md'));
    expect(await titles()).toEqual(['Beta', 'Alpha, edited']);
    // The first searches have the cores to themselves: no walk of the folder yet.
    expect(watchersStarted()).toBe(0);
  });

  it('hears posts come and go with folders before its watcher starts', async () => {
    await posts.write('_posts/a.md', postText({ title: 'Alpha', date: '2024-01-01' }));
    await posts.write('_posts/2023/old.md', postText({ title: 'Old', date: '2023-01-01' }));
    const { factory, watchersStarted } = countingChokidar();
    await openWatching({ watcherFactory: factory, watchStartDelayMs: 60_000 });

    // A folder and its first post at once, as a `git pull` or a sync writes them.
    await mkdir(join(posts.path, '_posts/2026/12'), { recursive: true });
    await writeFile(
      join(posts.path, '_posts/2026/12/b.md'),
      postText({ title: 'Beta', date: '2026-12-01' }),
    );
    await waitFor('a post in a new folder', changed('added', '_posts/2026/12/b.md'));
    await rename(join(posts.path, '_posts/2023'), join(posts.path, 'archive-2023'));
    await waitFor('the posts of a folder moved away', changed('removed', '_posts/2023/old.md'));
    expect(await titles()).toEqual(['Beta', 'Alpha']);
    expect(watchersStarted()).toBe(0);
  });

  it('hears a post saved while the open is still indexing', async () => {
    await posts.write('_posts/a.md', postText({ title: 'Alpha', date: '2024-01-01' }));
    library = await openLibrary({
      folder: posts.path,
      cacheDir: cache.path,
      watchStartDelayMs: 60_000,
    });
    let savedDuringOpen = false;
    library.onDidChangeStatus((status) => {
      // The open's scan is over once the library knows how many files it will index.
      if (savedDuringOpen || status.state !== 'indexing' || status.total === 0) return;
      savedDuringOpen = true;
      writeFileSync(
        join(posts.path, '_posts', 'b.md'),
        postText({ title: 'Beta', date: '2024-01-02' }),
      );
    });
    await library.whenReady();
    expect(savedDuringOpen).toBe(true);
    await waitFor('the post saved during the open', async () =>
      (await ids()).includes('_posts/b.md'),
    );
  });

  it('starts watching a while after the index is ready, and catches what changed before', async () => {
    await posts.write('_posts/a.md', postText({ title: 'Alpha', date: '2024-01-01' }));
    const { factory, watchersStarted } = countingChokidar();
    await openWatching({ watcherFactory: factory, watchStartDelayMs: 300 });
    expect(watchersStarted()).toBe(0);

    // A new `_posts` folder outside the site's: no folder the interim watch watches names it,
    // so only the watcher's catch-up scan finds it.
    await posts.write('press/_posts/b.md', postText({ title: 'Beta', date: '2024-01-02' }));
    await waitFor(
      'the post written before watching started',
      changed('added', 'press/_posts/b.md'),
    );
    expect(watchersStarted()).toBe(1);
    expect(await titles()).toEqual(['Beta', 'Alpha']);

    // And from then on, changes are heard as they happen.
    await posts.write('_posts/c.md', postText({ title: 'Gamma', date: '2024-01-03' }));
    await waitFor('a post written while watching', changed('added', '_posts/c.md'));
  });

  it('ends its interim watch once its watcher has caught up', async () => {
    const closeInterim = vi.spyOn(InterimFolderWatch.prototype, 'close');
    try {
      await posts.write('_posts/a.md', postText({ title: 'Alpha', date: '2024-01-01' }));
      await openWatching({ watchStartDelayMs: 200 });
      expect(closeInterim).not.toHaveBeenCalled();
      // The watcher (in its own thread) has caught up once a post in a new `_posts` folder, which
      // the interim watch cannot hear, is found.
      await posts.write('press/_posts/b.md', postText({ title: 'Beta', date: '2024-01-02' }));
      await waitFor('the catch-up', changed('added', 'press/_posts/b.md'));
      expect(closeInterim).toHaveBeenCalledTimes(1);
    } finally {
      closeInterim.mockRestore();
    }
  });
});
