import { readdir } from 'node:fs/promises';
import { countPostFiles } from './support/corpus';
import { SAMPLE } from './support/sample-posts';
import { expect, test } from './reader-test';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "March 2026" for the newest `YYYY-MM-DD-…` file name under `_posts` folders. */
async function newestMonth(folder: string): Promise<string> {
  const entries = await readdir(folder, { recursive: true });
  const dates = entries
    .map((entry) => /_posts[\\/](\d{4})-(\d{2})-\d{2}-[^\\/]+$/.exec(entry))
    .filter((match) => match !== null)
    .map((match) => `${match[1]}-${match[2]}`)
    .sort();
  const [year, month] = (dates.at(-1) ?? '').split('-');
  return `${MONTHS[Number(month) - 1]} ${year}`;
}

test('first run shows the bundled sample with its count, month headings and the seed post', async ({
  app,
  postsFolder,
}) => {
  await app.expectPostCount(await countPostFiles(postsFolder));
  await expect(app.timeline.list).toBeVisible();
  await expect(app.timeline.monthHeadings.first()).toHaveText(
    new RegExp(`^${await newestMonth(postsFolder)}`),
  );
  const seed = await app.timeline.reveal(SAMPLE.seed.title);
  await expect(seed).toBeVisible();
  await expect(app.timeline.monthHeadings.filter({ hasText: /^November 2024/ })).toBeVisible();
});
