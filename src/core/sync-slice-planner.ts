/**
 * How many blocking file-system calls the scanner makes per slice of the host thread, and when it
 * stops making them.
 *
 * Local disks answer a `stat` in microseconds, and 10,000 blocking calls in slices cost a fraction
 * of the host-thread time of their promise versions (a thread-pool round trip each). A slow drive
 * (network, spun down) must not hold the thread, though. The scanner used to give up blocking
 * calls for good after one slice of 256 took over 20 ms — which a garbage collection or a busy
 * core caused in 4 of 6 warm opens of the benchmark, each then 30–100 % slower. Now one slow slice
 * only makes the next ones smaller; only storage slow at the smallest slice size, twice in a row,
 * ends them.
 *
 * @example
 * const planner = new SyncSlicePlanner();
 * // per slice: make `planner.size` calls, time them, then
 * if (!planner.record(count, elapsedMs)) useAsynchronousCalls();
 */
export class SyncSlicePlanner {
  /** Calls to make in the next slice. */
  size = INITIAL_SLICE;
  private slowInARow = 0;

  /**
   * Notes that the last slice made `count` calls in `elapsedMs`. Returns `false` when storage is
   * too slow for blocking calls at all.
   */
  record(count: number, elapsedMs: number): boolean {
    if (elapsedMs > SLICE_BUDGET_MS) {
      this.slowInARow += 1;
      if (this.slowInARow >= 2 && this.size === MIN_SLICE) return false;
    } else {
      this.slowInARow = 0;
    }
    const perCall = Math.max(elapsedMs, 0.01) / Math.max(count, 1);
    this.size = Math.min(MAX_SLICE, Math.max(MIN_SLICE, Math.round(SLICE_TARGET_MS / perCall)));
    return true;
  }
}

/** A slice longer than this is slow. */
export const SLICE_BUDGET_MS = 20;
/** What slices are sized for. */
const SLICE_TARGET_MS = 8;
const INITIAL_SLICE = 256;
export const MIN_SLICE = 16;
export const MAX_SLICE = 1024;
