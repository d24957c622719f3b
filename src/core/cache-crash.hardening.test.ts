/**
 * Hardening (issue 7), cache: a process killed with SIGKILL while it writes the index cache
 * leaves files the next start must either use correctly or rebuild from, silently. A child process
 * rewrites the cache continuously and is killed at a different moment in each round; after every
 * kill a new library on the same cache must answer exactly like a fresh scan without a cache.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempFolder, postText, type TempFolder } from './__fixtures__/temp-folder';
import { openLibrary } from './library';
import type { LibraryService } from './library-service';

const CHILD = fileURLToPath(new URL('./__fixtures__/cache-writer-child.ts', import.meta.url));
const TSX_LOADER = createRequire(import.meta.url).resolve('tsx');
const ROUNDS = 8;
const FILLERS = 100;

let posts: TempFolder;
let cache: TempFolder;
let child: ChildProcess | null = null;

beforeEach(async () => {
  posts = await createTempFolder('accord-crash-posts-');
  cache = await createTempFolder('accord-crash-cache-');
});
afterEach(async () => {
  child?.kill('SIGKILL');
  child = null;
  await posts.remove();
  await cache.remove();
});

/** Starts the cache-writing child and resolves once its library is ready. */
function startWriter(): Promise<ChildProcess> {
  const process_ = spawn(
    process.execPath,
    ['--import', TSX_LOADER, CHILD, posts.path, cache.path],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child = process_;
  let stderr = '';
  process_.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    process_.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      if (chunk.includes('ready')) resolve(process_);
    });
    process_.on('exit', (code) => reject(new Error(`writer exited early (${code}): ${stderr}`)));
  });
}

function killed(process_: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (process_.exitCode !== null || process_.signalCode !== null) resolve();
    else process_.once('exit', () => resolve());
  });
}

async function answers(library: LibraryService) {
  const all = await library.query({});
  const search = await library.query({ query: 'changing' });
  return {
    entries: all.entries.map((entry) => `${entry.id} ${entry.title}`),
    search: search.entries.map((entry) => entry.id),
    // The body text of the current version is searchable, not an old one from a stale shard.
    edit: (await library.getPost('_posts/2024-01-01-changing.md'))?.title ?? null,
  };
}

describe('a cache written by a process killed mid-write', () => {
  it(`is used or rebuilt correctly after SIGKILL at ${ROUNDS} different moments`, async () => {
    for (let index = 0; index < FILLERS; index += 1) {
      await posts.write(
        `_posts/2023-01-01-filler-${index}.md`,
        postText({ title: `Filler ${index}`, body: `<p>${'Agreement text. '.repeat(40)}</p>` }),
      );
    }
    const errors: string[] = [];
    /** Files each reopen had to index: few when the cache was used, all when it was rebuilt. */
    const reindexed: number[] = [];
    const originalError = console.error;
    console.error = (...parts: unknown[]) => errors.push(parts.join(' '));
    try {
      for (let round = 0; round < ROUNDS; round += 1) {
        const writer = await startWriter();
        // Spread the kills over the write cycle: right away, mid-way, after many rewrites.
        // (A deliberate pause: the moment of the kill is what varies, there is nothing to await.)
        const delay = (round * 61) % 350;
        await new Promise((resolve) => setTimeout(resolve, delay));
        writer.kill('SIGKILL');
        await killed(writer);
        child = null;

        const fresh = await openLibrary({ folder: posts.path, cacheDir: null, watch: false });
        const progress: number[] = [];
        const reopened = await openLibrary({
          folder: posts.path,
          cacheDir: cache.path,
          watch: false,
          shardCount: 2,
          onProgress: (_indexed, total) => progress.push(total),
        });
        try {
          await Promise.all([fresh.whenReady(), reopened.whenReady()]);
          expect(reopened.status(), `round ${round}`).toMatchObject({ state: 'ready' });
          expect(reopened.status().message, `round ${round}`).toBeUndefined();
          expect(await answers(reopened), `round ${round}`).toEqual(await answers(fresh));
          expect((await reopened.query({})).total).toBeGreaterThanOrEqual(FILLERS);
          reindexed.push(progress.at(-1) ?? 0);
        } finally {
          await Promise.all([fresh.close(), reopened.close()]);
        }
      }
    } finally {
      console.error = originalError;
    }
    expect(errors, 'the rebuild is silent').toEqual([]);
    // The child really did write caches the reopen could use (else this test proves nothing).
    expect(
      reindexed.some((count) => count < FILLERS),
      `reindexed per round: ${reindexed}`,
    ).toBe(true);
  }, 180_000);
});
