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

Options:
  --folder DIR      The posts folder (default: the bundled sample)
  --cache-dir DIR   Where the index cache lives
  --json            Print one JSON object
  -h, --help        Show this help (also: accord <command> --help)
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

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
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
