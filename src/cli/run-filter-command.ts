/**
 * The frame `accord list` and `accord areas` share: strict options (folder + filters), `--help`,
 * the filter checked, the library opened for one query and always closed again, before anything
 * is printed, so a reader that stops early (`accord list | head`) cannot cost the cache write.
 */
import { parseArgs } from 'node:util';
import type { PostFilter } from '@shared/query';
import type { LibraryService } from '../core/library-service';
import { FILTER_OPTIONS, FOLDER_OPTIONS, filterFromOptions, parseStrictly } from './cli-options';
import { openCliLibrary } from './open-cli-library';
import { unknownNamesHint } from './unknown-names-hint';

/** The parsed options of a filter command. */
export type FilterCommandValues = ReturnType<
  typeof parseArgs<{ options: typeof FOLDER_OPTIONS & typeof FILTER_OPTIONS; strict: true }>
>['values'];

/**
 * Runs filter command `command` with `args`: prints `help` when asked, else calls `present` with
 * the open library, the filter and the options, and prints the text it gives once the library
 * is closed. A `--area` or `--category` no post has gets a one-line hint on stderr (the exit
 * code stays 0: an empty answer is still an answer). Resolves to the exit code (0); usage
 * mistakes throw a `UsageError` before anything is opened.
 */
export async function runFilterCommand(
  command: string,
  args: readonly string[],
  help: string,
  present: (
    library: LibraryService,
    filter: PostFilter,
    values: FilterCommandValues,
  ) => Promise<string>,
): Promise<number> {
  const { values } = parseStrictly(command, () =>
    parseArgs({ args: [...args], options: { ...FOLDER_OPTIONS, ...FILTER_OPTIONS }, strict: true }),
  );
  if (values.help) {
    process.stdout.write(help);
    return 0;
  }
  const filter = filterFromOptions(command, values);
  const library = await openCliLibrary(values);
  let output: string;
  let hint: string;
  try {
    output = await present(library, filter, values);
    hint = await unknownNamesHint(library, values, filter);
  } finally {
    await library.close();
  }
  if (hint !== '') process.stderr.write(hint);
  process.stdout.write(output);
  return 0;
}
