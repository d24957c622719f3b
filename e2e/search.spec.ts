import { SAMPLE } from './support/sample-posts';
import { expect, test } from './reader-test';

test.describe('search', () => {
  test('forgives a typo: "evaluatons" finds the evaluations programme', async ({ app }) => {
    await app.searchFor('evaluatons');
    await expect(await app.timeline.reveal(SAMPLE.evaluations.title)).toBeVisible();
    await expect(app.timeline.marks().first()).toBeVisible();
  });

  test('matches a prefix: "standardis" finds standardisation', async ({ app }) => {
    await app.searchFor('standardis');
    const row = await app.timeline.reveal(SAMPLE.standardisation.title);
    await expect(
      row
        .locator('mark')
        .filter({ hasText: /^standardis/i })
        .first(),
    ).toBeVisible();
  });

  test('finds a Chinese word inside a sentence', async ({ app }) => {
    await app.searchFor('人工智能');
    await app.expectPostCount(1);
    await expect(app.timeline.row(SAMPLE.cjk.title)).toBeVisible();
  });

  test('folds diacritics both ways: "cafe" and "café" find the same posts', async ({ app }) => {
    await app.searchFor('cafe');
    await expect(app.timeline.row(SAMPLE.cafe.title)).toBeVisible();
    const plain = await app.timeline.rowNames();
    await app.searchFor('café');
    await expect(app.timeline.row(SAMPLE.cafe.title)).toBeVisible();
    expect(await app.timeline.rowNames()).toEqual(plain);
  });

  test('combines with an area filter', async ({ app }) => {
    await app.searchFor('safety');
    await expect.poll(() => app.postCount()).toBeGreaterThan(1);
    const searched = await app.postCount();
    const area = 'Joint Testing and Evaluations';
    await app.filters.area(area).check();
    await expect(app.page).toHaveURL(/areas=/);
    await expect.poll(() => app.postCount()).toBeLessThan(searched);
    await expect(app.timeline.row(SAMPLE.seed.title)).toBeVisible();
    await expect(app.page).toHaveURL(/q=safety/);
  });

  test('says when nothing matches, and "Clear filters" brings everything back', async ({ app }) => {
    const everything = await app.postCount();
    await app.searchFor('zzyzx quokka');
    await expect(app.page.getByText('No posts match')).toBeVisible();
    await app.expectPostCount(0);
    await app.page.getByRole('button', { name: 'Clear filters' }).last().click();
    await app.expectPostCount(everything);
    await expect(app.search).toHaveValue('');
  });
});
