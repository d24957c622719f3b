import { Dirent, Stats } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FSWatcher } from 'chokidar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempFolder, postText, type TempFolder, waitFor } from './__fixtures__/temp-folder';
import { watchFolder } from './chokidar-watcher';

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
