import { describe, expect, it } from 'vitest';
import { yieldToEventLoop } from './yield-to-event-loop';

/**
 * Counts turns of the event loop: a `setImmediate` queued while immediates run waits for the next
 * turn, so a chain of them runs once per turn.
 */
function turnCounter(): { readonly turn: () => number; readonly stop: () => void } {
  let turn = 0;
  let running = true;
  const tick = () => {
    turn += 1;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  return { turn: () => turn, stop: () => (running = false) };
}

async function stepwise(name: string, steps: number, log: [string, number][], turn: () => number) {
  for (let step = 0; step < steps; step += 1) {
    await yieldToEventLoop();
    log.push([name, turn()]);
  }
}

describe('yieldToEventLoop', () => {
  it('resumes one waiting loop per turn of the event loop, so their slices never add up', async () => {
    const counter = turnCounter();
    const log: [string, number][] = [];
    await Promise.all([
      stepwise('scan', 4, log, counter.turn),
      stepwise('file list', 4, log, counter.turn),
      stepwise('reconcile', 4, log, counter.turn),
    ]);
    counter.stop();
    const turns = log.map(([, turn]) => turn);
    expect(new Set(turns).size).toBe(log.length);
    // Longest-waiting first: the loops take turns in order.
    expect(log.slice(0, 6).map(([name]) => name)).toEqual([
      'scan',
      'file list',
      'reconcile',
      'scan',
      'file list',
      'reconcile',
    ]);
  });

  it('lets timers run between the turns of a long loop', async () => {
    let timerFired = false;
    setTimeout(() => (timerFired = true), 0);
    const started = Date.now();
    // A loop that would hold the thread until the timer fired, were it not for the turns.
    while (!timerFired) {
      if (Date.now() - started > 5_000) throw new Error('the timer never ran');
      await yieldToEventLoop();
    }
    expect(timerFired).toBe(true);
  });
});
