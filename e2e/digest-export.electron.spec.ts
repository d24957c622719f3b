/**
 * The desktop shell end to end: export a digest PDF of a filtered timeline and print one article
 * to PDF, through the real preload, IPC handlers, print window and Chromium's PDF engine, then
 * read the PDFs back with `pdftotext`. Runs in the electron project only (skipped, with its
 * reason, where the Electron binary is not installed), on the shared fixtures: a fresh copy of
 * the sample per test, byte-identical afterwards, and no request leaving the machine.
 */
import { execFileSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ElectronApplication, Page } from '@playwright/test';
import type { IndexStatus } from '../src/shared/library-events';
import type { PostFilter, QueryResult } from '../src/shared/query';
import type { PrintOutcome, ReaderApi } from '../src/shared/reader-api';
import { makeTempDir, removeDir } from './support/corpus';
import { SAMPLE } from './support/sample-posts';
import { expect, test } from './reader-test';

const FILTER: PostFilter = { from: '2021-01-01' };

/** The page's global object, as the preload leaves it. */
type ReaderWindow = { readonly accordReader: ReaderApi };

/** Answers the next save dialog with `path`, as a person choosing a file would. */
async function answerSaveDialogWith(electronApp: ElectronApplication, path: string): Promise<void> {
  await electronApp.evaluate(({ dialog }, chosen) => {
    dialog.showSaveDialog = (async () => ({
      canceled: false,
      filePath: chosen,
    })) as typeof dialog.showSaveDialog;
  }, path);
}

function pdfText(path: string): string[] {
  // -layout keeps lines together; pages are separated by form feeds.
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' })
    .split('\f')
    .map((pageText) => pageText.replace(/\s+/g, ' ').trim());
}

/** Functions given to `page.evaluate` run in the page: they reach the API through its global. */
function readerApi(page: Page) {
  return {
    status: (): Promise<IndexStatus> =>
      page.evaluate(() => (globalThis as unknown as ReaderWindow).accordReader.getStatus()),
    query: (filter: PostFilter): Promise<QueryResult> =>
      page.evaluate(
        (given) => (globalThis as unknown as ReaderWindow).accordReader.query(given),
        filter,
      ),
  };
}

let scratch: string;
test.beforeEach(async ({ shell }) => {
  test.skip(shell !== 'electron', 'PDF export through the desktop shell');
  scratch = await makeTempDir('pdf');
});
test.afterEach(async () => {
  if (scratch) await removeDir(scratch);
});

test('the page gets the desktop API and the folder from the command line', async ({
  app,
  postsFolder,
}) => {
  expect((await readerApi(app.page).status()).folder).toBe(postsFolder);
  const capabilities = await app.page.evaluate(
    () => (globalThis as unknown as ReaderWindow).accordReader.capabilities,
  );
  expect(capabilities).toEqual({ shell: 'desktop', printToPdf: true, openFolder: true });
});

test('exports a digest PDF of the filtered timeline: cover, contents, articles in timeline order', async ({
  app,
  electronApp,
}) => {
  const result = await readerApi(app.page).query(FILTER);
  const titles = result.entries.map((entry) => entry.title.replace(/\s+/g, ' '));
  expect(titles.length).toBeGreaterThan(1);

  const target = join(scratch, 'digest.pdf');
  await answerSaveDialogWith(electronApp!, target);
  const outcome: PrintOutcome = await app.page.evaluate(
    (filter) => (globalThis as unknown as ReaderWindow).accordReader.exportDigestPdf(filter),
    FILTER,
  );
  expect(outcome).toEqual({ kind: 'saved', path: target });
  expect(await readdir(scratch)).toEqual(['digest.pdf']);

  const pages = pdfText(target);
  expect(pages[0]).toContain('Accord Reader digest');
  expect(pages[0]).toContain('from 1 January 2021');
  const contents = pages[1]!;
  expect(contents).toContain('Contents');
  let cursor = -1;
  for (const title of titles) {
    const at = contents.indexOf(title, cursor + 1);
    expect(at, `"${title}" in the contents, after the previous title`).toBeGreaterThan(cursor);
    cursor = at;
  }
  // Each article starts a new page, in the same order.
  const articleStarts = titles.map((title) =>
    pages.findIndex((text, index) => index > 1 && text.includes(title)),
  );
  expect(articleStarts.every((index) => index > 1)).toBe(true);
  expect([...articleStarts].sort((a, b) => a - b)).toEqual(articleStarts);
  expect(new Set(articleStarts).size).toBe(titles.length);
});

test('prints one article to PDF with its title, date and a page footer', async ({
  app,
  electronApp,
}) => {
  const target = join(scratch, 'article.pdf');
  await answerSaveDialogWith(electronApp!, target);
  const outcome: PrintOutcome = await app.page.evaluate(
    (id) => (globalThis as unknown as ReaderWindow).accordReader.printToPdf(id),
    SAMPLE.seed.id,
  );
  expect(outcome).toEqual({ kind: 'saved', path: target });
  expect(await readdir(scratch)).toEqual(['article.pdf']);

  const text = pdfText(target).join(' ');
  expect(text).toContain(SAMPLE.seed.title);
  expect(text).toContain('20 November 2024');
  expect(text).toMatch(/page 1 of \d+/);
});
