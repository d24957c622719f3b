import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempFolder, postText, type TempFolder } from './__fixtures__/temp-folder';
import type { FileToIndex } from './shard-protocol';
import { ShardWorkerHost } from './shard-worker-host';

let posts: TempFolder;
let cache: TempFolder;
const hosts: ShardWorkerHost[] = [];

beforeEach(async () => {
  posts = await createTempFolder('accord-shard-posts-');
  cache = await createTempFolder('accord-shard-cache-');
});
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.close()));
  await posts.remove();
  await cache.remove();
});

/** A host whose saves write one piece per step, so even a small shard takes many steps. */
function startHost(): ShardWorkerHost {
  const host = new ShardWorkerHost({ shardIndex: 0, saveStepMs: 0, filesToRebuild: () => [] });
  hosts.push(host);
  return host;
}

async function writePosts(count: number): Promise<FileToIndex[]> {
  const files: FileToIndex[] = [];
  for (let index = 0; index < count; index += 1) {
    const relativePath = `_posts/2024-01-${String(index + 1).padStart(2, '0')}-post.md`;
    const absolutePath = await posts.write(
      relativePath,
      postText({
        title: `Memorandum ${index}`,
        body: `<p>Both agencies agree on lagoon ${index}.</p>`,
      }),
    );
    const info = await stat(absolutePath);
    files.push({ relativePath, absolutePath, size: info.size, mtimeMs: info.mtimeMs });
  }
  return files;
}

describe('saving a shard', () => {
  it('answers a search asked during a save before the save is done', async () => {
    const host = startHost();
    await host.index(await writePosts(12));
    const finished: string[] = [];
    const saving = host.save(cache.path, 'shard-0').then((saved) => {
      finished.push('save');
      return saved;
    });
    const matching = host.match('lagoon').then((matches) => {
      finished.push('search');
      return matches;
    });
    const [saved, matches] = await Promise.all([saving, matching]);
    expect(finished).toEqual(['search', 'save']);
    expect(matches.numbers).toHaveLength(12);

    // Written in steps, the file is whole: another worker loads it and finds the same posts.
    expect(await readdir(cache.path)).toEqual([saved.fileName]);
    const other = startHost();
    expect(await other.load(join(cache.path, saved.fileName), saved.checksum)).toBe(true);
    expect((await other.match('lagoon')).numbers).toHaveLength(12);
    // And the saving worker now reads its snippets from that file.
    const snippets = await host.snippets('lagoon', ['_posts/2024-01-03-post.md']);
    expect(snippets[0]?.text).toContain('lagoon 2');
  });

  it('abandons a save when the shard changes before it is done, leaving no file behind', async () => {
    const host = startHost();
    const files = await writePosts(6);
    await host.index(files);
    const saving = host.save(cache.path, 'shard-0');
    const removing = host.remove([files[0]!.relativePath]);
    await expect(saving).rejects.toThrow(/no save in progress: the shard changed/);
    await removing;
    expect(await readdir(cache.path)).toEqual([]);
    // A save asked afterwards writes the shard as it now is.
    const saved = await host.save(cache.path, 'shard-0');
    const other = startHost();
    expect(await other.load(join(cache.path, saved.fileName), saved.checksum)).toBe(true);
    expect((await other.match('lagoon')).numbers).toHaveLength(5);
  });
});
