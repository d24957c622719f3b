import { SAMPLE } from './support/sample-posts';
import { expect, test } from './reader-test';

const FIRST = 'Joint Testing and Evaluations';
const SECOND = 'Information Exchange';

test.describe('area filter', () => {
  test('one area shows exactly the posts its count promised, and clearing brings all back', async ({
    app,
  }) => {
    const everything = await app.postCount();
    const promised = await app.filters.areaCount(FIRST);
    expect(promised).toBeGreaterThan(0);
    expect(promised).toBeLessThan(everything);

    await app.filters.area(FIRST).check();
    await app.expectPostCount(promised);
    await expect(app.page).toHaveURL(/areas=Joint(%20|\+)Testing/);
    await expect(app.filters.clear).toBeVisible();

    await app.filters.clear.click();
    await app.expectPostCount(everything);
    await expect(app.filters.area(FIRST)).not.toBeChecked();
  });

  test('two areas match any or all of them, and the counts add up', async ({ app }) => {
    const first = await app.filters.areaCount(FIRST);
    const second = await app.filters.areaCount(SECOND);

    await app.filters.area(FIRST).check();
    await app.filters.area(SECOND).check();
    await expect(app.filters.any).toBeChecked();
    await expect.poll(() => app.postCount()).toBeGreaterThanOrEqual(Math.max(first, second));
    const any = await app.postCount();
    expect(any).toBeLessThanOrEqual(first + second);

    await app.filters.all.check();
    await expect(app.page).toHaveURL(/match=all/);
    // Inclusion–exclusion: |A ∩ B| = |A| + |B| − |A ∪ B|.
    await app.expectPostCount(first + second - any);
    // The seed post has both areas, so it must be in the intersection.
    await expect(await app.timeline.reveal(SAMPLE.seed.title)).toBeVisible();

    await app.filters.clear.click();
    await expect(app.filters.area(FIRST)).not.toBeChecked();
    await expect(app.filters.area(SECOND)).not.toBeChecked();
  });

  test('an area chip in the article filters the timeline by that area', async ({ app }) => {
    await app.timeline.open(SAMPLE.seed.title);
    const area = 'AI Safety Research';
    const promised = await app.filters.areaCount(area);
    await app.article.areaChip(area).click();
    await expect(app.filters.area(area)).toBeChecked();
    await app.expectPostCount(promised);
  });
});
