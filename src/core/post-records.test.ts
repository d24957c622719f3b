import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { PostSummary } from '@shared/post';
import { PostRecords } from './post-records';
import type { FileIndexResult } from './shard-protocol';

setFlagsFromString('--expose-gc');
/** A full collection, so heap sizes before and after compare live objects only. */
const collectGarbage = runInNewContext('gc') as () => void;

const POSTS = 4000;
/** Long enough that a copy of each post's path dominates what a post costs. */
const folderPrefix = `media/${'press-releases-and-statements/'.repeat(10)}_posts`;

/** Index results as a worker's message delivers them: every string its own copy. */
function resultsFromAWorker(): FileIndexResult[] {
  const results: FileIndexResult[] = [];
  for (let i = 0; i < POSTS; i += 1) {
    const relativePath = `${folderPrefix}/2024-01-01-post-${i}.md`;
    const summary: PostSummary = {
      id: relativePath,
      path: relativePath,
      title: `Post ${i}`,
      date: '2024-01-01',
      areas: ['Information Exchange', 'Joint Testing and Evaluations'],
      category: 'Press Releases',
      permalink: null,
      layout: 'post',
      external: null,
      description: '',
      warnings: [],
      readingMinutes: 1,
    };
    results.push({ kind: 'post', relativePath, size: 1, mtimeMs: 1, summary });
  }
  return structuredClone(results);
}

describe('post records', () => {
  it('keep one copy of each post path and of values many posts repeat', () => {
    const records = new PostRecords((relativePath) => `/folder/${relativePath}`);
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    records.apply(resultsFromAWorker(), []);
    collectGarbage();
    const perPost = (process.memoryUsage().heapUsed - before) / POSTS;
    const pathBytes = folderPrefix.length + 25;
    // The record, its summary and one copy of the path; three copies would be ~ 3 × pathBytes.
    expect(perPost).toBeLessThan(pathBytes + 700);
    expect(records.get(`${folderPrefix}/2024-01-01-post-7.md`)?.summary?.title).toBe('Post 7');
  });

  it('derive absolute paths instead of keeping them', () => {
    const records = new PostRecords((relativePath) => `/folder/${relativePath}`);
    records.apply(resultsFromAWorker().slice(0, 2), []);
    expect(records.postsOfShard(0, () => 0).map((file) => file.absolutePath)).toEqual([
      `/folder/${folderPrefix}/2024-01-01-post-0.md`,
      `/folder/${folderPrefix}/2024-01-01-post-1.md`,
    ]);
  });
});
