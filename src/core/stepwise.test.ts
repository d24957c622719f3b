import { describe, expect, it } from 'vitest';
import { runAtOnce, runInSteps, type Steps } from './stepwise';

/** Sums `values`, yielding after each one and noting each step in `log`. */
function* summing(values: readonly number[], log: string[]): Steps<number> {
  let sum = 0;
  for (const value of values) {
    sum += value;
    log.push(`step ${value}`);
    yield;
  }
  return sum;
}

describe('stepwise computations', () => {
  it('run at once: the answer now, nothing else running in between', () => {
    const log: string[] = [];
    setImmediate(() => log.push('other task'));
    expect(runAtOnce(summing([1, 2, 3], log))).toBe(6);
    expect(log).toEqual(['step 1', 'step 2', 'step 3']);
  });

  it('run in steps: a step per task, so tasks queued meanwhile run between steps', async () => {
    const log: string[] = [];
    const running = runInSteps(summing([1, 2, 3], log));
    setImmediate(() => log.push('other task'));
    expect(await running).toBe(6);
    expect(log.indexOf('other task')).toBeGreaterThan(0);
    expect(log.indexOf('other task')).toBeLessThan(log.length - 1);
  });

  it('run in steps with a pause of the caller’s choosing', async () => {
    let pauses = 0;
    const pause = () => {
      pauses += 1;
      return Promise.resolve();
    };
    expect(await runInSteps(summing([4, 5], []), pause)).toBe(9);
    expect(pauses).toBe(2);
  });
});
