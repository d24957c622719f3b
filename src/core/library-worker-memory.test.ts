import type { WorkerOptions } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTempFolder, postText, type TempFolder } from './__fixtures__/temp-folder';
import { openLibrary } from './library';
import type * as WorkerModule from './worker-module';

/** The options of every shard worker started, in order (the real workers still run). */
const started = vi.hoisted(() => [] as { name: string; options: WorkerOptions }[]);

vi.mock('./worker-module', async (importOriginal) => {
  const real = await importOriginal<typeof WorkerModule>();
  return {
    ...real,
    startWorker: (name: Parameters<typeof real.startWorker>[0], options: WorkerOptions) => {
      started.push({ name, options });
      return real.startWorker(name, options);
    },
  };
});

let posts: TempFolder;
let cache: TempFolder;

beforeEach(async () => {
  posts = await createTempFolder('accord-posts-');
  cache = await createTempFolder('accord-cache-');
  started.length = 0;
});
afterEach(async () => {
  await posts.remove();
  await cache.remove();
});

/** The young generation limit of each shard worker started (one per core, up to two). */
const youngGenerations = () => {
  const limits = started
    .filter((worker) => worker.name === 'shard-worker')
    .map((worker) => worker.options.resourceLimits?.maxYoungGenerationSizeMb ?? 'default');
  expect(limits.length).toBeGreaterThan(0);
  return [...new Set(limits)];
};

async function openAndClose(): Promise<number> {
  const library = await openLibrary({ folder: posts.path, cacheDir: cache.path, watch: false });
  await library.whenReady();
  const { total } = await library.query({ query: 'quantum' });
  await library.close();
  return total;
}

describe('shard worker memory', () => {
  it('indexes with a full young generation and loads the cache with a small one', async () => {
    await posts.write('_posts/2024-03-01-quantum.md', postText({ title: 'Quantum programme' }));
    expect(await openAndClose()).toBe(1);
    expect(youngGenerations()).toEqual(['default']);

    started.length = 0;
    expect(await openAndClose()).toBe(1);
    expect(youngGenerations()).toEqual([12]);
  });

  it('indexes with a full young generation when there is no cache to load', async () => {
    await posts.write('_posts/2024-03-01-quantum.md', postText({ title: 'Quantum programme' }));
    expect(await openAndClose()).toBe(1);
    await cache.remove();
    started.length = 0;
    expect(await openAndClose()).toBe(1);
    expect(youngGenerations()).toEqual(['default']);
  });
});
