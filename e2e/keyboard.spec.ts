import { expect, test } from './reader-test';

test('the keyboard drives search, the timeline and the article', async ({ app }) => {
  const { page } = app;
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  await page.keyboard.press('/');
  await expect(app.search).toBeFocused();
  await page.keyboard.type('safety');
  await expect(app.page).toHaveURL(/q=safety/);
  // The walk below starts from the rows on screen: they must be the answer to "safety".
  await app.waitForResultsOf('safety');
  await expect(app.timeline.rows.first()).toBeVisible();

  // Leave the search box (the shortcuts are for the page, not for typing), then walk the rows.
  await app.search.blur();
  await page.keyboard.press('j');
  const first = await app.timeline.selectedRow.getAttribute('aria-label');
  expect(first).toBeTruthy();
  await page.keyboard.press('j');
  await expect(app.timeline.selectedRow).not.toHaveAttribute('aria-label', first ?? '');
  const second = await app.timeline.selectedRow.getAttribute('aria-label');
  await page.keyboard.press('k');
  await expect(app.timeline.selectedRow).toHaveAttribute('aria-label', first ?? '');
  await page.keyboard.press('j');
  await expect(app.timeline.selectedRow).toHaveAttribute('aria-label', second ?? '');

  await page.keyboard.press('Enter');
  const title = await app.article.title.textContent();
  expect(second?.startsWith(title ?? '\u0000')).toBe(true);

  await page.keyboard.press('Escape');
  await expect(app.search).toHaveValue('');
  await expect(app.page).not.toHaveURL(/q=safety/);
});
