import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ReaderPage } from './pages/reader-page';
import { SAMPLE } from './support/sample-posts';
import { expect, test } from './reader-test';

/**
 * Where the pictures go: `test-results/screenshots` on every run, to look at; `npm run
 * screenshots` writes them to `docs/screenshots` instead, which the README shows. (Pixels differ
 * slightly from run to run, so a plain `npm test` leaves the documentation alone.)
 */
const SCREENSHOTS = resolve(process.env.ACCORD_SCREENSHOTS_DIR ?? 'test-results/screenshots');

async function capture(app: ReaderPage, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  for (const theme of ['light', 'dark'] as const) {
    await app.setTheme(theme);
    // Fonts and images settle before the picture is taken.
    await app.page.evaluate(
      () =>
        (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document
          .fonts.ready,
    );
    await app.page.screenshot({ path: resolve(SCREENSHOTS, `${name}-${theme}.png`) });
  }
}

test.describe('screenshots for the documentation', () => {
  test('timeline, article, search and filters in light and dark', async ({ app }) => {
    expect(app.page.viewportSize()).toEqual({ width: 1280, height: 800 });
    await capture(app, 'timeline');

    await app.timeline.open(SAMPLE.seed.title);
    await capture(app, 'article');

    await app.searchFor('safety');
    await expect(app.timeline.marks().first()).toBeVisible();
    await capture(app, 'search');

    await app.search.fill('');
    await app.filters.area('Joint Testing and Evaluations').check();
    await app.filters.area('Information Exchange').check();
    await app.filters.all.check();
    await expect(app.filters.clear).toBeVisible();
    await capture(app, 'filters');

    // A laptop window split in half: the filters fold away, the article keeps room to read.
    await app.filters.clear.click();
    await app.page.setViewportSize({ width: 760, height: 800 });
    await app.timeline.open(SAMPLE.seed.title);
    await capture(app, 'narrow-article');
  });
});
