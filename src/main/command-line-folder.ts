import { isAbsolute, resolve } from 'node:path';
import { withoutAliasesValue } from './command-line-aliases';

/**
 * The folder named on a command line (`accord-reader ~/posts`, or `electron . ~/posts` in
 * development), resolved against `cwd`; `null` if there is none. Switches (Chromium's and
 * Electron's own, which a second instance's argv may carry, in any position) are ignored, and so
 * are the file given to `--aliases` and the app's own directory, which an unpackaged app receives
 * as an argument. The caller checks that the path is a folder.
 */
export function folderFromCommandLine(
  argv: readonly string[],
  options: { readonly appPath: string; readonly cwd: string },
): string | null {
  const appPath = resolve(options.appPath);
  // argv[0] is the executable.
  const candidates = withoutAliasesValue(argv)
    .slice(1)
    .filter((argument) => argument !== '' && !argument.startsWith('-'))
    .map((argument) => (isAbsolute(argument) ? argument : resolve(options.cwd, argument)))
    .filter((path) => resolve(path) !== appPath);
  return candidates.at(-1) ?? null;
}
