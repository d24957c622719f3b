/** `accord search QUERY`: full-text search, best match first. */
import { parseArgs } from 'node:util';
import type { QueryResult } from '@shared/query';
import {
  FILTER_HELP,
  FILTER_OPTIONS,
  FOLDER_HELP,
  FOLDER_OPTIONS,
  filterFromOptions,
  parseStrictly,
} from '../cli-options';
import { UsageError } from '../cli-error';
import { openCliLibrary } from '../open-cli-library';
import { formatTable, truncate } from '../text-table';
import { unknownNamesHint } from '../unknown-names-hint';

const DEFAULT_LIMIT = 20;

export const SEARCH_HELP = `Usage: accord search QUERY [options]

Full-text search over titles, descriptions, areas and bodies: every word must match, as a prefix
or with a small typo. Best match first.

Options:
${FILTER_HELP}
  --limit N           Show at most N results (default ${DEFAULT_LIMIT}); "total" counts them all
${FOLDER_HELP}
`;

export async function runSearchCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseStrictly('search', () =>
    parseArgs({
      args: [...args],
      options: { ...FOLDER_OPTIONS, ...FILTER_OPTIONS, limit: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    }),
  );
  if (values.help) {
    process.stdout.write(SEARCH_HELP);
    return 0;
  }
  const query = positionals.join(' ').trim();
  if (query === '')
    throw new UsageError('search: give the words to search for (see accord search --help)');
  if (values.query !== undefined)
    throw new UsageError('search: give the query as the argument, not --query');
  let limit = DEFAULT_LIMIT;
  if (values.limit !== undefined) {
    if (!/^\d+$/.test(values.limit) || Number(values.limit) < 1) {
      throw new UsageError(
        `search: --limit must be a whole number of at least 1, not "${values.limit}"`,
      );
    }
    limit = Number(values.limit);
  }
  const filter = { ...filterFromOptions('search', values), query };
  const library = await openCliLibrary(values);
  let output: string;
  let hint: string;
  try {
    // Ask for the rows shown only: each gets its snippet, and no other row is built.
    const result = await library.query(filter, { offset: 0, limit });
    output = formatResults(query, result, values.json);
    hint = await unknownNamesHint(library, values, filter);
  } finally {
    // Closed before printing: a reader that stops early (`| head`) cannot cost the cache write.
    await library.close();
  }
  if (hint !== '') process.stderr.write(hint);
  process.stdout.write(output);
  return 0;
}

/** The text `accord search` prints for `result`: one JSON object, or a table and a count. */
function formatResults(query: string, result: QueryResult, json: boolean): string {
  const shown = result.entries;
  if (json) {
    const results = shown.map((entry) => ({
      id: entry.id,
      path: entry.path,
      title: entry.title,
      date: entry.date,
      areas: entry.areas,
      score: entry.score ?? 0,
      snippet: entry.snippet?.text ?? '',
    }));
    return `${JSON.stringify({ query, total: result.total, results })}\n`;
  }
  if (shown.length === 0) return `No posts match "${query}".\n`;
  const rows = shown.map((entry) => [
    (entry.score ?? 0).toFixed(2),
    entry.date ?? 'undated',
    truncate(entry.title, 70),
  ]);
  const more = result.total > shown.length ? ` (showing ${shown.length}; use --limit)` : '';
  return `${formatTable(['SCORE', 'DATE', 'TITLE'], rows)}\n\n${result.total} match${
    result.total === 1 ? '' : 'es'
  }${more}\n`;
}
