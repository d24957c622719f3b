/** Errors the command line reports as one line on stderr, each with its exit code. */

/** The command line was used wrongly (unknown option, bad value): exit code 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
}

/** The command ran but could not do its job (missing folder, unreadable cache…): exit code 1. */
export class CommandProblem extends Error {
  readonly exitCode = 1;
}
