import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTempFolder, type TempFolder } from './__fixtures__/temp-folder';
import { makeSummary } from './__fixtures__/test-summary';
import { cacheDirectoryFor } from './cache-location';
import {
  CACHE_FORMAT_VERSION,
  openCacheManifest,
  prepareCacheDirectory,
  readCacheManifest,
  writeCacheManifest,
  type CacheKey,
  type CacheManifest,
} from './cache-store';

const key: CacheKey = {
  formatVersion: CACHE_FORMAT_VERSION,
  appVersion: '1.2.3',
  folder: '/posts',
  shardCount: 2,
  inputs: 'abc',
};

const manifest: CacheManifest = {
  ...key,
  shards: [
    { fileName: 'shard-0-aaaa.shard', checksum: 'aaaaaaaa' },
    { fileName: 'shard-1-bbbb.shard', checksum: 'bbbbbbbb' },
  ],
  files: [{ relativePath: 'a.md', size: 3, mtimeMs: 1, summary: null, skipped: 'empty file' }],
};

let cache: TempFolder;
beforeEach(async () => {
  cache = await createTempFolder('accord-cache-');
});
afterEach(() => cache.remove());

describe('cache store', () => {
  it.skipIf(process.platform === 'win32')(
    'creates the cache folder readable by this user only (it holds post text)',
    async () => {
      const directory = join(cache.path, 'root', 'folder-hash');
      await prepareCacheDirectory(directory);
      expect((await stat(directory)).mode & 0o777).toBe(0o700);
      expect((await stat(join(cache.path, 'root'))).mode & 0o777).toBe(0o700);
    },
  );

  it('reads back what it wrote', async () => {
    await writeCacheManifest(cache.path, manifest);
    expect(await readCacheManifest(cache.path, key)).toEqual(manifest);
  });

  it('writes a file list as JSON lines of up to 500 files, named by checksum, and reads it back', async () => {
    const files = [0, 1, 499, 500, 501, 1234].map((count) =>
      Array.from({ length: count }, (_, index) => ({
        relativePath: `_posts/2024-01-01-post-${index}.md`,
        size: index,
        mtimeMs: index * 1000,
        summary: null,
        // A line separator inside a string must not split a line.
        skipped: `reason ${index} — accentué\u2028\n`,
      })),
    );
    for (const list of files) {
      await writeCacheManifest(cache.path, { ...manifest, files: list });
      const [name] = (await readdir(cache.path)).filter((entry) => entry.startsWith('files-'));
      const bytes = await readFile(join(cache.path, name!));
      const lines = bytes.toString('utf8').split('\n');
      expect(lines.pop()).toBe('');
      expect(lines).toHaveLength(Math.ceil(list.length / 500));
      expect(lines.flatMap((line) => JSON.parse(line) as unknown[])).toEqual(list);
      expect(name).toBe(`files-${crc32(bytes).toString(16).padStart(8, '0')}.jsonl`);
      expect((await readCacheManifest(cache.path, key))?.files).toEqual(list);
    }
  });

  it("writes a summary's id and path once, as the file's path, and reads them back", async () => {
    const files = [
      { relativePath: '_posts/a.md', size: 1, mtimeMs: 2, summary: makeSummary('_posts/a.md') },
      // Not the file's own path (ids may change one day): kept as written.
      { relativePath: '_posts/b.md', size: 1, mtimeMs: 2, summary: makeSummary('other-id') },
    ];
    await writeCacheManifest(cache.path, { ...manifest, files });
    const [name] = (await readdir(cache.path)).filter((entry) => entry.startsWith('files-'));
    const [stored] = (await readFile(join(cache.path, name!), 'utf8'))
      .split('\n')
      .map((line) => JSON.parse(line || '[]') as { summary: Record<string, unknown> }[]);
    expect(stored![0]!.summary.id).toBe('');
    expect(stored![0]!.summary.path).toBe('');
    expect(stored![1]!.summary.id).toBe('other-id');
    const read = await readCacheManifest(cache.path, key);
    expect(read?.files).toEqual(files);
    expect(Object.keys(read!.files[0]!.summary!)).toEqual(Object.keys(files[0]!.summary));
    // One string for the path, the id and the summary's path.
    expect(read!.files[0]!.summary!.id).toBe(read!.files[0]!.relativePath);
  });

  it('reads a long file list a line per task, so other work on the thread runs in between', async () => {
    const files = Array.from({ length: 2000 }, (_, index) => ({
      relativePath: `_posts/2024-01-01-post-${index}.md`,
      size: index,
      mtimeMs: index,
      summary: makeSummary(`_posts/2024-01-01-post-${index}.md`),
    }));
    await writeCacheManifest(cache.path, { ...manifest, files });
    const opened = await openCacheManifest(cache.path, key);
    const parse = vi.spyOn(JSON, 'parse');
    try {
      // What a task queued behind the read sees: how many lines had been parsed by then.
      const seen: number[] = [];
      let reading = true;
      const watch = () => {
        seen.push(parse.mock.calls.length);
        if (reading) setImmediate(watch);
      };
      setImmediate(watch);
      const read = await opened!.readFiles();
      reading = false;
      expect(read).toEqual(files);
      expect(parse).toHaveBeenCalledTimes(4);
      expect(seen.some((count) => count > 0 && count < 4)).toBe(true);
    } finally {
      parse.mockRestore();
    }
  });

  it('treats a file list with a line cut short or an entry of the wrong shape as no cache', async () => {
    const files = Array.from({ length: 600 }, (_, index) => ({
      relativePath: `_posts/p-${index}.md`,
      size: index,
      mtimeMs: index,
      summary: null,
    }));
    await writeCacheManifest(cache.path, { ...manifest, files });
    const [name] = (await readdir(cache.path)).filter((entry) => entry.startsWith('files-'));
    const path = join(cache.path, name!);
    const text = await readFile(path, 'utf8');
    // Rewritten with a manifest that names the new checksum: only the content is wrong.
    const rewrite = async (content: string) => {
      await writeFile(path, content);
      const manifestPath = join(cache.path, 'manifest.json');
      const stored = JSON.parse(await readFile(manifestPath, 'utf8')) as {
        fileList: { checksum: string };
      };
      stored.fileList.checksum = crc32(Buffer.from(content)).toString(16).padStart(8, '0');
      await writeFile(manifestPath, JSON.stringify(stored));
      return openCacheManifest(cache.path, key);
    };
    const firstNewline = text.indexOf('\n');
    const cut = await rewrite(text.slice(0, firstNewline - 1) + text.slice(firstNewline));
    expect(await cut!.readFiles()).toBeNull();
    const wrongShape = await rewrite(text.replace('"size":0', '"size":"0"'));
    expect(await wrongShape!.readFiles()).toBeNull();
    const notAList = await rewrite(text.replace(/^\[.*\]$/m, '{}'));
    expect(await notAList!.readFiles()).toBeNull();
    const intact = await rewrite(text);
    expect(await intact!.readFiles()).toHaveLength(600);
  });

  it('leaves no temporary files behind and removes shard and file lists the manifest dropped', async () => {
    await writeFile(join(cache.path, 'shard-0-0000.json'), 'old');
    await writeFile(join(cache.path, 'files-0000.json'), '[]');
    await writeFile(join(cache.path, 'files-0001.jsonl'), '[]');
    await writeCacheManifest(cache.path, manifest);
    const names = (await readdir(cache.path)).sort();
    expect(names).toHaveLength(2);
    expect(names[0]).toMatch(/^files-[0-9a-f]{8}\.jsonl$/);
    expect(names[1]).toBe('manifest.json');
  });

  it('names the shards before reading the file list, so shard loads can start first', async () => {
    await writeCacheManifest(cache.path, manifest);
    const opened = await openCacheManifest(cache.path, key);
    expect(opened?.shards).toEqual(manifest.shards);
    expect(await opened?.readFiles()).toEqual(manifest.files);
  });

  it('treats a file list that is not the one the manifest names as no cache', async () => {
    await writeCacheManifest(cache.path, manifest);
    const [fileList] = (await readdir(cache.path)).filter((name) => name.startsWith('files-'));
    // Well-formed, but not what was written (a crash between two writes, a copied folder…).
    await writeFile(join(cache.path, fileList!), JSON.stringify([]));
    expect(await readCacheManifest(cache.path, key)).toBeNull();
    const opened = await openCacheManifest(cache.path, key);
    expect(opened).not.toBeNull();
    expect(await opened!.readFiles()).toBeNull();
    await rm(join(cache.path, fileList!));
    expect(await opened!.readFiles()).toBeNull();
  });

  it.each([
    ['another app version', { appVersion: '9.9.9' }],
    ['another format version', { formatVersion: CACHE_FORMAT_VERSION + 1 }],
    ['another folder', { folder: '/elsewhere' }],
    ['another shard count', { shardCount: 3 }],
    ['other parser inputs (aliases, build)', { inputs: 'changed' }],
  ])('ignores a cache made for %s', async (_label, change) => {
    await writeCacheManifest(cache.path, manifest);
    expect(await readCacheManifest(cache.path, { ...key, ...change })).toBeNull();
  });

  it('treats a truncated manifest (a write killed half-way) as no cache', async () => {
    await writeCacheManifest(cache.path, manifest);
    const text = await readFile(join(cache.path, 'manifest.json'), 'utf8');
    await writeFile(join(cache.path, 'manifest.json'), text.slice(0, text.length / 2));
    expect(await readCacheManifest(cache.path, key)).toBeNull();
  });

  it('treats well-formed JSON of the wrong shape as no cache', async () => {
    await writeFile(
      join(cache.path, 'manifest.json'),
      JSON.stringify({ ...manifest, files: [{ relativePath: 3 }] }),
    );
    expect(await readCacheManifest(cache.path, key)).toBeNull();
    await writeFile(
      join(cache.path, 'manifest.json'),
      JSON.stringify({ ...manifest, shards: [{ fileName: '../x' }] }),
    );
    expect(await readCacheManifest(cache.path, key)).toBeNull();
    await writeFile(join(cache.path, 'manifest.json'), 'null');
    expect(await readCacheManifest(cache.path, key)).toBeNull();
  });

  it('treats a missing directory as no cache', async () => {
    expect(await readCacheManifest(join(cache.path, 'nothing'), key)).toBeNull();
  });

  it('gives every folder its own sub-folder', () => {
    expect(cacheDirectoryFor('/c', '/a')).not.toBe(cacheDirectoryFor('/c', '/b'));
    expect(cacheDirectoryFor('/c', '/a')).toBe(cacheDirectoryFor('/c', '/a'));
  });
});
