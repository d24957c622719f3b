import { describe, expect, it } from 'vitest';
import { MAX_SLICE, MIN_SLICE, SyncSlicePlanner } from './sync-slice-planner';

describe('SyncSlicePlanner', () => {
  it('sizes slices for a few milliseconds each on a fast disk', () => {
    const planner = new SyncSlicePlanner();
    expect(planner.record(256, 2.56)).toBe(true); // 10 µs a call
    expect(planner.size).toBe(800);
    expect(planner.record(800, 0.8)).toBe(true);
    expect(planner.size).toBe(MAX_SLICE);
  });

  it('keeps making blocking calls after one slow slice (a garbage collection, a busy core)', () => {
    const planner = new SyncSlicePlanner();
    expect(planner.record(256, 33)).toBe(true);
    expect(planner.size).toBeLessThan(256);
    expect(planner.record(planner.size, 1)).toBe(true);
    expect(planner.record(planner.size, 30)).toBe(true);
    expect(planner.record(planner.size, 1)).toBe(true);
  });

  it('stops when storage is slow even in the smallest slices', () => {
    const planner = new SyncSlicePlanner();
    // A network drive: 5 ms a call.
    expect(planner.record(256, 1280)).toBe(true);
    expect(planner.size).toBe(MIN_SLICE);
    expect(planner.record(MIN_SLICE, 80)).toBe(false);
  });
});
