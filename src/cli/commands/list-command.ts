/** `accord list`: posts matching the filters, newest first. */
import type { PostSummary } from '@shared/post';
import { FILTER_HELP, FOLDER_HELP } from '../cli-options';
import { runFilterCommand } from '../run-filter-command';
import { formatTable, truncate } from '../text-table';

export const LIST_HELP = `Usage: accord list [options]

Lists posts, newest first (undated posts last).

Options:
${FILTER_HELP}
  --query TEXT        Only posts matching this full-text query
${FOLDER_HELP}
`;

/** The fields `accord list --json` prints for each post, in this order. */
function listedPost(post: PostSummary) {
  return {
    id: post.id,
    path: post.path,
    title: post.title,
    date: post.date,
    areas: post.areas,
    category: post.category,
    permalink: post.permalink,
    layout: post.layout,
    external: post.external,
    description: post.description,
    warnings: post.warnings,
  };
}

export function runListCommand(args: readonly string[]): Promise<number> {
  return runFilterCommand('list', args, LIST_HELP, async (library, filter, values) => {
    const result = await library.query(filter);
    if (values.json) {
      process.stdout.write(
        `${JSON.stringify({ folder: library.folder, posts: result.entries.map(listedPost) })}\n`,
      );
    } else if (result.entries.length === 0) {
      process.stdout.write('No posts match.\n');
    } else {
      const rows = result.entries.map((post) => [
        post.date ?? 'undated',
        truncate(post.title, 70),
        truncate(post.areas.join(', '), 60),
      ]);
      process.stdout.write(`${formatTable(['DATE', 'TITLE', 'AREAS'], rows)}\n`);
      process.stdout.write(`\n${result.total} post${result.total === 1 ? '' : 's'}\n`);
    }
  });
}
