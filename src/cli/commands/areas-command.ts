import { parseArgs } from 'node:util';
/** `accord areas`: cooperation areas and categories with post counts. */
import type { FacetCount } from '@shared/query';
import {
  FILTER_HELP,
  FILTER_OPTIONS,
  FOLDER_HELP,
  FOLDER_OPTIONS,
  filterFromOptions,
  parseStrictly,
} from '../cli-options';
import { openCliLibrary } from '../open-cli-library';
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

export async function runAreasCommand(args: readonly string[]): Promise<number> {
  const { values } = parseStrictly('areas', () =>
    parseArgs({ args: [...args], options: { ...FOLDER_OPTIONS, ...FILTER_OPTIONS }, strict: true }),
  );
  if (values.help) {
    process.stdout.write(AREAS_HELP);
    return 0;
  }
  const filter = filterFromOptions('areas', values);
  const library = await openCliLibrary(values);
  try {
    const result = await library.query(filter);
    const areas = result.areas.map(({ name, count }) => ({ name, count }));
    const categories = result.categories.map(({ name, count }) => ({ name, count }));
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ areas, categories })}\n`);
    } else {
      process.stdout.write(`${facetTable('AREA', areas)}\n${facetTable('CATEGORY', categories)}`);
    }
    return 0;
  } finally {
    await library.close();
  }
}
