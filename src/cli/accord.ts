#!/usr/bin/env node
/** `accord`: the command line. Placeholder until the core issue lands. */
const USAGE = `Usage: accord <command> [options]

Commands:
  list      List posts, newest first
  search    Full-text search
  areas     Cooperation areas and categories with counts
  check     Report files that could not be read, warnings and duplicates
  serve     Open the reader in a browser

Options:
  --folder DIR   The posts folder (default: the bundled sample)
  --json         Print one JSON object
  -h, --help     Show this help
`;

const args = process.argv.slice(2);
if (args.length === 0 || args.includes('--help') || args.includes('-h')) {
  process.stdout.write(USAGE);
  process.exit(0);
}
process.stderr.write(`accord: unknown command "${args[0]}" (see accord --help)\n`);
process.exit(2);
