import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempFolder, type TempFolder, waitFor } from './__fixtures__/temp-folder';
import { NewFolderSweeper, type SweepFindings } from './new-folder-sweeper';
import { scanFolder } from './scanner';

let posts: TempFolder;
let sweeper: NewFolderSweeper | null = null;

beforeEach(async () => {
  posts = await createTempFolder('accord-sweep-');
});
afterEach(async () => {
  sweeper?.close();
  sweeper = null;
  await posts.remove();
});

/** A sweeper over the temp folder with short rounds, recording what it reports and watches. */
function sweepPosts(watchedAtFirst: string[] = []) {
  const watched = new Set(watchedAtFirst.map((folder) => resolve(posts.path, folder)));
  const findings: SweepFindings[] = [];
  const handedOver: string[] = [];
  let reads = 0;
  sweeper = new NewFolderSweeper({
    folder: posts.path,
    watchedFolders: () => watched,
    watch: (folders) => {
      handedOver.push(...folders);
      for (const folder of folders) watched.add(folder);
    },
    onFound: (found) => findings.push(found),
    roundDelaysMs: [10, 30, 30, 30],
    scan: (folder) => {
      reads += 1;
      return scanFolder(folder);
    },
  });
  return {
    sweeper,
    findings,
    handedOver,
    reads: () => reads,
    reported: () => findings.flatMap((found) => found.paths),
  };
}

describe('NewFolderSweeper', () => {
  it('reports the files of a new folder that the watcher never announced', async () => {
    await posts.write('fresh/_posts/2025-01-01-a.md', 'a');
    await posts.write('fresh/_posts/2025-01-02-b.md', 'b');
    await posts.write('fresh/_posts/notes.txt', 'not a post');
    const { sweeper, reported } = sweepPosts(['fresh', 'fresh/_posts']);
    sweeper.sweep(['fresh']);
    await waitFor('the first round', () => reported().length > 0);
    expect(reported().sort()).toEqual([
      'fresh/_posts/2025-01-01-a.md',
      'fresh/_posts/2025-01-02-b.md',
    ]);
  });

  it('looks again a little later and reports only what is new or changed since', async () => {
    await posts.write('fresh/a.md', 'a');
    const { sweeper, findings, reads } = sweepPosts(['fresh']);
    sweeper.sweep(['fresh']);
    await waitFor('the first round', () => findings.length === 1);
    await posts.write('fresh/b.md', 'written after the first look');
    await waitFor('the second round', () => findings.length === 2);
    expect(findings[1]!.paths).toEqual(['fresh/b.md']);
    // It found something, so a third round looks once more, finds nothing and stops.
    await waitFor('the third round', () => reads() === 3);
    await new Promise((settle) => setTimeout(settle, 150));
    expect(reads()).toBe(3);
    expect(findings).toHaveLength(2);
  });

  it('hands folders the watcher does not know to it, and says when a _posts folder appeared', async () => {
    await posts.write('media/late/_posts/2025-03-01-c.md', 'c');
    const { sweeper, findings, handedOver } = sweepPosts(['media']);
    expect(sweeper.adopt(['media', 'media/late', 'media/late/_posts'])).toBe(true);
    expect(handedOver).toEqual([
      resolve(posts.path, 'media/late'),
      resolve(posts.path, 'media/late/_posts'),
    ]);
    await waitFor('the sweep of the adopted folder', () => findings.length > 0);
    expect(findings[0]!.paths).toEqual(['media/late/_posts/2025-03-01-c.md']);
    // Folders it already watches are left alone.
    expect(sweeper.adopt(['media'])).toBe(false);
  });

  it('sweeps folders that appear together once, from the outermost', async () => {
    await posts.write('a/b/c/one.md', '1');
    await posts.write('a b/two.md', '2');
    const { sweeper, reported } = sweepPosts(['a', 'a/b', 'a/b/c', 'a b']);
    sweeper.sweep(['a/b/c']);
    sweeper.sweep(['a', 'a b', 'a/b']);
    await waitFor('the first round', () => reported().length > 0);
    expect(reported().sort()).toEqual(['a b/two.md', 'a/b/c/one.md']);
  });

  it('stops when closed, and ignores a folder that is gone again', async () => {
    const { sweeper, findings, reads } = sweepPosts();
    sweeper.sweep(['vanished']);
    await waitFor('the first round', () => reads() === 1);
    sweeper.close();
    await new Promise((settle) => setTimeout(settle, 100));
    expect(reads()).toBe(1);
    expect(findings).toEqual([]);
  });
});
