/** `accord areas`: cooperation areas and categories with post counts. */
import type { FacetCount } from '@shared/query';
import { FILTER_HELP, FOLDER_HELP } from '../cli-options';
import { runFilterCommand } from '../run-filter-command';
import { formatTable } from '../text-table';

export const AREAS_HELP = `Usage: accord areas [options]

Cooperation areas and categories, most frequent first, counted under the other filters.

Options:
${FILTER_HELP}
  --query TEXT        Count only posts matching this full-text query
${FOLDER_HELP}
`;

function facetTable(title: string, facets: readonly FacetCount[]): string {
  if (facets.length === 0) return `${title}: none\n`;
  return `${formatTable(
    [title, 'POSTS'],
    facets.map((facet) => [facet.name, String(facet.count)]),
  )}\n`;
}

export function runAreasCommand(args: readonly string[]): Promise<number> {
  return runFilterCommand('areas', args, AREAS_HELP, async (library, filter, values) => {
    // Only the counts are needed: a window of no rows spares ranking and building every row.
    const result = await library.query(filter, { offset: 0, limit: 0 });
    const areas = result.areas.map(({ name, count }) => ({ name, count }));
    const categories = result.categories.map(({ name, count }) => ({ name, count }));
    return values.json
      ? `${JSON.stringify({ areas, categories })}\n`
      : `${facetTable('AREA', areas)}\n${facetTable('CATEGORY', categories)}`;
  });
}
