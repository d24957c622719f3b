#!/usr/bin/env node
/**
 * `accord`: the command line over the core library. Exit codes: 0 done, 1 a problem (missing
 * folder, findings from `check`), 2 a usage mistake. Problems are one line on stderr, never a
 * stack trace.
 */
import { CommandProblem, UsageError } from './cli-error';

const USAGE = `Usage: accord <command> [options]

Commands:
  list      List posts, newest first
  search    Full-text search
  areas     Cooperation areas and categories with counts
  check     Report files that could not be read, warnings and duplicates
  serve     Open the reader in a browser

Options every command takes:
  --folder DIR      The posts folder (default: the bundled sample)
  --cache-dir DIR   Where the index cache lives (default: $ACCORD_CACHE_DIR or the OS cache)
  --aliases FILE    Extra area aliases: a JSON object of "alias": "Canonical Name"
  -h, --help        Show this help (also: accord <command> --help)

list, search, areas and check also take --json: exactly one JSON object on stdout.
`;

type Command = (args: readonly string[]) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  list: async () => (await import('./commands/list-command')).runListCommand,
  search: async () => (await import('./commands/search-command')).runSearchCommand,
  areas: async () => (await import('./commands/areas-command')).runAreasCommand,
  check: async () => (await import('./commands/check-command')).runCheckCommand,
  serve: async () => (await import('./commands/serve-command')).runServeCommandFromCli,
};

async function main(args: readonly string[]): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) throw new UsageError(`unknown command "${name}" (see accord --help)`);
  return (await load())(rest);
}

/** Set when writing the output failed for a reason other than the reader leaving. */
let outputFailed = false;

/**
 * A reader that stops early (`accord list | head -2`) closes the pipe, and the next write fails
 * with EPIPE. That is the reader's choice, not a problem of the command: the rest of the output
 * is dropped quietly and the command ends as it would have (commands close the library before
 * printing, so the cache is saved), exiting with its own code and nothing on stderr, as
 * `git log | head` ends quietly. Other write failures are reported as one line.
 */
function endQuietlyOnClosedPipe(): void {
  const closedPipe = (error: NodeJS.ErrnoException) =>
    error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED';
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (closedPipe(error)) return;
    process.stderr.write(`accord: cannot write the output: ${error.message.split('\n')[0]}\n`);
    outputFailed = true;
    process.exitCode = 1;
  });
  // Nowhere is left to report a failing stderr (`2>&1 | head`): only keep it from crashing.
  process.stderr.on('error', () => undefined);
}

endQuietlyOnClosedPipe();
main(process.argv.slice(2)).then(
  (code) => {
    if (!outputFailed) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof CommandProblem) {
      process.stderr.write(`accord: ${error.message}\n`);
      process.exitCode = error.exitCode;
    } else {
      // Unexpected: still one line, no stack (set ACCORD_DEBUG=1 to see it).
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`accord: ${message.split('\n')[0]}\n`);
      if (process.env.ACCORD_DEBUG) console.error(error);
      process.exitCode = 1;
    }
  },
);
