/**
 * Hardening (issue 7), files and folders: what a posts folder can hold that a press office never
 * meant to put there. Each test opens a real library on a temp folder.
 */
import { mkdir, open as openFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempFolder, postText, type TempFolder, waitFor } from './__fixtures__/temp-folder';
import { openLibrary, type OpenLibraryOptions } from './library';
import type { LibraryService } from './library-service';

let posts: TempFolder;
const opened: LibraryService[] = [];

beforeEach(async () => {
  posts = await createTempFolder('accord-hardening-');
});
// Closing saves the cache, and one test leaves 100,000 files to delete: on a busy machine (the
// whole suite running) that took longer than the default 10 s.
afterEach(async () => {
  await Promise.all(opened.splice(0).map((library) => library.close()));
  await posts.remove();
}, 60_000);

async function open(options: Partial<OpenLibraryOptions> = {}): Promise<LibraryService> {
  const library = await openLibrary({
    folder: posts.path,
    cacheDir: null,
    watch: false,
    ...options,
  });
  opened.push(library);
  await library.whenReady();
  return library;
}

const ids = async (library: LibraryService) =>
  (await library.query({})).entries.map((entry) => entry.id).sort();

describe('a 100 MB file', () => {
  const sizeProbe = new URL('./__fixtures__/size-probe-parser.ts', import.meta.url).href;

  it('is skipped by its size, quickly and without being read', async () => {
    await posts.write('_posts/2024-01-01-normal.md', postText({ title: 'Normal neighbour' }));
    const huge = await posts.write('_posts/2024-01-02-huge.md', postText({ title: 'Huge' }));
    // Sparse: 100 MB long on paper, a few bytes on disk, so the test costs nothing to set up.
    const handle = await openFile(huge, 'r+');
    await handle.truncate(100 * 1024 * 1024);
    await handle.close();

    const started = Date.now();
    // The probe parser reports any file over 5 MB it is handed: the library must not read it.
    const library = await open({ parserModule: sizeProbe, shardCount: 1 });
    const report = await library.check();
    expect(report.skipped).toEqual([
      { path: '_posts/2024-01-02-huge.md', reason: 'larger than 5 MB' },
    ]);
    expect(await ids(library)).toEqual(['_posts/2024-01-01-normal.md']);
    expect(await library.getPost('_posts/2024-01-02-huge.md')).toBeNull();
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('files that are not text', () => {
  it('skips UTF-16, invalid UTF-8 and NUL bytes with a reason, and still reads the rest', async () => {
    await posts.write('_posts/2024-01-01-normal.md', postText({ title: 'Normal neighbour' }));
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(postText({ title: 'Wide' }), 'utf16le'),
    ]);
    await posts.write('_posts/2024-01-02-utf16.md', utf16);
    await posts.write(
      '_posts/2024-01-03-latin1.md',
      Buffer.from('---\ntitle: Caf\xe9\n---\n', 'latin1'),
    );
    await posts.write('_posts/2024-01-04-nul.md', Buffer.from('---\ntitle: A\n---\nx\u0000y'));
    await posts.write(
      '_posts/2024-01-05-deep.html',
      `---\ntitle: Deep\n---\n${'<div>'.repeat(10_000)}Deep text${'</div>'.repeat(10_000)}`,
    );
    const library = await open();
    const report = await library.check();
    expect(report.skipped).toEqual([
      { path: '_posts/2024-01-02-utf16.md', reason: expect.stringMatching(/^not UTF-8 text/) },
      { path: '_posts/2024-01-03-latin1.md', reason: expect.stringMatching(/^not UTF-8 text/) },
      { path: '_posts/2024-01-04-nul.md', reason: expect.stringMatching(/NUL/) },
    ]);
    expect(await ids(library)).toEqual([
      '_posts/2024-01-01-normal.md',
      '_posts/2024-01-05-deep.html',
    ]);
    // The 10,000-level body is read as text, and the post says why it looks plain.
    expect(report.warnings.map((warning) => warning.path)).toContain('_posts/2024-01-05-deep.html');
    expect((await library.query({ query: 'deep text' })).total).toBe(1);
  });
});

describe('file and folder names', () => {
  // Written as a person's file manager would: any script, spaces, colons, percent escapes that
  // must never be decoded, emoji outside the BMP, and a decomposed accent.
  const names = [
    '2024-01-01-协议 签署.md',
    '2024-01-02-اتفاقية التعاون.md',
    '2024-01-03-соглашение: часть 1.md',
    '2024-01-04-a%20b%2Fc%2e%2e.md',
    '2024-01-05-🤝 handshake.md',
    '2024-01-06-समझौता.md',
    '2024-01-07-cafe\u0301 deux.md',
    '2024-01-08-100% sure #1 & more.md',
  ];

  /** One distinct word per file, far apart in spelling so fuzzy search cannot confuse them. */
  const words = [
    'albatross',
    'bicycle',
    'chrysanthemum',
    'dolphin',
    'eucalyptus',
    'flamingo',
    'gondola',
    'harpsichord',
  ];

  it('indexes every file under its exact name, searchable and readable', async () => {
    for (const [index, name] of names.entries()) {
      await posts.write(`_posts/${name}`, postText({ title: `The ${words[index]} agreement` }));
    }
    const library = await open();
    expect(await ids(library)).toEqual(names.map((name) => `_posts/${name}`).sort());
    for (const [index, name] of names.entries()) {
      const id = `_posts/${name}`;
      expect((await library.getPost(id))?.title).toBe(`The ${words[index]} agreement`);
      const found = await library.query({ query: words[index] });
      expect(found.entries.map((entry) => entry.id)).toEqual([id]);
    }
    // A `%2F` in a name is three characters, never a slash: it cannot reach another folder.
    expect(await library.getPost('_posts/2024-01-04-a b/c...md')).toBeNull();
  });

  it('reads a folder whose own path has spaces, accents, CJK and a percent sign', async () => {
    const awkward = join(posts.path, 'Press releases — café 東京 100%20 (final)');
    await mkdir(join(awkward, '_posts'), { recursive: true });
    await posts.write(
      'Press releases — café 東京 100%20 (final)/_posts/2024-02-01-a.md',
      postText({ title: 'Awkward folder post', body: '<p>Text <img src="/images/logo.png"></p>' }),
    );
    await posts.write('Press releases — café 東京 100%20 (final)/images/logo.png', 'png');
    const library = await openLibrary({ folder: awkward, cacheDir: null, watch: false });
    opened.push(library);
    await library.whenReady();
    expect(library.status()).toMatchObject({
      state: 'ready',
      folderName: 'Press releases — café 東京 100%20 (final)',
    });
    expect((await library.getPost('_posts/2024-02-01-a.md'))?.title).toBe('Awkward folder post');
    expect(await library.resolveAsset('_posts/2024-02-01-a.md', '/images/logo.png')).toBe(
      join(awkward, 'images', 'logo.png'),
    );
  });

  it('follows a case-only rename while watching', async () => {
    await posts.write('_posts/2024-03-01-Renamed-Post.md', postText({ title: 'Case only' }));
    const library = await open({ watch: true, watchStartDelayMs: 0, presenceIntervalMs: 100 });
    expect(await ids(library)).toEqual(['_posts/2024-03-01-Renamed-Post.md']);
    await rename(
      join(posts.path, '_posts', '2024-03-01-Renamed-Post.md'),
      join(posts.path, '_posts', '2024-03-01-renamed-post.md'),
    );
    await waitFor('the renamed id', async () => {
      const current = await ids(library);
      return current.length === 1 && current[0] === '_posts/2024-03-01-renamed-post.md';
    });
    expect((await library.getPost('_posts/2024-03-01-renamed-post.md'))?.title).toBe('Case only');
    expect(await library.getPost('_posts/2024-03-01-Renamed-Post.md')).toBeNull();
  });
});

describe('bursts', () => {
  it('matches a fresh scan after 5,000 files are created and half of them deleted', async () => {
    await posts.write('_posts/2020-01-01-before.md', postText({ title: 'Earlier post' }));
    const library = await open({
      watch: true,
      watchStartDelayMs: 0,
      presenceIntervalMs: 100,
      shardCount: 2,
    });
    const count = 5_000;
    const name = (index: number) => `_posts/2023-06-01-burst-${index}.md`;
    for (let start = 0; start < count; start += 250) {
      await Promise.all(
        Array.from({ length: Math.min(250, count - start) }, (_, offset) =>
          posts.write(name(start + offset), postText({ title: `Burst ${start + offset}` })),
        ),
      );
    }
    // Delete every other file while the watcher may still be busy with the creations.
    for (let start = 0; start < count; start += 500) {
      await Promise.all(
        Array.from({ length: 250 }, (_, offset) =>
          rm(join(posts.path, ...name(start + offset * 2).split('/'))),
        ),
      );
    }
    const fresh = await openLibrary({ folder: posts.path, cacheDir: null, watch: false });
    opened.push(fresh);
    await fresh.whenReady();
    const expected = await ids(fresh);
    expect(expected).toHaveLength(count / 2 + 1);
    await waitFor(
      'the watched index to match a fresh scan',
      async () =>
        library.status().state === 'ready' &&
        JSON.stringify(await ids(library)) === JSON.stringify(expected),
      60_000,
    );
    // Search agrees with the list: removed files are gone from the shards too.
    expect((await library.query({ query: 'burst' })).total).toBe(count / 2);
    expect((await library.query({ query: 'burst' })).total).toBe(
      (await fresh.query({ query: 'burst' })).total,
    );
  }, 120_000);
});

describe('100,000 tiny files', () => {
  // About 30 s on two cores, most of it creating and deleting the files; the index itself takes
  // about 12 s. Files outside any `_posts` folder, a thousand per sub-folder.
  it('indexes all of them with watch off', async () => {
    const count = 100_000;
    for (let start = 0; start < count; start += 1_000) {
      await Promise.all(
        Array.from({ length: 1_000 }, (_, offset) =>
          posts.write(
            `tiny/${Math.floor((start + offset) / 1_000)}/${start + offset}.md`,
            `x${start + offset}`,
          ),
        ),
      );
    }
    const started = Date.now();
    const library = await open({ shardCount: 2 });
    expect(library.status().state).toBe('ready');
    expect((await library.query({})).total).toBe(count);
    expect((await library.check()).skipped).toEqual([]);
    expect(Date.now() - started).toBeLessThan(90_000);
  }, 240_000);
});
