import { createHash } from 'node:crypto';
import { readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempFolder, postText, type TempFolder, waitFor } from './__fixtures__/temp-folder';
import { openLibrary, type OpenLibraryOptions } from './library';
import type { LibraryService } from './library-service';

let posts: TempFolder;
let cache: TempFolder;
const opened: LibraryService[] = [];

beforeEach(async () => {
  posts = await createTempFolder('accord-posts-');
  cache = await createTempFolder('accord-cache-');
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((library) => library.close()));
  await posts.remove();
  await cache.remove();
});

async function open(options: Partial<OpenLibraryOptions> = {}): Promise<LibraryService> {
  const library = await openLibrary({
    folder: posts.path,
    cacheDir: cache.path,
    watch: false,
    ...options,
  });
  opened.push(library);
  await library.whenReady();
  return library;
}

async function writeSamplePosts(): Promise<void> {
  await posts.write(
    '_posts/2024-03-01-quantum.md',
    postText({ title: 'Quantum research programme', date: '2024-03-01', permalink: '/quantum/' }),
  );
  await posts.write(
    '_posts/2023-05-02-cyber.md',
    postText({ title: 'Cybersecurity memorandum', date: '2023-05-02', permalink: '/cyber/' }),
  );
  await posts.write('_posts/2022-01-01-empty.md', '');
}

/** Every file below `folder` with its content hash: proof that nothing was written there. */
async function fingerprint(folder: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  const walk = async (dir: string, prefix: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path, `${prefix}${entry.name}/`);
      else
        result[`${prefix}${entry.name}`] = createHash('sha256')
          .update(await readFile(path))
          .digest('hex');
    }
  };
  await walk(folder, '');
  return result;
}

describe('openLibrary', () => {
  it('indexes a folder off the host thread and answers queries, posts and permalinks', async () => {
    await writeSamplePosts();
    const library = await open();
    expect(library.status()).toMatchObject({ state: 'ready', folder: posts.path, polling: false });

    const all = await library.query({});
    expect(all.entries.map((entry) => entry.id)).toEqual([
      '_posts/2024-03-01-quantum.md',
      '_posts/2023-05-02-cyber.md',
    ]);
    expect(all.total).toBe(2);

    const found = await library.query({ query: 'quantum' });
    expect(found.entries.map((entry) => entry.id)).toEqual(['_posts/2024-03-01-quantum.md']);
    expect(found.entries[0]!.score).toBeGreaterThan(0);
    expect(found.terms.length).toBeGreaterThan(0);

    expect(await library.findByPermalink('/cyber')).toBe('_posts/2023-05-02-cyber.md');
    expect(await library.findByPermalink('/cyber/')).toBe('_posts/2023-05-02-cyber.md');
    expect(await library.findByPermalink('/nope/')).toBeNull();

    const post = await library.getPost('_posts/2024-03-01-quantum.md');
    expect(post?.title).toBe('Quantum research programme');
    expect(post?.body).toContain('Both parties agree');
    expect(await library.getPost('_posts/2022-01-01-empty.md')).toBeNull();
    expect(await library.getPost('../etc/passwd')).toBeNull();
  });

  it('ranks search hits by score; snippets for the first 50 rows, or every row of a window', async () => {
    for (let index = 0; index < 70; index += 1) {
      const day = String(1 + (index % 28)).padStart(2, '0');
      // More mentions of "lagoon" for higher numbers, so the ranking is known in advance.
      const body = `<p>${'The lagoon agreement. '.repeat(1 + (index % 7))}Filler words.</p>`;
      await posts.write(
        `_posts/2024-01-${day}-post-${index}.md`,
        postText({ title: `Post ${index}`, body }),
      );
    }
    const library = await open({ shardCount: 2 });
    const found = await library.query({ query: 'lagoon' });
    expect(found.total).toBe(70);
    const scores = found.entries.map((entry) => entry.score ?? 0);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(
      found.entries.slice(0, 50).every((entry) => entry.snippet?.text.includes('lagoon')),
    ).toBe(true);
    expect(found.entries.slice(50).some((entry) => entry.snippet !== undefined)).toBe(false);
    expect(found.terms).toEqual(['lagoon']);
    // A window further down is what a reader is looking at, so each of its rows gets a snippet.
    const later = await library.query({ query: 'lagoon' }, { offset: 50, limit: 20 });
    expect(later.entries.map((entry) => entry.id)).toEqual(
      found.entries.slice(50).map((entry) => entry.id),
    );
    expect(later.entries.every((entry) => entry.snippet?.text.includes('lagoon'))).toBe(true);
    // A first page is picked from the hits without sorting them all: the same rows, ties and all.
    const firstPage = await library.query({ query: 'lagoon' }, { offset: 0, limit: 5 });
    expect(firstPage.entries.map((entry) => entry.id)).toEqual(
      found.entries.slice(0, 5).map((entry) => entry.id),
    );
    expect(firstPage.total).toBe(70);
    // Filters apply to the hits of both shards, and the facets count what a click would give.
    const filtered = await library.query({ query: 'lagoon', from: '2024-01-10', to: '2024-01-12' });
    expect(filtered.total).toBeGreaterThan(0);
    expect(
      filtered.entries.every((entry) => entry.date! >= '2024-01-10' && entry.date! <= '2024-01-12'),
    ).toBe(true);
    expect(filtered.total).toBe(
      found.entries.filter((entry) => entry.date! >= '2024-01-10' && entry.date! <= '2024-01-12')
        .length,
    );
  });

  it('answers a window with only its rows, the full total, months and snippets for each row', async () => {
    // 2 posts in March 2024, 3 in February, 1 undated: every one mentions "lagoon".
    const dates = ['2024-03-09', '2024-03-02', '2024-02-20', '2024-02-10', '2024-02-01', null];
    for (const [index, date] of dates.entries()) {
      const body = `<p>${'The lagoon agreement. '.repeat(1 + index)}Filler words.</p>`;
      await posts.write(
        `_posts/post-${index}.md`,
        postText({ title: `Post ${index}`, body, ...(date ? { date } : {}) }),
      );
    }
    const library = await open({ shardCount: 2 });

    const everything = await library.query({});
    const page = await library.query({}, { offset: 1, limit: 3 });
    expect(page.total).toBe(6);
    expect(page.offset).toBe(1);
    expect(page.entries.map((entry) => entry.id)).toEqual(
      everything.entries.slice(1, 4).map((entry) => entry.id),
    );
    expect(page.months).toEqual([
      { month: '2024-03', count: 2 },
      { month: '2024-02', count: 3 },
      { month: null, count: 1 },
    ]);
    expect(page.areas).toEqual(everything.areas);
    // A window past the end is empty but still counts the whole result.
    const beyond = await library.query({}, { offset: 99, limit: 10 });
    expect(beyond).toMatchObject({ total: 6, offset: 6, entries: [] });

    const hits = await library.query({ query: 'lagoon' });
    const hitPage = await library.query({ query: 'lagoon' }, { offset: 4, limit: 10 });
    expect(hitPage.total).toBe(6);
    expect(hitPage.months).toBeUndefined();
    expect(hitPage.entries.map((entry) => entry.id)).toEqual(
      hits.entries.slice(4).map((entry) => entry.id),
    );
    expect(hitPage.entries.every((entry) => entry.snippet?.text.includes('lagoon'))).toBe(true);
    // In timeline order (the command line's `list --query`): newest first, no ranking, no copies.
    const listed = await library.query({ query: 'lagoon' }, undefined, { order: 'timeline' });
    expect(listed.entries.map((entry) => entry.id)).toEqual(everything.entries.map((e) => e.id));
    expect(listed.entries.some((entry) => 'score' in entry || 'snippet' in entry)).toBe(false);
    expect(listed).toMatchObject({ total: 6, months: page.months, areas: hits.areas });
    expect(listed.terms).toEqual(hits.terms);
    // No rows at all (the command line's `areas`): the total and the counts only.
    const countsOnly = await library.query({ query: 'lagoon' }, { offset: 0, limit: 0 });
    expect(countsOnly).toMatchObject({ total: 6, entries: [], areas: hits.areas });
  });

  it('lists one post per permalink (the newest file) and reports the others in check()', async () => {
    await writeSamplePosts();
    const copy = await posts.write(
      '_posts/2024-03-01-quantum-copy.md',
      postText({
        title: 'Quantum research programme (old copy)',
        date: '2024-03-01',
        permalink: '/quantum',
      }),
    );
    const past = new Date('2020-01-01');
    await utimes(copy, past, past);
    const library = await open();
    const ids = (await library.query({})).entries.map((entry) => entry.id);
    expect(ids).toContain('_posts/2024-03-01-quantum.md');
    expect(ids).not.toContain('_posts/2024-03-01-quantum-copy.md');
    const report = await library.check();
    expect(report.duplicates).toEqual([
      {
        permalink: '/quantum',
        kept: '_posts/2024-03-01-quantum.md',
        ignored: ['_posts/2024-03-01-quantum-copy.md'],
      },
    ]);
    expect(report.posts).toBe(3);
    expect(report.skipped).toEqual([
      { path: '_posts/2022-01-01-empty.md', reason: expect.any(String) },
    ]);
  });

  it('spells an area in the article as the timeline lists it when posts differ in letter case', async () => {
    // A mixed-case name is kept as written by the parser; the timeline shows the common spelling.
    for (const [name, area] of [
      ['a', 'Smart Cities'],
      ['b', 'Smart Cities'],
      ['c', 'Smart cities'],
    ]) {
      await posts.write(
        `_posts/2024-05-0${name === 'a' ? 1 : name === 'b' ? 2 : 3}-${name}.md`,
        postText({ title: `Post ${name}`, extra: `areas: [${area}]` }),
      );
    }
    const library = await open();
    expect((await library.query({})).areas).toEqual([{ name: 'Smart Cities', count: 3 }]);
    const odd = (await library.getPost('_posts/2024-05-03-c.md'))!;
    expect(odd.areas).toEqual(['Smart Cities']);
    expect(odd.areaDetails.map((detail) => detail.name)).toEqual(['Smart Cities']);
  });

  it('reports a missing folder as `missing` with the folder named, without throwing', async () => {
    const library = await open({ folder: join(posts.path, 'not-here') });
    expect(library.status().state).toBe('missing');
    expect(library.status().message).toContain(join(posts.path, 'not-here'));
    expect((await library.query({})).entries).toEqual([]);
  });

  it('resolves images relative to the post or the folder root, and nothing outside', async () => {
    await writeSamplePosts();
    await posts.write('images/logo.png', 'png');
    await posts.write('_posts/chart.png', 'png');
    const library = await open();
    const id = '_posts/2024-03-01-quantum.md';
    expect(await library.resolveAsset(id, '/images/logo.png')).toBe(
      join(posts.path, 'images', 'logo.png'),
    );
    expect(await library.resolveAsset(id, 'chart.png')).toBe(
      join(posts.path, '_posts', 'chart.png'),
    );
    expect(await library.resolveAsset(id, '../images/logo.png')).toBe(
      join(posts.path, 'images', 'logo.png'),
    );
    expect(await library.resolveAsset(id, '../../etc/passwd')).toBeNull();
    expect(await library.resolveAsset(id, 'https://example.com/x.png')).toBeNull();
    expect(await library.resolveAsset('_posts/unknown.md', 'chart.png')).toBeNull();
  });
});

describe('index cache', () => {
  it('loads a second open from the cache and re-parses only changed and new files', async () => {
    await writeSamplePosts();
    await (await open()).close();

    const progress: number[] = [];
    const warm = await open({ onProgress: (_indexed, total) => progress.push(total) });
    expect(progress).toEqual([]);
    expect((await warm.query({ query: 'quantum' })).total).toBe(1);
    await warm.close();

    await posts.write(
      '_posts/2023-05-02-cyber.md',
      postText({
        title: 'Cybersecurity memorandum renewed',
        date: '2023-05-02',
        permalink: '/cyber/',
      }),
    );
    await posts.write(
      '_posts/2025-01-01-new.md',
      postText({ title: 'Semiconductor partnership', date: '2025-01-01' }),
    );
    await rm(join(posts.path, '_posts', '2024-03-01-quantum.md'));

    const reconciled = await open({ onProgress: (_indexed, total) => progress.push(total) });
    expect(progress.at(-1)).toBe(2);
    const titles = (await reconciled.query({})).entries.map((entry) => entry.title);
    expect(titles).toEqual(['Semiconductor partnership', 'Cybersecurity memorandum renewed']);
    expect((await reconciled.query({ query: 'quantum' })).total).toBe(0);
    expect((await reconciled.query({ query: 'renewed' })).total).toBe(1);
  });

  it('cuts snippets from the cache file once saved, even after the cache folder is deleted', async () => {
    await writeSamplePosts();
    const library = await open({ watch: true, cacheWriteDelayMs: 20 });
    const snippet = async (query: string) =>
      (await library.query({ query })).entries[0]?.snippet?.text ?? null;
    expect(await snippet('quantum')).toContain('Quantum research programme');
    // The session's own save (the manifest is written last): the shards now read their texts
    // from the files they wrote.
    await waitFor('the cache to be written', async () =>
      (await cacheFiles().catch(() => [])).some((file) => file.endsWith('manifest.json')),
    );
    expect(await snippet('quantum')).toContain('Quantum research programme');
    // Another process pruning or clearing the cache: the shards still hold their files open. (It
    // retries as `rm -r` would have to: the save may still be pruning the folder.)
    await rm(cache.path, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
    expect(await snippet('quantum')).toContain('Quantum research programme');
    expect(await snippet('cybersecurity')).toContain('Cybersecurity memorandum');
    // A post edited since the save is read from memory.
    await posts.write(
      '_posts/2023-05-02-cyber.md',
      postText({ title: 'Cybersecurity memorandum', body: '<p>Renewed for five years.</p>' }),
    );
    await waitFor('the edited post', async () => (await snippet('renewed')) !== null);
    expect(await snippet('renewed')).toContain('Renewed for five years');
  });

  it('rewrites the cache after a change only once the reader pauses searching', async () => {
    await writeSamplePosts();
    const library = await open({ watch: true, cacheWriteDelayMs: 300 });
    const shardFiles = async () =>
      (await cacheFiles().catch(() => [])).filter((file) => file.endsWith('.shard')).sort();
    // The manifest is written last, once every shard is.
    await waitFor('the first save', async () =>
      (await cacheFiles().catch(() => [])).some((file) => file.endsWith('manifest.json')),
    );
    const firstSave = await shardFiles();
    await posts.write(
      '_posts/2023-05-02-cyber.md',
      postText({ title: 'Cybersecurity memorandum', body: '<p>Extended to data centres.</p>' }),
    );
    // Searching without pause from before the change until well past the write delay after it
    // is seen (four delays).
    let searchUntil = Number.POSITIVE_INFINITY;
    const giveUpAt = Date.now() + 10_000;
    while (Date.now() < Math.min(searchUntil, giveUpAt)) {
      const { total } = await library.query({ query: 'centres' });
      if (total === 1 && searchUntil === Number.POSITIVE_INFINITY) searchUntil = Date.now() + 1200;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(searchUntil, 'the edit was never seen').toBeLessThan(Number.POSITIVE_INFINITY);
    expect(await shardFiles()).toEqual(firstSave);
    await waitFor('the save after the pause', async () => {
      const now = await shardFiles();
      return now.length > 0 && now.join() !== firstSave.join();
    });
  });

  async function cacheFiles(): Promise<string[]> {
    const [sub] = await readdir(cache.path);
    return (await readdir(join(cache.path, sub!))).map((name) => join(cache.path, sub!, name));
  }

  it.each([
    [
      'a corrupt shard file',
      async (files: string[]) => {
        const shard = files.find((file) => file.includes('shard-0'))!;
        await writeFile(shard, '{"broken":');
      },
    ],
    [
      'a shard file with one letter of a stored text changed (only its checksum can tell)',
      async (files: string[]) => {
        const shards = files.filter((file) => file.includes('/shard-'));
        const contents = await Promise.all(shards.map((file) => readFile(file)));
        const which = contents.findIndex((bytes) => bytes.includes('parties'));
        expect(which).toBeGreaterThanOrEqual(0);
        const bytes = contents[which]!;
        // The texts come after the index, so the last occurrence is in a stored text.
        bytes[bytes.lastIndexOf('parties') + 3] = 's'.charCodeAt(0);
        await writeFile(shards[which]!, bytes);
      },
    ],
    [
      'a truncated manifest',
      async (files: string[]) => {
        const manifest = files.find((file) => file.endsWith('manifest.json'))!;
        const text = await readFile(manifest, 'utf8');
        await writeFile(manifest, text.slice(0, 40));
      },
    ],
    [
      'an old format version',
      async (files: string[]) => {
        const manifest = files.find((file) => file.endsWith('manifest.json'))!;
        const parsed = JSON.parse(await readFile(manifest, 'utf8')) as { formatVersion: number };
        await writeFile(manifest, JSON.stringify({ ...parsed, formatVersion: 0 }));
      },
    ],
    [
      'a missing shard file',
      async (files: string[]) => {
        await rm(files.find((file) => file.includes('shard-1'))!);
      },
    ],
  ])('rebuilds silently from %s', async (_label, damage) => {
    await writeSamplePosts();
    await (await open({ shardCount: 2 })).close();
    await damage(await cacheFiles());
    const progress: number[] = [];
    const library = await open({
      shardCount: 2,
      onProgress: (_indexed, total) => progress.push(total),
    });
    expect(library.status().state).toBe('ready');
    expect(progress.at(-1)).toBe(3);
    expect((await library.query({ query: 'cybersecurity' })).total).toBe(1);
    expect((await library.query({})).total).toBe(2);
  });

  it('never writes inside the posts folder during open, watch, query and close', async () => {
    await writeSamplePosts();
    await posts.write('images/logo.png', 'png');
    const before = await fingerprint(posts.path);
    const library = await open({ watch: true, watchStartDelayMs: 0 });
    await library.query({ query: 'quantum' });
    await library.getPost('_posts/2024-03-01-quantum.md');
    await library.check();
    await library.resolveAsset('_posts/2024-03-01-quantum.md', '/images/logo.png');
    await library.close();
    expect(await fingerprint(posts.path)).toEqual(before);
    expect((await stat(cache.path)).isDirectory()).toBe(true);
    expect((await readdir(cache.path)).length).toBe(1);
  });
});

describe('worker failures', () => {
  const testParser = new URL('./__fixtures__/test-parser.ts', import.meta.url).href;

  it('skips a file that crashes its worker, restarts the worker and indexes the rest', async () => {
    await writeSamplePosts();
    for (let index = 0; index < 20; index++) {
      await posts.write(
        `_posts/2021-01-${String(index + 1).padStart(2, '0')}-filler.md`,
        postText({ title: `Filler ${index}` }),
      );
    }
    await posts.write(
      '_posts/2024-06-01-bad.md',
      postText({ title: 'Bad', body: 'CRASH-THE-PARSER' }),
    );
    const library = await open({ parserModule: testParser, shardCount: 1 });
    expect(library.status().state).toBe('ready');
    const report = await library.check();
    expect(report.skipped).toContainEqual({
      path: '_posts/2024-06-01-bad.md',
      reason: 'parser crashed on this file',
    });
    expect(report.posts).toBe(22);
    // The restarted worker holds every other post, searchable.
    expect((await library.query({ query: 'filler' })).total).toBe(20);
    expect((await library.query({ query: 'quantum' })).total).toBe(1);
  });

  it('gives up on a file that hangs its worker after the time limit', async () => {
    await writeSamplePosts();
    await posts.write(
      '_posts/2024-06-02-slow.md',
      postText({ title: 'Slow', body: 'HANG-THE-PARSER' }),
    );
    const library = await open({ parserModule: testParser, shardCount: 1, fileTimeoutMs: 300 });
    const report = await library.check();
    expect(report.skipped).toContainEqual({
      path: '_posts/2024-06-02-slow.md',
      reason: expect.stringMatching(/^parser crashed: gave up after/),
    });
    expect((await library.query({ query: 'quantum' })).total).toBe(1);
  });
});
