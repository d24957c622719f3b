import { isAbsolute, resolve } from 'node:path';

/** The desktop app's own switch, spelled as on the `accord` command line. */
export const ALIASES_SWITCH = '--aliases';

/**
 * The area alias file named on a command line with `--aliases FILE` or `--aliases=FILE`, resolved
 * against `cwd`; `null` if there is none (or the switch has no value). The last one wins, like
 * repeated switches elsewhere. The caller checks that the file is a usable table.
 */
export function aliasesFileFromCommandLine(
  argv: readonly string[],
  options: { readonly cwd: string },
): string | null {
  let file: string | null = null;
  // argv[0] is the executable.
  for (let index = 1; index < argv.length; index += 1) {
    const argument = argv[index]!;
    let value: string | undefined;
    if (argument === ALIASES_SWITCH) {
      value = argv[index + 1];
      index += 1;
    } else if (argument.startsWith(`${ALIASES_SWITCH}=`)) {
      value = argument.slice(ALIASES_SWITCH.length + 1);
    } else {
      continue;
    }
    if (value !== undefined && value !== '' && !value.startsWith('-')) {
      file = isAbsolute(value) ? value : resolve(options.cwd, value);
    }
  }
  return file;
}

/**
 * `argv` without `--aliases FILE`, so the file is not mistaken for the folder to open (the folder
 * is the last plain argument, and `accord-reader ~/posts --aliases mine.json` is a fair way to
 * write it). `--aliases=FILE` is one switch and needs no help.
 */
export function withoutAliasesValue(argv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    if (index > 0 && argv[index] === ALIASES_SWITCH) {
      const next = argv[index + 1];
      // A following switch is not the value: `--aliases --inspect` keeps `--inspect`.
      if (next !== undefined && !next.startsWith('-')) index += 1;
      continue;
    }
    kept.push(argv[index]!);
  }
  return kept;
}
