import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { observeMap } from '../__fixtures__/observe-map';
import { GrowingFrequencies } from './growing-postings';

const change = fc.oneof(
  // Mostly what indexing does: the next document, or the one being added again.
  fc.record({ type: fc.constant('append' as const), step: fc.nat(3), value: fc.nat(9) }),
  fc.record({ type: fc.constant('set' as const), key: fc.nat(40), value: fc.nat(9) }),
  fc.record({ type: fc.constant('delete' as const), key: fc.nat(40) }),
  fc.record({ type: fc.constant('clear' as const) }),
);

describe('growing postings', () => {
  it('reads and changes as a Map does, whatever is set, deleted or cleared', () => {
    fc.assert(
      fc.property(
        fc.nat(30),
        fc.integer({ min: 1, max: 9 }),
        fc.array(change, { maxLength: 12 }),
        (first, frequency, changes) => {
          const growing = new GrowingFrequencies(first, frequency);
          const model = new Map([[first, frequency]]);
          let last = first;
          expect(observeMap(growing)).toEqual(observeMap(model));
          for (const step of changes) {
            if (step.type === 'append' || step.type === 'set') {
              const key = step.type === 'append' ? last + step.step : step.key;
              last = Math.max(last, key);
              expect(growing.set(key, step.value)).toBe(growing);
              model.set(key, step.value);
            } else if (step.type === 'delete') {
              expect(growing.delete(step.key)).toBe(model.delete(step.key));
            } else {
              growing.clear();
              model.clear();
            }
            expect(observeMap(growing)).toEqual(observeMap(model));
          }
        },
      ),
    );
  });

  it('lets an iteration delete entries behind it, as MiniSearch’s vacuum does with a Map', () => {
    const growing = new GrowingFrequencies(1, 1);
    const model = new Map([[1, 1]]);
    for (const [shortId, frequency] of [
      [2, 1],
      [3, 2],
      [4, 1],
    ] as const) {
      growing.set(shortId, frequency);
      model.set(shortId, frequency);
    }
    const dead = new Set([1, 3, 4]);
    for (const target of [growing, model]) {
      const visited: number[] = [];
      for (const [shortId] of target) {
        visited.push(shortId);
        if (dead.has(shortId)) target.delete(shortId);
      }
      expect(visited).toEqual([1, 2, 3, 4]);
    }
    expect([...growing]).toEqual([...model]);
  });

  it('sees entries appended during an iteration, as a Map iteration does', () => {
    const growing = new GrowingFrequencies(1, 1);
    const visited: number[] = [];
    for (const [shortId] of growing) {
      visited.push(shortId);
      if (shortId < 3) growing.set(shortId + 1, 1);
    }
    expect(visited).toEqual([1, 2, 3]);
  });
});
