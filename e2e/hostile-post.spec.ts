import { HOSTILE } from './support/sample-posts';
import { expect, test } from './reader-test';

test.use({ corpus: 'hostile' });

/** Elements that must never reach the article, whatever a post contains. */
const FORBIDDEN =
  'script, iframe, object, embed, form, meta, style, link, base, svg, math, video, audio';

for (const post of [HOSTILE.first, HOSTILE.second]) {
  test(`"${post.title}" runs nothing and shows only its harmless text`, async ({ app }) => {
    const dialogs: string[] = [];
    app.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await app.timeline.open(post.title);
    const { root } = app.article;
    await expect(root).toContainText(post.harmless);

    // Give anything that could fire a chance to: hover, click and toggle everything there is.
    // Each try is bounded, so an element that never settles cannot eat the test's whole budget.
    for (const element of await root.locator('p, a, img, details, summary').all()) {
      await element.hover({ force: true, timeout: 2_000 }).catch(() => undefined);
    }
    for (const link of await root.locator('a').all()) {
      await link.click({ force: true, noWaitAfter: true, timeout: 2_000 }).catch(() => undefined);
    }
    await expect(app.article.title).toHaveText(post.title);

    expect(await root.locator(FORBIDDEN).count(), 'forbidden elements').toBe(0);
    const handlers = await root
      .locator('*')
      .evaluateAll((elements) =>
        elements.flatMap((element) =>
          element.getAttributeNames().filter((name: string) => name.toLowerCase().startsWith('on')),
        ),
      );
    expect(handlers, 'event-handler attributes').toEqual([]);
    const scriptLinks = await root
      .locator('[href], [src], [xlink\\:href], [action], [formaction]')
      .evaluateAll((elements) =>
        elements
          .flatMap((element) =>
            ['href', 'src', 'xlink:href', 'action', 'formaction'].map(
              (name) => element.getAttribute(name) ?? '',
            ),
          )
          .filter((value) =>
            /^\s*j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t\s*:/i.test(value.replace(/[\t\n\r]/g, '')),
          ),
      );
    expect(scriptLinks, 'javascript: addresses').toEqual([]);
    expect(
      await app.page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned),
    ).toBeUndefined();
    expect(dialogs).toEqual([]);
    // The page itself is still the reader: nothing navigated it away.
    await expect(app.timeline.list).toBeVisible();
  });
}

test('a remote tracking image is replaced by a placeholder showing its address', async ({
  app,
}) => {
  await app.timeline.open(HOSTILE.first.title);
  const placeholder = app.article.root.getByRole('img', { name: /Tracking pixel/ });
  await expect(placeholder).toBeVisible();
  await expect(app.article.root).toContainText('tracker.example/pixel.png');
  expect(await app.article.root.locator('img[src*="tracker.example"]').count()).toBe(0);
});
