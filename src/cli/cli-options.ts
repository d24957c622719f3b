/**
 * Options shared by the library commands: where the folder and cache are, output format, and the
 * reader's filters. Parsed with `node:util` `parseArgs`; every mistake is a {@link UsageError}.
 */
import type { ParseArgsConfig } from 'node:util';
import type { AreaMatch, PostFilter } from '@shared/query';
import { loadAreaAliases } from '../core/post/area-aliases';
import { canonicalAreaName, cleanAreaName } from '../core/post/area-names';
import { UsageError } from './cli-error';

export const FOLDER_OPTIONS = {
  folder: { type: 'string' },
  'cache-dir': { type: 'string' },
  aliases: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

export const FILTER_OPTIONS = {
  area: { type: 'string', multiple: true },
  match: { type: 'string' },
  category: { type: 'string', multiple: true },
  from: { type: 'string' },
  to: { type: 'string' },
  query: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

export const FOLDER_HELP = `  --folder DIR        The posts folder (default: the bundled sample)
  --cache-dir DIR     Where the index cache lives (default: $ACCORD_CACHE_DIR or the OS cache)
  --aliases FILE      Extra area aliases: a JSON object of "alias": "Canonical Name"
  --json              Print exactly one JSON object
  -h, --help          Show this help`;

export const FILTER_HELP = `  --area NAME         Only posts with this cooperation area (repeatable; letter case and
                      spelling variants in the alias table do not matter)
  --match any|all     With several --area: any of them (default) or all of them
  --category NAME     Only posts in this category (repeatable; letter case does not matter)
  --from YYYY-MM-DD   Posts on or after this date
  --to YYYY-MM-DD     Posts on or before this date`;

/**
 * Runs a strict `parseArgs` call, turning unknown options and missing values into usage errors
 * that name the command.
 */
export function parseStrictly<T>(command: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw new UsageError(`${command}: ${message} (see accord ${command} --help)`);
  }
}

function checkDate(command: string, name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const valid =
    match !== null &&
    (() => {
      const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
      return date.toISOString().slice(0, 10) === value;
    })();
  if (!valid)
    throw new UsageError(`${command}: --${name} must be a date written YYYY-MM-DD, not "${value}"`);
  return value;
}

/**
 * `--area` values as posts name their areas: through the same normaliser the parser uses (spaces,
 * punctuation, letter case, the alias table with `--aliases`), so "cyber security" finds
 * "Cybersecurity". A value that normalises to nothing is kept as typed (it matches no post).
 */
function areaNames(names: readonly string[], aliasesFile: string | undefined): string[] {
  const aliases = loadAreaAliases(aliasesFile);
  return names.map((name) => canonicalAreaName(name, aliases) ?? name);
}

/**
 * `--category` values cleaned like area names (no alias table: it is for areas); the library
 * compares category names ignoring letter case.
 */
function categoryNames(names: readonly string[]): string[] {
  return names.map((name) => cleanAreaName(name) || name);
}

/**
 * The reader filter described by the filter options, area and category names normalised as
 * posts' are (with the alias file `aliases`, if given).
 *
 * @throws UsageError for a bad `--match` or date; the alias loader's one-line error for an
 *   unreadable `--aliases` file.
 */
export function filterFromOptions(
  command: string,
  values: {
    area?: string[];
    match?: string;
    category?: string[];
    from?: string;
    to?: string;
    query?: string;
    aliases?: string;
  },
): PostFilter {
  if (values.match !== undefined && values.match !== 'any' && values.match !== 'all') {
    throw new UsageError(`${command}: --match must be "any" or "all", not "${values.match}"`);
  }
  const from = checkDate(command, 'from', values.from);
  const to = checkDate(command, 'to', values.to);
  if (from && to && from > to)
    throw new UsageError(`${command}: --from ${from} is after --to ${to}`);
  return {
    ...(values.area ? { areas: areaNames(values.area, values.aliases) } : {}),
    ...(values.match ? { match: values.match as AreaMatch } : {}),
    ...(values.category ? { categories: categoryNames(values.category) } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(values.query !== undefined ? { query: values.query } : {}),
  };
}
