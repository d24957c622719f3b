import { describe, expect, it } from 'vitest';
import { latestOnly } from './latest-only';

/** A function whose calls finish when the test says so. */
function controlled() {
  const calls: { arg: string; finish: (value: string) => void; fail: (error: Error) => void }[] =
    [];
  const run = (arg: string) =>
    new Promise<string>((resolve, reject) => calls.push({ arg, finish: resolve, fail: reject }));
  return { calls, run };
}

const settled = async <T>(promise: Promise<T>) => {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setTimeout(resolve, 0));
  return done;
};

describe('latestOnly', () => {
  it('runs one call at a time and, of those waiting, only the latest', async () => {
    const { calls, run } = controlled();
    const ask = latestOnly(run);
    const first = ask('n');
    const replaced = ask('ne');
    const last = ask('net');
    expect(calls.map((call) => call.arg)).toEqual(['n']);
    calls[0]!.finish('answer n');
    expect(await first).toBe('answer n');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls.map((call) => call.arg)).toEqual(['n', 'net']);
    calls[1]!.finish('answer net');
    expect(await last).toBe('answer net');
    expect(await settled(replaced)).toBe(false);
  });

  it('passes a failure on and goes on with the next call', async () => {
    const { calls, run } = controlled();
    const ask = latestOnly(run);
    const failing = ask('a');
    const next = ask('b');
    calls[0]!.fail(new Error('offline'));
    await expect(failing).rejects.toThrow('offline');
    await new Promise((resolve) => setTimeout(resolve, 0));
    calls[1]!.finish('answer b');
    expect(await next).toBe('answer b');
  });
});
