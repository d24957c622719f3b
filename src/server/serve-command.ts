// STUB — replaced by the browser-mode work. Signature is the contract.

/** Runs `accord serve` with its own arguments (after `serve`); resolves to the exit code. */
export async function runServeCommand(_args: readonly string[]): Promise<number> {
  process.stderr.write('accord serve: not implemented yet\n');
  return 1;
}
