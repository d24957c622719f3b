/** `accord list`: posts matching the filters, newest first. */
import type { PostSummary } from '@shared/post';
import type { PostFilter } from '@shared/query';
import { FILTER_HELP, FOLDER_HELP } from '../cli-options';
import { runFilterCommand } from '../run-filter-command';
import { formatTable, truncate } from '../text-table';

export const LIST_HELP = `Usage: accord list [options]

Lists posts, newest first (undated posts last).

Options:
${FILTER_HELP}
  --query TEXT        Only posts matching this full-text query (still newest first;
                      accord search ranks them best match first)
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

/** Whether `filter` narrows the timeline at all (a blank query does not). */
function hasFilter(filter: PostFilter): boolean {
  return (
    (filter.areas?.length ?? 0) > 0 ||
    (filter.categories?.length ?? 0) > 0 ||
    filter.from !== undefined ||
    filter.to !== undefined ||
    (filter.query?.trim() ?? '') !== ''
  );
}

export function runListCommand(args: readonly string[]): Promise<number> {
  return runFilterCommand('list', args, LIST_HELP, async (library, filter, values) => {
    // A list stays in timeline order even with a query (ranking is `accord search`).
    const result = await library.query(filter, undefined, { order: 'timeline' });
    const posts = result.entries;
    if (values.json) {
      return `${JSON.stringify({ folder: library.folder, posts: posts.map(listedPost) })}\n`;
    }
    if (posts.length === 0) {
      return hasFilter(filter) ? 'No posts match.\n' : 'No posts in this folder.\n';
    }
    const rows = posts.map((post) => [
      post.date ?? 'undated',
      truncate(post.title, 70),
      truncate(post.areas.join(', '), 60),
    ]);
    return `${formatTable(['DATE', 'TITLE', 'AREAS'], rows)}\n\n${result.total} post${
      result.total === 1 ? '' : 's'
    }\n`;
  });
}
