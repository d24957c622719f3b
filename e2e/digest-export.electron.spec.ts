/**
 * The desktop shell end to end: export a digest PDF of a filtered timeline and print one article
 * to PDF, through the real preload, IPC handlers, print window and Chromium's PDF engine, then
 * read the PDFs back with `pdftotext`. Skipped where the Electron binary is not installed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  _electron as electron,
  expect,
  test,
  type ElectronApplication,
  type Page,
} from '@playwright/test';
import { findElectronBinary } from '../src/cli/electron-binary';
import type { IndexStatus } from '../src/shared/library-events';
import type { PostFilter, QueryResult } from '../src/shared/query';
import type { PrintOutcome, ReaderApi } from '../src/shared/reader-api';

const binary = findElectronBinary();
const POSTS = resolve('resources/posts');
const FILTER: PostFilter = { from: '2021-01-01' };

test.skip(!binary, 'the Electron binary is not installed (npx install-electron)');

let scratch: string;
let app: ElectronApplication;
let page: Page;

/** The page's global object, as the preload leaves it. */
type ReaderWindow = { readonly accordReader: ReaderApi };
/** Answers the next save dialog with `path`, as a person choosing a file would. */
async function answerSaveDialogWith(path: string): Promise<void> {
  await app.evaluate(({ dialog }, chosen) => {
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

test.beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'accord-e2e-electron-'));
  app = await electron.launch({
    executablePath: binary!,
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), resolve('.'), POSTS],
    env: {
      ...process.env,
      ACCORD_USER_DATA_DIR: join(scratch, 'user-data'),
      ACCORD_CACHE_DIR: join(scratch, 'cache'),
    },
  });
  page = await app.firstWindow();
  await expect
    .poll(
      async () =>
        (
          await page.evaluate(() =>
            (globalThis as unknown as ReaderWindow).accordReader.getStatus(),
          )
        ).state,
      {
        timeout: 30_000,
      },
    )
    .toBe('ready');
});

test.afterAll(async () => {
  await app?.close();
  await rm(scratch, { recursive: true, force: true });
});

test('the page gets the desktop API and the folder from the command line', async () => {
  // Functions given to page.evaluate run in the page: they can only use their argument.
  const status: IndexStatus = await page.evaluate(() =>
    (globalThis as unknown as ReaderWindow).accordReader.getStatus(),
  );
  expect(status.folder).toBe(POSTS);
  const capabilities = await page.evaluate(
    () => (globalThis as unknown as ReaderWindow).accordReader.capabilities,
  );
  expect(capabilities).toEqual({ shell: 'desktop', printToPdf: true, openFolder: true });
});

test('exports a digest PDF of the filtered timeline: cover, contents, articles in timeline order', async () => {
  const result: QueryResult = await page.evaluate(
    (filter) => (globalThis as unknown as ReaderWindow).accordReader.query(filter),
    FILTER,
  );
  const titles = result.entries.map((entry) => entry.title.replace(/\s+/g, ' '));
  expect(titles.length).toBeGreaterThan(1);

  const target = join(scratch, 'digest.pdf');
  await answerSaveDialogWith(target);
  const outcome: PrintOutcome = await page.evaluate(
    (filter) => (globalThis as unknown as ReaderWindow).accordReader.exportDigestPdf(filter),
    FILTER,
  );
  expect(outcome).toEqual({ kind: 'saved', path: target });
  expect((await readdir(scratch)).filter((name) => name.endsWith('.pdf'))).toEqual(['digest.pdf']);

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

test('prints one article to PDF with its title, date and a page footer', async () => {
  const singapore =
    'media/press-releases/_posts/2024-11-20-singapore-and-the-european-union-agree-to-strengthen-collaboration-on-ai-safety.md';
  const target = join(scratch, 'article.pdf');
  await answerSaveDialogWith(target);
  const outcome: PrintOutcome = await page.evaluate(
    (id) => (globalThis as unknown as ReaderWindow).accordReader.printToPdf(id),
    singapore,
  );
  expect(outcome).toEqual({ kind: 'saved', path: target });

  const text = pdfText(target).join(' ');
  expect(text).toContain(
    'Singapore and the European Union Agree to Strengthen Collaboration on AI Safety',
  );
  expect(text).toContain('20 November 2024');
  expect(text).toMatch(/page 1 of \d+/);
});
