import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { browserShellOnly, expect, test } from './reader-test';
import { makeTempDir, removeDir } from './support/corpus';
import { SAMPLE } from './support/sample-posts';

const run = promisify(execFile);

/** The text of a PDF as `pdftotext -layout` reads it, whitespace collapsed. */
async function pdfText(pdf: Buffer): Promise<string> {
  const dir = await makeTempDir('pdf');
  try {
    const file = join(dir, 'out.pdf');
    await writeFile(file, pdf);
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
    return stdout.replace(/\s+/g, ' ');
  } finally {
    await removeDir(dir);
  }
}

test.describe('print', () => {
  test.beforeEach(({ shell }) => browserShellOnly(shell));

  test('the printed article holds the article and nothing of the timeline or filters', async ({
    app,
  }) => {
    await app.timeline.open(SAMPLE.seed.title);
    await app.page.emulateMedia({ media: 'print' });
    const text = await pdfText(await app.page.pdf({ format: 'A4' }));
    expect(text).toContain(SAMPLE.seed.title);
    expect(text).toContain('have formalised their collaboration');
    expect(text).toContain('Insights on Emerging Trends');
    expectNothingOfTheReaderAround(text);
    // The article's own label for its areas, once; the filters pane's group would be a second.
    expect(text.match(/Cooperation areas/g) ?? []).toHaveLength(1);
    expect(text).not.toMatch(/\b\d+ posts\b/);
    expect(text).not.toContain(SAMPLE.cafe.title);
    expect(text).not.toContain(SAMPLE.evaluations.title);
  });

  test('"Print to PDF" in the browser prints with the browser', async ({ app }) => {
    await stubPrint(app.page);
    await app.timeline.open(SAMPLE.seed.title);
    await app.article.printToPdf.click();
    await expect.poll(() => printCalls(app.page)).toBe(1);
  });

  test('the digest lists the filtered posts in timeline order after a contents section', async ({
    app,
    server,
  }) => {
    const area = 'Joint Testing and Evaluations';
    await app.filters.area(area).check();
    await app.expectPostCount(await app.filters.areaCount(area));
    // The order to expect, straight from the server the page talks to.
    const answer = await app.page.request.post(`${server!.origin}/api/query`, {
      headers: { 'x-accord-token': server!.token },
      data: { filter: { areas: [area] } },
    });
    const { entries } = (await answer.json()) as { entries: { title: string }[] };
    expect(entries.length).toBeGreaterThan(1);

    await stubPrint(app.page);
    await app.timeline.open(SAMPLE.seed.title);
    await app.article.exportDigest.click();
    await expect(app.page).toHaveURL(/#\/digest\?.*areas=/);
    await expect.poll(() => printCalls(app.page)).toBe(1);
    await expect(app.page.getByRole('heading', { name: /contents/i })).toBeVisible();

    await app.page.emulateMedia({ media: 'print' });
    const text = await pdfText(await app.page.pdf({ format: 'A4' }));
    // Each title appears in the contents in timeline order, then again as an article heading.
    let cursor = -1;
    for (const pass of ['contents', 'articles']) {
      for (const { title } of entries) {
        const at = text.indexOf(title.slice(0, 40), cursor + 1);
        expect(at, `${pass}: "${title}" after position ${cursor}`).toBeGreaterThan(cursor);
        cursor = at;
      }
    }
    expectNothingOfTheReaderAround(text);
    expect(text.match(/Cooperation areas/g) ?? []).toHaveLength(entries.length);
    expect(text).not.toContain(SAMPLE.cafe.title);
  });
});

/** Text only the reader's chrome has: the header, the filters pane and the timeline's tools. */
function expectNothingOfTheReaderAround(text: string): void {
  for (const chrome of [
    'Jump to year',
    'Clear filters',
    'Smaller text',
    'Open folder',
    'Match Any',
  ]) {
    expect(text).not.toContain(chrome);
  }
}

/** Replaces `window.print` (which would block on a dialog) with a counter. */
async function stubPrint(page: Page): Promise<void> {
  await page.evaluate(() => {
    const target = globalThis as unknown as { print: () => void; __printed?: number };
    target.print = () => (target.__printed = (target.__printed ?? 0) + 1);
  });
}

function printCalls(page: Page): Promise<number | undefined> {
  return page.evaluate(() => (globalThis as { __printed?: number }).__printed);
}
