import { watch } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempFolder, type TempFolder, waitFor } from './__fixtures__/temp-folder';
import {
  type InterimChanges,
  InterimFolderWatch,
  type InterimFolderWatchOptions,
} from './interim-folder-watch';

let posts: TempFolder;
let interim: InterimFolderWatch | null = null;
let batches: InterimChanges[];

beforeEach(async () => {
  posts = await createTempFolder('accord-interim-watch-');
  await posts.write('_posts/a.md', '# A');
  await posts.write('notes/n.md', '# N');
  batches = [];
});
afterEach(async () => {
  interim?.close();
  interim = null;
  await posts.remove();
});

function watchFolders(
  folders: string[],
  extra: Partial<InterimFolderWatchOptions> = {},
): InterimFolderWatch {
  interim = new InterimFolderWatch({
    folder: posts.path,
    folders,
    onChanges: (changes) => batches.push(changes),
    ...extra,
  });
  interim.start();
  return interim;
}

const heard = () => new Set(batches.flatMap((batch) => [...batch.paths]));
const removed = () => new Set(batches.flatMap((batch) => [...batch.removedFolders]));
/** Folders below `_posts` can hold posts, as in a Jekyll site. */
const belowPosts = (folder: string) => folder === '_posts' || folder.startsWith('_posts/');

describe('InterimFolderWatch', () => {
  it('names the post files added, changed, saved atomically and deleted in the folders it watches', async () => {
    watchFolders(['', '_posts']);
    await posts.write('_posts/b.md', '# B');
    await posts.write('_posts/a.md', '# A, edited');
    // An atomic save: a temporary file renamed over the post.
    await posts.write('_posts/.c.md.tmp', '# C');
    await rename(join(posts.path, '_posts/.c.md.tmp'), join(posts.path, '_posts/c.md'));
    await posts.write('root.md', '# Root');
    await rm(join(posts.path, '_posts/a.md'));
    await waitFor('every change', () =>
      ['_posts/a.md', '_posts/b.md', '_posts/c.md', 'root.md'].every((path) => heard().has(path)),
    );
    // Only post files, by their paths: the temporary file's name is not one.
    expect([...heard()].sort()).toEqual(['_posts/a.md', '_posts/b.md', '_posts/c.md', 'root.md']);
  });

  it('hands a burst over as one batch once it settles', async () => {
    watchFolders(['_posts']);
    await Promise.all(
      Array.from({ length: 20 }, (_, index) => posts.write(`_posts/p${index}.md`, '# P')),
    );
    await waitFor('the burst', () => heard().size === 20);
    expect(batches.length).toBeLessThan(20);
  });

  it('watches only the folders it is given', async () => {
    watchFolders(['_posts']);
    await posts.write('notes/n.md', '# N, edited');
    await posts.write('_posts/b.md', '# B');
    await waitFor('the change in a watched folder', () => heard().has('_posts/b.md'));
    expect(heard().has('notes/n.md')).toBe(false);
  });

  it('skips a folder it cannot watch and watches the rest', async () => {
    const watch = watchFolders(['gone', '_posts']);
    expect(watch.watchedFolders).toBe(1);
    await posts.write('_posts/b.md', '# B');
    await waitFor('the change', () => heard().has('_posts/b.md'));
  });

  it('watches nothing when given more folders than its limit', () => {
    const watch = watchFolders(['', '_posts', 'notes'], { maxFolders: 2 });
    expect(watch.watchedFolders).toBe(0);
  });

  it('watches and reads a folder that appears, finding posts written before its watch began', async () => {
    const watching = watchFolders(['_posts'], { canHoldPosts: belowPosts });
    // Written at once, before any watch of the new folders can have begun.
    await mkdir(join(posts.path, '_posts/2026/12'), { recursive: true });
    await writeFile(join(posts.path, '_posts/2026/12/a.md'), '# A');
    await waitFor('the post in the new folder', () => heard().has('_posts/2026/12/a.md'));
    expect(watching.watchedFolders).toBe(3);
    // Watched from then on: a later post there is heard by the new folder's own watch.
    await posts.write('_posts/2026/12/b.md', '# B');
    await waitFor('a later post in the new folder', () => heard().has('_posts/2026/12/b.md'));
  });

  it('leaves alone a folder that appears where posts cannot be, or that is never entered', async () => {
    const watching = watchFolders(['', '_posts'], { canHoldPosts: belowPosts });
    await posts.write('images/a.md', '# Not a post folder');
    await posts.write('_posts/.drafts/b.md', '# A dot-folder');
    await posts.write('_posts/node_modules/c.md', '# Dependencies');
    await posts.write('_posts/d.md', '# D');
    await waitFor('the post after them', () => heard().has('_posts/d.md'));
    expect([...heard()]).toEqual(['_posts/d.md']);
    expect(watching.watchedFolders).toBe(2);
  });

  it.each([
    { when: 'it is not told which folders can hold posts', folders: ['_posts'], extra: {} },
    {
      when: 'it watches as many as its limit',
      folders: ['', '_posts'],
      extra: { canHoldPosts: belowPosts, maxFolders: 2 },
    },
  ])('watches no folder that appears when $when', async ({ folders, extra }) => {
    const watching = watchFolders(folders, extra);
    await posts.write('_posts/2026/a.md', '# A');
    await posts.write('_posts/b.md', '# B');
    await waitFor('the post beside the new folder', () => heard().has('_posts/b.md'));
    expect(heard().has('_posts/2026/a.md')).toBe(false);
    expect(watching.watchedFolders).toBe(folders.length);
  });

  it('reports a watched folder that vanishes and ends its watch and those below it', async () => {
    await posts.write('_posts/2024/05/a.md', '# A');
    const watching = watchFolders(['_posts', '_posts/2024', '_posts/2024/05'], {
      canHoldPosts: belowPosts,
    });
    // Moved out of the watched folders whole: no file inside is named by any event.
    await rename(join(posts.path, '_posts/2024'), join(posts.path, 'archive-2024'));
    await waitFor('the vanished folder', () => removed().has('_posts/2024'));
    expect(watching.watchedFolders).toBe(1);
  });

  it('follows a watched folder renamed in place: the old one reported, the new one read and watched', async () => {
    await posts.write('_posts/2024/a.md', '# A');
    const watching = watchFolders(['_posts', '_posts/2024'], { canHoldPosts: belowPosts });
    await rename(join(posts.path, '_posts/2024'), join(posts.path, '_posts/2025'));
    await waitFor(
      'the rename',
      () => removed().has('_posts/2024') && heard().has('_posts/2025/a.md'),
    );
    expect(watching.watchedFolders).toBe(2);
    await posts.write('_posts/2025/b.md', '# B');
    await waitFor('a post in the renamed folder', () => heard().has('_posts/2025/b.md'));
  });

  it('hands nothing over once closed, not even a batch heard and still settling', async () => {
    const closing = watchFolders(['_posts']);
    // A plain watch of the same folder: its callback runs in the same turn as the interim one's.
    const heardRaw = new Promise<void>((resolve) => {
      const raw = watch(join(posts.path, '_posts'), (_event, name) => {
        if (name !== 'b.md') return;
        raw.close();
        resolve();
      });
    });
    await posts.write('_posts/b.md', '# B');
    await heardRaw;
    closing.close();
    // A later watch hears a later write after its own settling time: by then the closed watch's
    // batch would have been handed over.
    const witness: InterimChanges[] = [];
    const later = new InterimFolderWatch({
      folder: posts.path,
      folders: ['_posts'],
      onChanges: (changes) => witness.push(changes),
    });
    later.start();
    await posts.write('_posts/c.md', '# C');
    await waitFor('the later watch', () => witness.some((batch) => batch.paths.has('_posts/c.md')));
    later.close();
    expect(batches).toEqual([]);
  });
});
