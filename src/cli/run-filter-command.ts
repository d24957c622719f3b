/**
 * The frame `accord list` and `accord areas` share: strict options (folder + filters), `--help`,
 * the filter checked, the library opened for one query and always closed again.
 */
import { parseArgs } from 'node:util';
import type { PostFilter } from '@shared/query';
import type { LibraryService } from '../core/library-service';
import { FILTER_OPTIONS, FOLDER_OPTIONS, filterFromOptions, parseStrictly } from './cli-options';
import { openCliLibrary } from './open-cli-library';

/** The parsed options of a filter command. */
export type FilterCommandValues = ReturnType<
  typeof parseArgs<{ options: typeof FOLDER_OPTIONS & typeof FILTER_OPTIONS; strict: true }>
>['values'];

/**
 * Runs filter command `command` with `args`: prints `help` when asked, else calls `present` with
 * the open library, the filter and the options. Resolves to the exit code (0); usage mistakes
 * throw a `UsageError` before anything is opened.
 */
export async function runFilterCommand(
  command: string,
  args: readonly string[],
  help: string,
  present: (
    library: LibraryService,
    filter: PostFilter,
    values: FilterCommandValues,
  ) => Promise<void>,
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
  try {
    await present(library, filter, values);
    return 0;
  } finally {
    await library.close();
  }
}
