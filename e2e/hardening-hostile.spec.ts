/**
 * Hardening (issue 7) in real Chromium: a folder of hostile posts (mutation-XSS payloads, markup
 * in titles, descriptions and areas, executable front matter, an awkward file name) runs nothing,
 * shows its harmless text, and a whole session (indexing, watching, searching, printing the
 * article and the digest) leaves the folder byte-identical with no request leaving 127.0.0.1.
 *
 * The corpus is `e2e/fixtures/hardening/`, copied to a temp folder per test; the shared
 * `postsFolder` fixture is replaced (same byte-identity check) because its corpus list is fixed.
 */
import { cp } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test as readerTest } from './reader-test';
import { digestSnapshot, makeTempDir, removeDir, snapshotFolder } from './support/corpus';

const HARDENING_CORPUS = resolve('e2e/fixtures/hardening');

const test = readerTest.extend({
  postsFolder: async ({ expectedFolderChanges }, use) => {
    const parent = await makeTempDir('hardening');
    const folder = join(parent, 'posts');
    await cp(HARDENING_CORPUS, folder, { recursive: true, verbatimSymlinks: true });
    const before = await snapshotFolder(folder);
    await use(folder);
    const after = await snapshotFolder(folder);
    await removeDir(parent);
    const ignore = (path: string) => expectedFolderChanges.has(path);
    // The digest covers every path and byte: a new, removed or changed file changes it.
    expect([...after.keys()].sort(), 'no file may appear or vanish').toEqual(
      [...before.keys()].sort(),
    );
    expect(digestSnapshot(after, ignore), 'the posts folder must be byte-identical').toBe(
      digestSnapshot(before, ignore),
    );
  },
});

const MXSS = {
  title: 'Mutation XSS Release',
  harmless: 'The harmless sentence about marine biodiversity cooperation survives sanitising.',
};
const MARKUP_TITLE = {
  title:
    "Treaty <img src=x onerror=\"window.__pwned='title'\"> <script>window.__pwned='title-script'</script> Signed",
  description:
    'Description <iframe srcdoc="<script>parent.__pwned=\'description\'</script>"></iframe> <b onmouseover="window.__pwned=\'hover\'">bold?</b>',
  area: '<i onclick="window.__pwned=\'area\'">Ocean Science</i>',
  harmless: 'The harmless sentence about joint ocean science fellowships survives sanitising.',
};
const EXECUTABLE_FRONT_MATTER = {
  title: 'Executable Front Matter Is Only Text',
  harmless: 'The harmless sentence about executable front matter never running.',
};
const AWKWARD_NAME = {
  title: 'Accord de coopération with an awkward file name',
  harmless: 'a file whose name has spaces, accents, Japanese and a percent sign',
};

/** Elements that must never exist anywhere in the reader, whatever a post contains. */
const FORBIDDEN =
  'body script, iframe, object, embed, form, meta[http-equiv="refresh"], body style, body link, base, svg, math, mglyph, noscript, video, audio';

/** Records every dialog (alert, confirm, print prompt…) the page opens. */
function recordDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return dialogs;
}

/** Hovers and clicks everything a hostile post could hang a handler or a link on. */
async function poke(root: Locator): Promise<void> {
  for (const element of await root.locator('p, a, img, b, i, span, code, pre, h1, h2').all()) {
    await element.hover({ force: true, timeout: 2_000 }).catch(() => undefined);
  }
  for (const link of await root.locator('a').all()) {
    await link.click({ force: true, noWaitAfter: true, timeout: 2_000 }).catch(() => undefined);
  }
}

/** Nothing ran, nothing dangerous is in the document, and the page is still the reader. */
async function expectNothingActive(page: Page, dialogs: readonly string[]): Promise<void> {
  expect(await page.locator(FORBIDDEN).count(), 'forbidden elements').toBe(0);
  const dangerous = await page.locator('body *').evaluateAll((elements) =>
    elements.flatMap((element) =>
      element.getAttributeNames().flatMap((name: string) => {
        const lower = name.toLowerCase();
        // eslint-disable-next-line no-control-regex
        const value = (element.getAttribute(name) ?? '').replace(/[\u0000-\u0020]/g, '');
        if (lower.startsWith('on')) return [`${element.tagName} ${name}`];
        if (['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc'].includes(lower)) {
          if (lower === 'srcdoc' || /^(javascript|vbscript|data):/i.test(value)) {
            return [`${element.tagName} ${name}=${value}`];
          }
        }
        return [];
      }),
    ),
  );
  expect(dangerous, 'event handlers and script addresses').toEqual([]);
  expect(
    await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned),
    'the canary',
  ).toBeUndefined();
  expect(dialogs, 'dialogs').toEqual([]);
  await expect(page.getByRole('list', { name: 'Timeline' })).toBeVisible();
}

test.describe('hostile folder', () => {
  test('mutation-XSS payloads render inert and the post still reads', async ({ app }) => {
    const dialogs = recordDialogs(app.page);
    await app.timeline.open(MXSS.title);
    const { root } = app.article;
    await expect(root).toContainText(MXSS.harmless);
    // The payloads come last: an unclosed <svg> or <math> swallows what follows, as in any browser.
    await expect(root.locator('pre code')).toContainText('the fenced code stays text');
    await poke(root);
    await expect(app.article.title).toHaveText(MXSS.title);
    await expectNothingActive(app.page, dialogs);
  });

  test('markup in a title, description and area is shown as text', async ({ app }) => {
    const dialogs = recordDialogs(app.page);
    await app.expectPostCount(4);
    // On the timeline: the row names the title exactly as written.
    await expect(app.timeline.list).toContainText(MARKUP_TITLE.title);
    // Opened by its exact text (the page object's row lookup builds a selector from the title).
    await app.timeline.list.getByText(MARKUP_TITLE.title, { exact: true }).first().click();
    const { root } = app.article;
    await expect(app.article.title).toHaveText(MARKUP_TITLE.title);
    await expect(root).toContainText(MARKUP_TITLE.description);
    await expect(root).toContainText(MARKUP_TITLE.area);
    await expect(root).toContainText(MARKUP_TITLE.harmless);
    await poke(app.page.locator('body'));
    // A search snippet is cut from the same untrusted text.
    await app.searchFor('treaty');
    await expect(app.timeline.list).toContainText('Treaty');
    await expectNothingActive(app.page, dialogs);
  });

  test('executable front matter is not run and a file with an awkward name loads', async ({
    app,
  }) => {
    const dialogs = recordDialogs(app.page);
    await app.timeline.open(EXECUTABLE_FRONT_MATTER.title);
    await expect(app.article.root).toContainText(EXECUTABLE_FRONT_MATTER.harmless);
    // The problem is reported on the post itself.
    await expect(app.article.root).toContainText(/front matter written in "js" is not supported/);
    await app.timeline.open(AWKWARD_NAME.title);
    await expect(app.article.root).toContainText(AWKWARD_NAME.harmless);
    await expectNothingActive(app.page, dialogs);
  });
});

test.describe('nothing lost, nothing leaked', () => {
  test('a whole session with searching and printing leaves the folder byte-identical', async ({
    app,
    shell,
  }) => {
    test.skip(shell !== 'browser', 'page.pdf() prints only in the browser shell');
    const dialogs = recordDialogs(app.page);
    await app.searchFor('harmless');
    await expect(app.timeline.list).toContainText(MXSS.title);
    await app.search.fill('');
    await app.timeline.open(MXSS.title);
    await app.page.emulateMedia({ media: 'print' });
    expect((await app.page.pdf({ format: 'A4' })).subarray(0, 5).toString()).toBe('%PDF-');
    await app.page.emulateMedia({ media: 'screen' });

    // The digest, with the browser's print dialog stubbed (it would block).
    await app.page.evaluate(() => {
      (globalThis as unknown as { print: () => void }).print = () => undefined;
    });
    await app.article.exportDigest.click();
    await expect(app.page).toHaveURL(/#\/digest/);
    await expect(app.page.getByRole('heading', { name: /contents/i })).toBeVisible();
    await app.page.emulateMedia({ media: 'print' });
    expect((await app.page.pdf({ format: 'A4' })).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await app.page.locator(FORBIDDEN).count(), 'forbidden elements in the digest').toBe(0);
    expect(dialogs).toEqual([]);
    // The postsFolder fixture then proves the folder byte-identical with no new files, and the
    // app fixture that no request left 127.0.0.1.
  });
});
