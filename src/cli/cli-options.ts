/**
 * Options shared by the library commands: where the folder and cache are, output format, and the
 * reader's filters. Parsed with `node:util` `parseArgs`; every mistake is a {@link UsageError}.
 */
import type { ParseArgsConfig } from 'node:util';
import type { AreaMatch, PostFilter } from '@shared/query';
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

export const FILTER_HELP = `  --area NAME         Only posts with this cooperation area (repeatable)
  --match any|all     With several --area: any of them (default) or all of them
  --category NAME     Only posts in this category (repeatable)
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

/** The reader filter described by the filter options. */
export function filterFromOptions(
  command: string,
  values: {
    area?: string[];
    match?: string;
    category?: string[];
    from?: string;
    to?: string;
    query?: string;
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
    ...(values.area ? { areas: values.area } : {}),
    ...(values.match ? { match: values.match as AreaMatch } : {}),
    ...(values.category ? { categories: values.category } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(values.query !== undefined ? { query: values.query } : {}),
  };
}
