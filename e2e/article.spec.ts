import { SAMPLE } from './support/sample-posts';
import { expect, test } from './reader-test';

test.describe('article', () => {
  test('the seed post renders its paragraphs, emphasis and all six areas', async ({ app }) => {
    await app.timeline.open(SAMPLE.seed.title);
    const { root } = app.article;
    await expect(root.getByRole('heading', { level: 1 })).toHaveCount(1);
    await expect(root).toContainText('Singapore and the European Union (EU) have formalised');
    await expect(root).toContainText('Key areas of cooperation include:');
    expect(await root.locator('p').count()).toBeGreaterThanOrEqual(10);
    await expect(root.locator('strong', { hasText: 'Information Exchange' })).toBeVisible();
    await expect(
      root.locator('u', { hasText: 'Key Objectives of the Administrative Arrangement' }),
    ).toBeVisible();
    for (const area of SAMPLE.seed.areas) {
      await expect(app.article.areaChip(area), area).toBeVisible();
    }
    await expect(app.article.previous).toBeVisible();
    await expect(app.article.next).toBeVisible();
  });

  for (const timezoneId of ['America/Los_Angeles', 'Pacific/Kiritimati']) {
    test.describe(`in ${timezoneId}`, () => {
      test.use({ timezoneId });
      test('the seed post is dated 20 November 2024', async ({ app }) => {
        await app.timeline.open(SAMPLE.seed.title);
        await expect(app.article.date).toHaveAttribute('datetime', SAMPLE.seed.date);
        await expect(app.article.date).toHaveText(SAMPLE.seed.displayDate);
      });
    });
  }

  test('a site-root image from the folder is shown', async ({ app }) => {
    await app.timeline.open(SAMPLE.image.title);
    const image = app.article.root.locator('img').first();
    await expect(image).toBeVisible();
    await expect
      .poll(() =>
        image.evaluate((element) => (element as unknown as { naturalWidth: number }).naturalWidth),
      )
      .toBeGreaterThan(0);
  });

  test('an Isomer post keeps its details and its rowspan table', async ({ app }) => {
    await app.timeline.open(SAMPLE.isomer.title);
    const { root } = app.article;
    await expect(root.locator('details').first()).toBeAttached();
    await expect(root.locator('details summary').first()).toHaveText(
      'Is e-invoicing compulsory for businesses?',
    );
    await expect(root.locator('td[rowspan="2"]')).toHaveText('Phase 1: Government');
  });

  test('a link post offers its original address', async ({ app }) => {
    await app.timeline.open(SAMPLE.link.title);
    await expect(app.article.openOriginal).toBeVisible();
    await expect(app.article.root).toContainText(SAMPLE.link.external);
  });
});
