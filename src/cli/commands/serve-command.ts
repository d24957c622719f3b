/** `accord serve`: browser mode, implemented by the server module and loaded only when asked for. */
export async function runServeCommandFromCli(args: readonly string[]): Promise<number> {
  const { runServeCommand } = await import('../../server/serve-command');
  return runServeCommand(args);
}
