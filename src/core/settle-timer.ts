/**
 * Calls back once a run of events has settled: `quietMs` after the latest event, and no later than
 * `maxWaitMs` after the first one, so a stream that never pauses is still handed over in batches.
 *
 * @example
 * const settle = new SettleTimer(() => flushPendingPaths(), { quietMs: 50, maxWaitMs: 250 });
 * watcher.on('change', (path) => {
 *   pending.add(path);
 *   settle.poke();
 * });
 */
export class SettleTimer {
  private timer: NodeJS.Timeout | null = null;
  private firstEventAt = 0;

  constructor(
    private readonly onSettled: () => void,
    private readonly timing: { readonly quietMs: number; readonly maxWaitMs: number },
  ) {}

  /** An event happened: `onSettled` runs once the run it belongs to settles. */
  poke(): void {
    const now = Date.now();
    if (!this.timer) this.firstEventAt = now;
    else clearTimeout(this.timer);
    const { quietMs, maxWaitMs } = this.timing;
    const wait = Math.max(0, Math.min(quietMs, this.firstEventAt + maxWaitMs - now));
    this.timer = setTimeout(() => {
      this.timer = null;
      this.onSettled();
    }, wait);
  }

  /** Forgets the current run: `onSettled` is not called for it. */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
