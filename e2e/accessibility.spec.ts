import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { SAMPLE } from './support/sample-posts';
import { browserShellOnly, expect, test } from './reader-test';

/** Serious and critical axe violations, one line each, so a failure reads as a to-do list. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help} (${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join(', ')})`,
    );
}

test.describe('accessibility', () => {
  // axe needs a Playwright page of a browser context, which the desktop shell does not give.
  test.beforeEach(({ shell }) => browserShellOnly(shell));

  test('timeline, open article, active filters and dark theme have no serious violations', async ({
    app,
  }) => {
    expect(await seriousViolations(app.page), 'timeline').toEqual([]);
    await app.timeline.open(SAMPLE.seed.title);
    expect(await seriousViolations(app.page), 'article').toEqual([]);
    await app.filters.area('Information Exchange').check();
    await app.searchFor('safety');
    expect(await seriousViolations(app.page), 'filters and search').toEqual([]);
    await app.setTheme('dark');
    expect(await seriousViolations(app.page), 'dark theme').toEqual([]);
  });
});
