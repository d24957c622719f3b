import { watch } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempFolder, type TempFolder, waitFor } from './__fixtures__/temp-folder';
import { InterimFolderWatch, type InterimFolderWatchOptions } from './interim-folder-watch';

let posts: TempFolder;
let interim: InterimFolderWatch | null = null;
let batches: Set<string>[];

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
    onPaths: (paths) => batches.push(new Set(paths)),
    ...extra,
  });
  interim.start();
  return interim;
}

const heard = () => new Set(batches.flatMap((batch) => [...batch]));

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
    const witness: Set<string>[] = [];
    const later = new InterimFolderWatch({
      folder: posts.path,
      folders: ['_posts'],
      onPaths: (paths) => witness.push(new Set(paths)),
    });
    later.start();
    await posts.write('_posts/c.md', '# C');
    await waitFor('the later watch', () => witness.some((batch) => batch.has('_posts/c.md')));
    later.close();
    expect(batches).toEqual([]);
  });
});
