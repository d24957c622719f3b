import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SettleTimer } from './settle-timer';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('SettleTimer', () => {
  it('calls back once, quietMs after the last of a run of events', () => {
    const settled = vi.fn();
    const timer = new SettleTimer(settled, { quietMs: 50, maxWaitMs: 250 });
    timer.poke();
    vi.advanceTimersByTime(30);
    timer.poke();
    vi.advanceTimersByTime(49);
    expect(settled).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(settled).toHaveBeenCalledTimes(1);
  });

  it('hands a stream that never pauses over every maxWaitMs', () => {
    const settled = vi.fn();
    const timer = new SettleTimer(settled, { quietMs: 50, maxWaitMs: 250 });
    for (let elapsed = 0; elapsed < 600; elapsed += 20) {
      timer.poke();
      vi.advanceTimersByTime(20);
    }
    // At 250 and 500 ms; the events after 500 ms are still settling.
    expect(settled).toHaveBeenCalledTimes(2);
  });

  it('does not call back for a run it was told to forget', () => {
    const settled = vi.fn();
    const timer = new SettleTimer(settled, { quietMs: 50, maxWaitMs: 250 });
    timer.poke();
    timer.cancel();
    vi.advanceTimersByTime(1000);
    expect(settled).not.toHaveBeenCalled();
  });
});
