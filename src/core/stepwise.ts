/**
 * Long computations of the host thread written once, as generators that `yield` between their
 * steps, and run either at once (a caller that needs the answer now) or a step per task (work
 * done ahead of need, so a query or a worker's answer is not kept waiting behind it).
 *
 * @example
 * function* sumSteps(values: number[]): Generator<void, number> {
 *   let sum = 0;
 *   for (let i = 0; i < values.length; i += 1) {
 *     if (i > 0 && i % 1000 === 0) yield;
 *     sum += values[i]!;
 *   }
 *   return sum;
 * }
 * runAtOnce(sumSteps(values)); // the sum, now
 * await runInSteps(sumSteps(values)); // the sum, a thousand values per task
 */
import { yieldToEventLoop } from './yield-to-event-loop';

/** A computation that yields between steps and returns a `T`. */
export type Steps<T> = Generator<void, T, void>;

/** Runs `steps` to the end without pausing. */
export function runAtOnce<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Runs `steps` to the end, awaiting `pause` at every step (by default, the next task). */
export async function runInSteps<T>(
  steps: Steps<T>,
  pause: () => Promise<void> = yieldToEventLoop,
): Promise<T> {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    await pause();
  }
}
