import { Dirent, Stats } from 'node:fs';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FSWatcher } from 'chokidar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempFolder, postText, type TempFolder, waitFor } from './__fixtures__/temp-folder';
import { LISTING_SLICE, listFolder, watchFolder, type ListedEntry } from './chokidar-watcher';

let posts: TempFolder;
let watcher: FSWatcher | null = null;

beforeEach(async () => {
  posts = await createTempFolder('accord-chokidar-');
  for (let index = 0; index < 20; index += 1) {
    await posts.write(`_posts/post-${index}.md`, postText({ title: `Post ${index}` }));
  }
});
afterEach(async () => {
  await watcher?.close();
  watcher = null;
  await posts.remove();
});

/** What chokidar handed `ignored` for each path, in order. */
type Handed = { path: string; stats: unknown }[];

/** Watches the folder as the library does: files left to the folders' own watches. */
async function watchIgnoringFiles(ignorePermissionErrors = true): Promise<Handed> {
  const handed: Handed = [];
  const folder = watchFolder(posts.path, {
    ignoreInitial: true,
    ignorePermissionErrors,
    ignored: (path, stats) => {
      handed.push({ path, stats });
      return stats?.isFile() ?? false;
    },
  });
  watcher = folder;
  await new Promise<void>((resolve) => folder.once('ready', () => resolve()));
  return handed;
}

const handedForPost = (handed: Handed) =>
  handed.filter((call) => call.path.endsWith('.md') && call.stats !== undefined);

describe('watchFolder', () => {
  it('lists a folder, and lists it again after a save, without a stat of every entry', async () => {
    const handed = await watchIgnoringFiles();
    const walked = handedForPost(handed).length;
    expect(walked).toBeGreaterThanOrEqual(20);

    await writeFile(join(posts.path, '_posts', 'post-3.md'), postText({ title: 'Edited' }));
    await waitFor('the folder listed again', () => handedForPost(handed).length >= walked + 20);

    const kinds = handedForPost(handed).map((call) => call.stats);
    expect(kinds.filter((stats) => stats instanceof Stats)).toEqual([]);
    expect(kinds.every((stats) => stats instanceof Dirent)).toBe(true);
  });

  it('still reports folders that come and go, and new files where files are watched', async () => {
    const events: string[] = [];
    const folder = watchFolder(posts.path, { ignoreInitial: true, ignorePermissionErrors: true });
    watcher = folder;
    folder.on('all', (event, path) => events.push(`${event} ${path.slice(posts.path.length)}`));
    await new Promise<void>((resolve) => folder.once('ready', () => resolve()));

    await mkdir(join(posts.path, 'news', '_posts'), { recursive: true });
    await waitFor('the new folders', () => events.includes(`addDir /news/_posts`));
    await writeFile(join(posts.path, 'news', '_posts', 'a.md'), postText({ title: 'A' }));
    await waitFor('the new file', () => events.includes('add /news/_posts/a.md'));
    await rm(join(posts.path, 'news'), { recursive: true });
    await waitFor('the folder gone', () => events.includes('unlinkDir /news'));
  });

  it('lists with stats, as chokidar does, when permission errors are not ignored', async () => {
    const handed = await watchIgnoringFiles(false);
    const kinds = handedForPost(handed).map((call) => call.stats);
    expect(kinds.length).toBeGreaterThanOrEqual(20);
    expect(kinds.every((stats) => stats instanceof Stats)).toBe(true);
  });
});

/** Every entry `listFolder` streams, with the filter that let it through. */
async function listed(folder: string): Promise<string[]> {
  const seen: string[] = [];
  const stream = listFolder(folder, {
    fileFilter: (entry) => (seen.push(`file ${entry.path}`), true),
    directoryFilter: (entry) => (seen.push(`folder ${entry.path}`), !entry.path.startsWith('x')),
  });
  const streamed: string[] = [];
  for await (const entry of stream) {
    const { path, fullPath, basename } = entry as ListedEntry;
    expect(fullPath).toBe(join(folder, path));
    expect(basename).toBe(path);
    streamed.push(path);
  }
  expect(streamed.sort()).toEqual(
    seen
      .filter((call) => !call.startsWith('folder x'))
      .map((call) => call.split(' ')[1]!)
      .sort(),
  );
  return seen.sort();
}

describe('listFolder', () => {
  it('offers each entry to the filter readdirp would: links by what they point at', async () => {
    await posts.write('real/a.md', 'a');
    await symlink(join(posts.path, 'real'), join(posts.path, 'linked-folder'));
    await symlink(join(posts.path, 'real', 'a.md'), join(posts.path, 'linked-file.md'));
    await symlink(join(posts.path, 'gone.md'), join(posts.path, 'broken.md'));
    await symlink(posts.path, join(posts.path, 'real', 'loop'));
    await mkdir(join(posts.path, 'xcluded'));
    await symlink(join(posts.path, 'xcluded'), join(posts.path, 'x-link'));

    expect(await listed(posts.path)).toEqual([
      'file broken.md',
      'file linked-file.md',
      // A link to a folder the folder filter refused goes on to the file filter, as in readdirp.
      'file x-link',
      'folder _posts',
      'folder linked-folder',
      'folder real',
      'folder x-link',
      'folder xcluded',
    ]);
    // A link back to a folder above it is no folder to enter.
    expect(await listed(join(posts.path, 'real'))).toEqual(['file a.md', 'file loop']);
  });

  it('lets the thread turn while it lists a large folder', async () => {
    for (let index = 20; index < LISTING_SLICE * 3; index += 1) {
      await writeFile(join(posts.path, '_posts', `post-${index}.md`), 'x');
    }
    let streamed = 0;
    let streamedWhenTheThreadTurned = -1;
    const stream = listFolder(join(posts.path, '_posts'));
    stream.on('data', () => {
      streamed += 1;
      if (streamed === 1) setImmediate(() => (streamedWhenTheThreadTurned = streamed));
    });
    await new Promise((resolve) => stream.once('end', resolve));
    expect(streamed).toBe(LISTING_SLICE * 3);
    expect(streamedWhenTheThreadTurned).toBeGreaterThan(0);
    expect(streamedWhenTheThreadTurned).toBeLessThan(streamed);
  });

  it('ends quietly when the folder is gone', async () => {
    const entries: unknown[] = [];
    for await (const entry of listFolder(join(posts.path, 'missing'))) entries.push(entry);
    expect(entries).toEqual([]);
  });
});
