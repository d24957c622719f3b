import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { PostSummary } from '@shared/post';
import { makeSummary } from './__fixtures__/test-summary';
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
    const summary = makeSummary(relativePath, {
      title: `Post ${i}`,
      areas: ['Information Exchange', 'Joint Testing and Evaluations'],
      category: 'Press Releases',
    });
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

describe('post records, replaced by a cache load', () => {
  it('take the cached records in steps and switch to them only after the last step', () => {
    const records = new PostRecords((relativePath) => `/folder/${relativePath}`);
    records.apply(resultsFromAWorker().slice(0, 1), []);
    const before = records.visibleSummaries();
    const cached = resultsFromAWorker().map((result) => ({
      relativePath: result.relativePath,
      size: result.size,
      mtimeMs: result.mtimeMs,
      summary: result.kind === 'post' ? result.summary : null,
    }));
    const steps = records.resetSteps(cached);
    let pauses = 0;
    for (let next = steps.next(); !next.done; next = steps.next()) {
      pauses += 1;
      // Between steps a query still sees the records as they were, never half of the cache.
      expect(records.ids()).toEqual([`${folderPrefix}/2024-01-01-post-0.md`]);
      expect(records.currentVisibleSummaries()).toBe(before);
    }
    expect(pauses).toBeGreaterThan(0);
    expect(records.ids()).toHaveLength(POSTS);
    expect(records.get(`${folderPrefix}/2024-01-01-post-7.md`)?.summary?.title).toBe('Post 7');
    expect(records.visibleSummaries()).toHaveLength(POSTS);
  });
});

describe('post records, edits that leave the visible posts alone', () => {
  const summary = (id: string, fields: Partial<PostSummary> = {}): PostSummary =>
    makeSummary(id, { permalink: `/${id}/`, ...fields });
  const result = (id: string, fields: Partial<PostSummary> = {}, mtimeMs = 1): FileIndexResult => ({
    kind: 'post',
    relativePath: id,
    size: 1,
    mtimeMs,
    summary: summary(id, fields),
  });

  function recordsWith(...ids: string[]) {
    const records = new PostRecords((relativePath) => `/folder/${relativePath}`);
    records.apply(
      ids.map((id) => result(id)),
      [],
    );
    return { records, visible: records.visibleSummaries() };
  }

  it('tell which summaries an edit replaced, batch after batch', () => {
    const { records, visible } = recordsWith('a.md', 'b.md', 'c.md');
    records.apply([result('b.md', { title: 'B, revised' }, 2)], []);
    records.apply([result('b.md', { title: 'B, revised again' }, 3)], []);
    const now = records.visibleSummaries();
    expect(now).not.toBe(visible);
    expect(now.map((post) => post.title)).toEqual(['a.md', 'B, revised again', 'c.md']);
    const replacements = records.replacementsSince(visible)!;
    expect(replacements.map(({ after }) => after.title)).toEqual([
      'B, revised',
      'B, revised again',
    ]);
    expect(replacements[0]!.before).toBe(visible[1]);
    expect(replacements[1]!.before).toBe(replacements[0]!.after);
    // Caught up: nothing has been replaced since the current list.
    expect(records.replacementsSince(now)).toEqual([]);
  });

  it('tell nothing when posts appear, go, change permalink or contest one', () => {
    const changes: [string, (records: PostRecords) => void][] = [
      ['a new post', (records) => records.apply([result('d.md')], [])],
      ['a removed post', (records) => records.apply([], ['a.md'])],
      ['a new permalink', (records) => records.apply([result('a.md', { permalink: '/x/' })], [])],
      [
        'a skipped file',
        (records) =>
          records.apply(
            [{ kind: 'skipped', relativePath: 'a.md', reason: 'empty', size: 0, mtimeMs: 2 }],
            [],
          ),
      ],
    ];
    for (const [what, change] of changes) {
      const { records, visible } = recordsWith('a.md', 'b.md');
      change(records);
      expect(records.replacementsSince(visible), what).toBeNull();
    }
    // Two files sharing a permalink: the newer wins, so an edit may change which one shows.
    const { records, visible } = recordsWith('a.md');
    records.apply([result('a-copy.md', { permalink: '/a.md/' })], []);
    const contested = records.visibleSummaries();
    expect(records.replacementsSince(visible)).toBeNull();
    records.apply([result('a.md', { title: 'A, revised' }, 5)], []);
    expect(records.replacementsSince(contested)).toBeNull();
    expect(records.visibleSummaries().map((post) => post.title)).toEqual(['A, revised']);
  });
});

describe('post records, visible posts derived ahead of need', () => {
  const result = (id: string, permalink = `/${id}/`): FileIndexResult => ({
    kind: 'post',
    relativePath: id,
    size: 1,
    mtimeMs: 1,
    summary: makeSummary(id, { permalink }),
  });
  const many = (count: number) => Array.from({ length: count }, (_, i) => result(`p-${i}.md`));

  it('derive them a step per task, the same as at once, duplicates resolved', async () => {
    const records = new PostRecords((relativePath) => `/folder/${relativePath}`);
    records.apply([...many(6000), result('copy.md', '/p-1.md/')], []);
    expect(records.currentVisibleSummaries()).toBeNull();
    let between = false;
    const preparing = records.prepare();
    setImmediate(() => (between = true));
    await preparing;
    expect(between).toBe(true);
    const prepared = records.currentVisibleSummaries();
    expect(prepared).toHaveLength(6000);
    // Derived once: what a reader asks for now is the prepared list itself.
    expect(records.visibleSummaries()).toBe(prepared);
    expect(records.duplicates()).toHaveLength(1);
  });

  it('drop what they derived when the posts change meanwhile', async () => {
    const records = new PostRecords((relativePath) => `/folder/${relativePath}`);
    records.apply(many(6000), []);
    const preparing = records.prepare();
    setImmediate(() => records.apply([result('new.md')], []));
    await preparing;
    expect(records.currentVisibleSummaries()).toBeNull();
    expect(records.visibleSummaries()).toHaveLength(6001);
  });
});
