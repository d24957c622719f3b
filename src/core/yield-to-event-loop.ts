/**
 * Long loops over a whole folder (the scan's stat slices, the cache's file list, the reconcile,
 * the timeline's steps) await `yieldToEventLoop` between slices, so queries, status and worker
 * messages are not kept waiting behind them.
 *
 * The waiting loops take turns: each turn of the event loop resumes one of them, the one that has
 * waited longest. With a plain `setImmediate` each, every turn resumed all of them at once, and
 * during a warm open three ran side by side (scan, file list, then cache load): the host thread was
 * held for the sum of their slices plus whatever garbage collection fell in, 40–58 ms, where one
 * slice is ~8. Taking turns costs no throughput (the work all runs on this thread either way); it
 * only lets timers and I/O in between the slices.
 *
 * @example
 * for (let start = 0; start < files.length; start += SLICE) {
 *   if (start > 0) await yieldToEventLoop();
 *   handle(files.slice(start, start + SLICE));
 * }
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise<void>((resolve) => {
    waiting.push(resolve);
    if (!turnScheduled) scheduleTurn();
  });
}

/** Loops waiting for their turn, longest-waiting first. */
const waiting: (() => void)[] = [];
let turnScheduled = false;

function scheduleTurn(): void {
  turnScheduled = true;
  setImmediate(takeTurn);
}

function takeTurn(): void {
  turnScheduled = false;
  const next = waiting.shift();
  // Scheduled before the resumed loop runs (in this turn's microtasks), so the next loop waits
  // for the next turn, behind the timers and I/O that are due by then.
  if (waiting.length > 0) scheduleTurn();
  next?.();
}
