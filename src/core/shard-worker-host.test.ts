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

describe('position tables', () => {
  /** Positions in path order, counting how often a position is looked up. */
  function pathOrder(files: readonly FileToIndex[]) {
    const ids = files.map((file) => file.relativePath).sort();
    const lookup = {
      layout: {},
      lookups: 0,
      positionOf(id: string) {
        lookup.lookups += 1;
        const position = ids.indexOf(id);
        return position < 0 ? undefined : position;
      },
      idAt: (position: number) => ids[position]!,
    };
    return lookup;
  }

  /** Calls `steps.next()` `count` times, or until it ends; its last answer. */
  function advance<T>(steps: Generator<void, T, void>, count: number): IteratorResult<void, T> {
    let next = steps.next();
    for (let taken = 1; taken < count && !next.done; taken += 1) next = steps.next();
    return next;
  }

  /** A host with twelve posts indexed, and their positions in path order. */
  async function twelveIndexed() {
    const host = startHost();
    const files = await writePosts(12);
    await host.index(files);
    return { host, order: pathOrder(files) };
  }

  it('builds ahead, a slice per step, the table a query then uses', async () => {
    const { host, order } = await twelveIndexed();
    const steps = host.positionTableSteps(order, 5);
    let yields = 0;
    while (!steps.next().done) yields += 1;
    expect(yields).toBe(2);
    expect(order.lookups).toBe(12);

    const hits = host.positionHits(await host.match('lagoon'), order);
    expect([...hits.positions].sort((a, b) => a - b)).toEqual([...Array(12).keys()]);
    // The query looked nothing up: the table was ready.
    expect(order.lookups).toBe(12);
  });

  it('keeps nothing when the documents are renumbered between two steps', async () => {
    const host = startHost();
    const files = await writePosts(12);
    await host.index(files.slice(0, 10));
    const order = pathOrder(files);
    const steps = host.positionTableSteps(order, 5);
    expect(advance(steps, 1).done).toBe(false);
    await host.index(files.slice(10));
    expect(advance(steps, 2)).toEqual({ done: true, value: null });

    // The next query builds a table of all twelve.
    const hits = host.positionHits(await host.match('lagoon'), order);
    expect(hits.positions).toHaveLength(12);
  });

  it('stops when a query has built the table meanwhile', async () => {
    const { host, order } = await twelveIndexed();
    const steps = host.positionTableSteps(order, 5);
    advance(steps, 1);
    host.positionHits(await host.match('lagoon'), order);
    const lookupsByQuery = order.lookups;
    const end = advance(steps, 2);
    expect(end.done).toBe(true);
    expect(end.value).toBeInstanceOf(Int32Array);
    expect(order.lookups).toBe(lookupsByQuery);
  });
});
