/**
 * Resolves after the tasks already queued have run: long loops over a whole folder await it
 * between slices, so queries, status and worker messages are not kept waiting behind them.
 */
export const yieldToEventLoop = (): Promise<void> =>
  new Promise<void>((resolve) => setImmediate(resolve));
