import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { utimes, writeFile } from 'node:fs/promises';
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
let cache: TempFolder;

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
});
afterAll(async () => {
  await posts.remove();
  await messy.remove();
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
