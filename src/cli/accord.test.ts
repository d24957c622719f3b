import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readdir, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempFolder, postText, type TempFolder } from '../core/__fixtures__/temp-folder';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const entry = fileURLToPath(new URL('./accord.ts', import.meta.url));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

let posts: TempFolder;
let messy: TempFolder;
let filters: TempFolder;
let cache: TempFolder;

/** stderr without the progress lines printed when indexing takes over a second. */
function quietStderr(run: Pick<Run, 'stderr'>): string {
  return run.stderr.replace(/^Indexing [\d,]+ of [\d,]+…\n/gm, '');
}

/** The ids `accord list --json` printed. */
function listedIds(run: Run): string[] {
  return (json(run).posts as { id: string }[]).map((post) => post.id);
}

function accord(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
      cwd: repoRoot,
      env: { ...process.env, ACCORD_CACHE_DIR: cache.path },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Runs the command line as `accord … | head -c N` would: stdout is closed after its first chunk
 * arrives, while the command still has output to write.
 */
function accordReadingOneChunk(...args: string[]): Promise<Omit<Run, 'stdout'>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
      cwd: repoRoot,
      env: { ...process.env, ACCORD_CACHE_DIR: cache.path },
    });
    let stderr = '';
    child.stdout.once('data', () => child.stdout.destroy());
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/** Exactly one JSON object on stdout. */
function json(run: Run): Record<string, unknown> {
  const lines = run.stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as Record<string, unknown>;
}

beforeAll(async () => {
  cache = await createTempFolder('accord-cli-cache-');
  posts = await createTempFolder('accord-cli-posts-');
  await posts.write(
    '_posts/2024-03-01-quantum.md',
    postText({
      title: 'Quantum research programme',
      date: '2024-03-01',
      permalink: '/quantum/',
      extra: 'areas: [Quantum Computing]\ncategory: Press Releases',
    }),
  );
  await posts.write(
    '_posts/2023-05-02-cyber.md',
    postText({
      title: 'Cybersecurity memorandum',
      date: '2023-05-02',
      permalink: '/cyber/',
      extra: 'areas: [Cybersecurity]\ncategory: Press Releases',
    }),
  );
  messy = await createTempFolder('accord-cli-messy-');
  await messy.write('a.md', postText({ title: 'Kept', date: '2024-01-01', permalink: '/same/' }));
  await messy.write('b.md', postText({ title: 'Copy', date: '2024-01-01', permalink: '/same' }));
  await messy.write('empty.md', '');
  // b.md is the older copy of the permalink, so a.md is the one listed.
  const past = new Date('2020-01-01');
  await utimes(join(messy.path, 'b.md'), past, past);

  filters = await createTempFolder('accord-cli-filters-');
  const filterPosts: [string, string, string][] = [
    [
      '2024-06-01-smart',
      'Smart city pilot',
      'areas: [Smart Cities, Cybersecurity]\ncategory: Media Releases',
    ],
    ['2023-09-10-drill', 'Cyber drill', 'areas: [Cyber Security]\ncategory: Speeches'],
    ['2022-02-02-data', 'City data', 'areas: [Smart Cities]\ncategory: Media Releases'],
    // One area written three ways, in three posts.
    ['2021-01-01-trade-tag', 'Trade tag', 'tags: [trade]'],
    ['2020-01-01-trade-title', 'Trade title case', 'areas: [Trade]'],
    ['2019-01-01-trade-caps', 'Trade capitals', 'areas: [TRADE]'],
  ];
  for (const [name, title, extra] of filterPosts) {
    await filters.write(`_posts/${name}.md`, postText({ title, date: name.slice(0, 10), extra }));
  }
});
afterAll(async () => {
  await posts.remove();
  await messy.remove();
  await filters.remove();
  await cache.remove();
});

describe('accord command line', () => {
  it('list --json prints one object with every post, newest first', async () => {
    const run = await accord('list', '--folder', posts.path, '--json');
    expect(run.code).toBe(0);
    // Only progress lines (printed when indexing takes over a second) may appear on stderr.
    expect(run.stderr.replace(/^Indexing [\d,]+ of [\d,]+…\n/gm, '')).toBe('');
    const output = json(run);
    expect(output.folder).toBe(posts.path);
    const listed = output.posts as Record<string, unknown>[];
    expect(listed.map((post) => post.id)).toEqual([
      '_posts/2024-03-01-quantum.md',
      '_posts/2023-05-02-cyber.md',
    ]);
    expect(Object.keys(listed[0]!)).toEqual([
      'id',
      'path',
      'title',
      'date',
      'areas',
      'category',
      'permalink',
      'layout',
      'external',
      'description',
      'warnings',
    ]);
  });

  it('list filters by date', async () => {
    const output = json(
      await accord('list', '--folder', posts.path, '--from', '2024-01-01', '--json'),
    );
    expect((output.posts as { id: string }[]).map((post) => post.id)).toEqual([
      '_posts/2024-03-01-quantum.md',
    ]);
  });

  it('list without --json prints an aligned table', async () => {
    const run = await accord('list', '--folder', posts.path);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^DATE\s+TITLE\s+AREAS$/);
    expect(lines[1]).toMatch(/^2024-03-01 {2}Quantum research programme/);
    expect(lines[1]!.indexOf('Quantum')).toBe(lines[0]!.indexOf('TITLE'));
  });

  it('search --json gives results best first with score and snippet text', async () => {
    const run = await accord('search', 'quantum', '--folder', posts.path, '--json');
    expect(run.code).toBe(0);
    const output = json(run);
    expect(output.query).toBe('quantum');
    expect(output.total).toBe(1);
    const [result] = output.results as Record<string, unknown>[];
    expect(Object.keys(result!)).toEqual([
      'id',
      'path',
      'title',
      'date',
      'areas',
      'score',
      'snippet',
    ]);
    expect(result!.id).toBe('_posts/2024-03-01-quantum.md');
    expect(typeof result!.score).toBe('number');
    expect(typeof result!.snippet).toBe('string');
  });

  it('search --limit gives every shown result its snippet and the full total', async () => {
    const many = await createTempFolder('accord-cli-many-');
    try {
      await Promise.all(
        Array.from({ length: 70 }, (_, index) =>
          many.write(
            `_posts/2024-01-${String((index % 28) + 1).padStart(2, '0')}-fisheries-${index}.md`,
            postText({ title: `Fisheries arrangement ${index}`, date: '2024-01-01' }),
          ),
        ),
      );
      const run = await accord(
        'search',
        'fisheries',
        '--folder',
        many.path,
        '--limit',
        '65',
        '--json',
      );
      const output = json(run);
      expect(output.total).toBe(70);
      const results = output.results as { snippet: string }[];
      expect(results).toHaveLength(65);
      for (const result of results) expect(result.snippet).toMatch(/Fisheries/);
    } finally {
      await many.remove();
    }
  });

  it('search with no match exits 0 with an empty list', async () => {
    const run = await accord('search', 'zebra', '--folder', posts.path, '--json');
    expect(run.code).toBe(0);
    expect(json(run)).toEqual({ query: 'zebra', total: 0, results: [] });
  });

  it('areas --json counts areas and categories', async () => {
    const output = json(await accord('areas', '--folder', posts.path, '--json'));
    expect(Object.keys(output)).toEqual(['areas', 'categories']);
    expect(output.categories).toEqual([{ name: 'Press Releases', count: 2 }]);
  });

  it('list --query keeps the timeline order: newest first, not best match first', async () => {
    const ranked = await createTempFolder('accord-cli-ranked-');
    try {
      await ranked.write(
        '_posts/2020-05-05-older.md',
        postText({
          title: 'Fisheries fisheries',
          date: '2020-05-05',
          body: '<p>Fisheries, fisheries and fisheries: the fisheries agreement on fisheries.</p>',
        }),
      );
      await ranked.write(
        '_posts/2024-05-05-newer.md',
        postText({
          title: 'Ocean accord',
          date: '2024-05-05',
          body: '<p>The accord also touches on fisheries.</p>',
        }),
      );
      // The older post is the better match: search puts it first…
      const search = json(await accord('search', 'fisheries', '--folder', ranked.path, '--json'));
      expect((search.results as { id: string }[]).map((result) => result.id)).toEqual([
        '_posts/2020-05-05-older.md',
        '_posts/2024-05-05-newer.md',
      ]);
      // …while list keeps its promise of newest first.
      const run = await accord('list', '--folder', ranked.path, '--query', 'fisheries', '--json');
      expect(run.code).toBe(0);
      expect(listedIds(run)).toEqual(['_posts/2024-05-05-newer.md', '_posts/2020-05-05-older.md']);
    } finally {
      await ranked.remove();
    }
  });

  it('list --area twice with --match all needs both; without it either', async () => {
    const all = await accord(
      'list',
      '--folder',
      filters.path,
      '--area',
      'Smart Cities',
      '--area',
      'Cybersecurity',
      '--match',
      'all',
      '--json',
    );
    expect(all.code).toBe(0);
    expect(listedIds(all)).toEqual(['_posts/2024-06-01-smart.md']);
    const any = await accord(
      'list',
      '--folder',
      filters.path,
      '--area',
      'Smart Cities',
      '--area',
      'Cybersecurity',
      '--json',
    );
    expect(listedIds(any)).toEqual([
      '_posts/2024-06-01-smart.md',
      '_posts/2023-09-10-drill.md',
      '_posts/2022-02-02-data.md',
    ]);
  });

  it('list --category keeps only posts in that category', async () => {
    const run = await accord('list', '--folder', filters.path, '--category', 'Speeches', '--json');
    expect(listedIds(run)).toEqual(['_posts/2023-09-10-drill.md']);
  });

  it('list --from and --to bound the dates, both inclusive', async () => {
    const run = await accord(
      'list',
      '--folder',
      filters.path,
      '--from',
      '2021-01-01',
      '--to',
      '2023-09-10',
      '--json',
    );
    expect(listedIds(run)).toEqual([
      '_posts/2023-09-10-drill.md',
      '_posts/2022-02-02-data.md',
      '_posts/2021-01-01-trade-tag.md',
    ]);
  });

  it('areas counts under the other filters', async () => {
    const output = json(
      await accord('areas', '--folder', filters.path, '--category', 'Media Releases', '--json'),
    );
    expect(output.areas).toEqual([
      { name: 'Smart Cities', count: 2 },
      { name: 'Cybersecurity', count: 1 },
    ]);
    // Categories are counted ignoring the category filter, so the others still show.
    expect(output.categories).toEqual([
      { name: 'Media Releases', count: 2 },
      { name: 'Speeches', count: 1 },
    ]);
  });

  it('one area written in different letter case in different posts is one area', async () => {
    const areas = json(await accord('areas', '--folder', filters.path, '--json')).areas as {
      name: string;
      count: number;
    }[];
    expect(areas.filter((area) => area.name.toLowerCase() === 'trade')).toEqual([
      { name: 'Trade', count: 3 },
    ]);
    const run = await accord('list', '--folder', filters.path, '--area', 'trade', '--json');
    expect(listedIds(run)).toEqual([
      '_posts/2021-01-01-trade-tag.md',
      '_posts/2020-01-01-trade-title.md',
      '_posts/2019-01-01-trade-caps.md',
    ]);
    expect((json(run).posts as { areas: string[] }[]).map((post) => post.areas)).toEqual([
      ['Trade'],
      ['Trade'],
      ['Trade'],
    ]);
  });

  it.each([
    [
      ['--area', 'smart cities'],
      ['_posts/2024-06-01-smart.md', '_posts/2022-02-02-data.md'],
    ],
    [
      ['--area', 'cyber security'],
      ['_posts/2024-06-01-smart.md', '_posts/2023-09-10-drill.md'],
    ],
    [
      ['--area', ' SMART  CITIES. '],
      ['_posts/2024-06-01-smart.md', '_posts/2022-02-02-data.md'],
    ],
    [
      ['--category', 'media releases'],
      ['_posts/2024-06-01-smart.md', '_posts/2022-02-02-data.md'],
    ],
  ])('list %j forgives letter case, spacing and aliases', async (args, expected) => {
    const run = await accord('list', '--folder', filters.path, ...args, '--json');
    expect(run.code).toBe(0);
    expect(quietStderr(run)).toBe('');
    expect(listedIds(run)).toEqual(expected);
  });

  it('names an --area or --category no post has on one stderr line, still exiting 0', async () => {
    const run = await accord(
      'list',
      '--folder',
      filters.path,
      '--area',
      'Smart Cities',
      '--area',
      'Moon Base',
      '--json',
    );
    expect(run.code).toBe(0);
    expect(quietStderr(run)).toBe('accord: no area named "Moon Base"; see accord areas\n');
    expect(listedIds(run)).toEqual(['_posts/2024-06-01-smart.md', '_posts/2022-02-02-data.md']);

    const areas = await accord(
      'areas',
      '--folder',
      filters.path,
      '--area',
      'moon base',
      '--category',
      'Op-Eds',
      '--json',
    );
    expect(areas.code).toBe(0);
    expect(quietStderr(areas)).toBe(
      'accord: no area named "moon base", no category named "Op-Eds"; see accord areas\n',
    );
    expect(json(areas).areas).toEqual([{ name: 'Moon Base', count: 0 }]);
  });

  it('list says whether the folder is empty or the filters match nothing', async () => {
    const empty = await createTempFolder('accord-cli-empty-');
    try {
      const run = await accord('list', '--folder', empty.path);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe('No posts in this folder.\n');
      const filtered = await accord('list', '--folder', empty.path, '--from', '2024-01-01');
      expect(filtered.stdout).toBe('No posts match.\n');
    } finally {
      await empty.remove();
    }
  });

  it('ends quietly when the reader of its output stops early, and still saves the cache', async () => {
    const large = await createTempFolder('accord-cli-large-');
    const ownCache = await createTempFolder('accord-cli-own-cache-');
    try {
      // Far more output than a pipe holds (64 KiB): over 1 MB of JSON, over 150 kB of table.
      const description = 'An agreement on cooperation in many fields of shared interest. '.repeat(
        8,
      );
      await Promise.all(
        Array.from({ length: 1200 }, (_, index) =>
          large.write(
            `_posts/2024-02-${String((index % 28) + 1).padStart(2, '0')}-agreement-${index}.md`,
            postText({
              title: `Agreement number ${index} on cooperation between the two parties, in full detail`,
              extra: `description: ${description}\nareas: [Cooperation Area With A Rather Long Name Number ${index}]`,
            }),
          ),
        ),
      );
      const folderArgs = ['--folder', large.path, '--cache-dir', ownCache.path];
      for (const format of [['--json'], []]) {
        const run = await accordReadingOneChunk('list', ...folderArgs, ...format);
        expect(quietStderr(run)).not.toMatch(/EPIPE|^\s+at /m);
        expect(quietStderr(run)).toBe('');
        expect(run.code).toBe(0);
      }
      // The library was closed and its cache written despite the closed pipe…
      const [cacheDir] = await readdir(ownCache.path);
      expect(cacheDir).toBeDefined();
      const manifest = join(ownCache.path, cacheDir!, 'manifest.json');
      const written = (await stat(manifest)).mtimeMs;
      // …and a later run starts warm from it: nothing to reindex, so nothing is rewritten.
      const again = await accord('list', ...folderArgs, '--json');
      expect((json(again).posts as unknown[]).length).toBe(1200);
      expect((await stat(manifest)).mtimeMs).toBe(written);
    } finally {
      await large.remove();
      await ownCache.remove();
    }
  }, 60_000);

  it('check exits 0 on a clean folder and 1 with findings, as one JSON object', async () => {
    const clean = await accord('check', '--folder', posts.path, '--json');
    expect(clean.code).toBe(0);
    expect(json(clean)).toMatchObject({ posts: 2, skipped: [], warnings: [], duplicates: [] });

    const run = await accord('check', '--folder', messy.path, '--json');
    expect(run.code).toBe(1);
    const report = json(run);
    expect(report.duplicates).toEqual([{ permalink: '/same', kept: 'a.md', ignored: ['b.md'] }]);
    expect((report.skipped as { path: string }[]).map((file) => file.path)).toEqual(['empty.md']);
  });

  it('check counts a hidden duplicate apart from the posts list shows', async () => {
    const run = await accord('check', '--folder', messy.path);
    expect(run.stdout.split('\n')[0]).toBe(
      `2 post files read in ${messy.path}: 1 post listed, 1 duplicate hidden`,
    );
    expect(listedIds(await accord('list', '--folder', messy.path, '--json'))).toEqual(['a.md']);
  });

  it('--aliases merges a user alias table over the shipped one', async () => {
    const aliasFile = join(cache.path, 'my-aliases.json');
    await writeFile(aliasFile, JSON.stringify({ 'quantum computing': 'Quantum Technologies' }));
    const run = await accord('areas', '--json', '--folder', posts.path, '--aliases', aliasFile);
    const names = (json(run).areas as { name: string }[]).map((area) => area.name);
    expect(names).toContain('Quantum Technologies');
    expect(names).not.toContain('Quantum Computing');
  });

  it('names an unreadable alias file on one stderr line and exits 1', async () => {
    const run = await accord(
      'areas',
      '--folder',
      posts.path,
      '--aliases',
      join(cache.path, 'nope.json'),
    );
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('nope.json');
  });

  it('names a missing folder on one stderr line and exits 1', async () => {
    const missing = join(posts.path, 'nowhere');
    const run = await accord('list', '--folder', missing, '--json');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`accord: folder not found: ${missing}\n`);
  });

  it.each([
    [['frobnicate'], /unknown command "frobnicate"/],
    [['list', '--colour'], /list: Unknown option '--colour'/],
    [['list', '--match', 'some'], /--match must be "any" or "all"/],
    [['list', '--from', '2024-13-01'], /--from must be a date written YYYY-MM-DD/],
    [['search'], /give the words to search for/],
    [['search', 'x', '--limit', '0'], /--limit must be a whole number/],
  ])('exits 2 with one line for a usage mistake: %j', async (args, message) => {
    const run = await accord(...args);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')).toHaveLength(2);
    expect(run.stderr).toMatch(/^accord: /);
    expect(run.stderr).toMatch(message);
  });

  it('prints help for each command', async () => {
    for (const command of ['list', 'search', 'areas', 'check']) {
      const run = await accord(command, '--help');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: accord ${command}`));
    }
  });
});
