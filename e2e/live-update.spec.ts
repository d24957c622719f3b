import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AccordServe } from './support/accord-serve';
import { SAMPLE } from './support/sample-posts';
import { expect, test } from './reader-test';

/** A post file as an editor would write it. */
function postFile(title: string, date: string, body: string): string {
  return `---\ntitle: ${title}\ndate: ${date}\nlayout: post\n---\n<p>${body}</p>\n`;
}

/** Writes next to the target, then renames over it: how editors save without a torn file. */
async function atomicWrite(path: string, content: string): Promise<void> {
  const temp = `${path}.tmp-${process.pid}`;
  await writeFile(temp, content);
  await rename(temp, path);
}

function logLatency(what: string, started: number): void {
  console.log(`live: ${what} reached the screen in ${Math.round(performance.now() - started)} ms`);
}

const POSTS = 'media/press-releases/_posts';

/** What the server itself reports, for failure messages (the desktop shell has no server). */
async function describeServerCount(server: AccordServe | null): Promise<string> {
  if (!server) return 'desktop shell: no server to ask';
  const headers = { 'content-type': 'application/json', 'x-accord-token': server.token };
  const ask = async (method: string, body: object): Promise<unknown> =>
    (
      await fetch(`${server.origin}/api/${method}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
      })
    ).json();
  const result = (await ask('query', { filter: {} })) as { total: number; generation: number };
  const status = await ask('getStatus', {});
  return `the server counts ${result.total} posts at generation ${result.generation}; status ${JSON.stringify(status)}`;
}

test.describe('live updates', () => {
  test('a new file appears in the timeline', async ({
    app,
    postsFolder,
    expectedFolderChanges,
  }) => {
    const relative = `${POSTS}/2027-01-15-live-added-release.md`;
    expectedFolderChanges.add(relative);
    const before = await app.postCount();
    const generation = await app.generation();
    const started = performance.now();
    await writeFile(
      join(postsFolder, relative),
      postFile('A Release Added While Reading', '2027-01-15', 'Fresh news.'),
    );
    await expect(app.timeline.row('A Release Added While Reading')).toBeVisible({
      timeout: 30_000,
    });
    logLatency('an added file', started);
    await app.expectPostCount(before + 1);
    expect(await app.generation()).toBeGreaterThan(generation);
  });

  test('an edited title changes in the timeline', async ({
    app,
    postsFolder,
    expectedFolderChanges,
  }) => {
    const relative = `${SAMPLE.seed.id}`;
    expectedFolderChanges.add(relative);
    const path = join(postsFolder, relative);
    const original = await readFile(path, 'utf8');
    const started = performance.now();
    await writeFile(
      path,
      original.replace(`title: ${SAMPLE.seed.title}`, 'title: A Retitled Seed Release'),
    );
    await expect(app.timeline.row('A Retitled Seed Release')).toBeVisible({ timeout: 30_000 });
    logLatency('an edited title', started);
    await expect(app.timeline.row(SAMPLE.seed.title)).toHaveCount(0);
  });

  test('an atomic save of the open post refreshes the article in place', async ({
    app,
    postsFolder,
    expectedFolderChanges,
  }) => {
    expectedFolderChanges.add(SAMPLE.seed.id);
    await app.timeline.open(SAMPLE.seed.title);
    const path = join(postsFolder, SAMPLE.seed.id);
    const original = await readFile(path, 'utf8');
    const started = performance.now();
    await atomicWrite(
      path,
      original.replace(
        '<p>5. Minister Teo',
        '<p>A sentence added by an editor just now.</p>\n<p>5. Minister Teo',
      ),
    );
    await expect(app.article.root).toContainText('A sentence added by an editor just now.', {
      timeout: 30_000,
    });
    logLatency('an atomic save of the open post', started);
    await expect(app.article.title).toHaveText(SAMPLE.seed.title);
    await expect(app.timeline.selectedRow).toHaveAttribute(
      'aria-label',
      new RegExp(`^${SAMPLE.seed.title}`),
    );
  });

  test('deleting the open post says so', async ({ app, postsFolder, expectedFolderChanges }) => {
    expectedFolderChanges.add(SAMPLE.seed.id);
    await app.timeline.open(SAMPLE.seed.title);
    const before = await app.postCount();
    const started = performance.now();
    await rm(join(postsFolder, SAMPLE.seed.id));
    await expect(app.article.deletedNotice).toBeVisible({ timeout: 30_000 });
    logLatency('a deletion', started);
    await app.expectPostCount(before - 1);
  });

  test('a burst of 500 files in a new subfolder all reach the screen', async ({
    app,
    server,
    postsFolder,
    expectedFolderChanges,
  }) => {
    test.setTimeout(120_000);
    const subfolder = 'media/burst/_posts/';
    expectedFolderChanges.add('media/burst');
    expectedFolderChanges.add('media/burst/');
    const before = await app.postCount();
    const started = performance.now();
    await mkdir(join(postsFolder, subfolder), { recursive: true });
    await Promise.all(
      Array.from({ length: 500 }, (_, index) => {
        const day = String((index % 28) + 1).padStart(2, '0');
        const title = `Burst Release Number ${index + 1}`;
        return writeFile(
          join(postsFolder, subfolder, `2027-02-${day}-burst-${index + 1}.md`),
          postFile(title, `2027-02-${day}`, `Burst body ${index + 1}.`),
        );
      }),
    );
    await app.expectPostCount(before + 500, 60_000).catch(async (error: Error) => {
      // Say whether the index or the page fell behind, so the failure points at the right part.
      throw new Error(`${error.message}\n${await describeServerCount(server)}`);
    });
    logLatency('a burst of 500 files', started);
    await app.searchFor('burst');
    await app.expectPostCount(500);
  });
});
