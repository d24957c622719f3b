import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { observeMap as observe } from '../__fixtures__/observe-map';
import { PackedFrequencies, PackedTermData } from './packed-postings';

type Fields = Map<number, Map<number, number>>;

/** `fields` in the layout `shard-codec.ts` writes, after `padding` unrelated integers. */
function pack(fields: Fields, padding = 3): Int32Array {
  const integers: number[] = Array.from({ length: padding }, (_, index) => -index - 7);
  integers.push(fields.size);
  for (const [fieldId, frequencies] of fields) {
    integers.push(fieldId, frequencies.size);
    for (const [shortId, frequency] of frequencies) integers.push(shortId, frequency);
  }
  integers.push(99, 98);
  return Int32Array.from(integers);
}

function observeFields(map: Fields): unknown {
  return {
    size: map.size,
    fields: [...map].map(([fieldId, frequencies]) => [fieldId, observe(frequencies)]),
    keys: [...map.keys()],
    lookups: [0, 1, 2, 3, 4].map((fieldId) => map.has(fieldId)),
  };
}

/** Postings as a shard writes them (short ids ascending, searched by halves) or in any order. */
const frequencies = fc
  .tuple(
    fc.uniqueArray(fc.tuple(fc.nat(40), fc.integer({ min: 1, max: 9 })), {
      selector: ([shortId]) => shortId,
      maxLength: 12,
    }),
    fc.boolean(),
  )
  .map(([pairs, ascending]) => new Map(ascending ? pairs.sort(([a], [b]) => a - b) : pairs));
const fields = fc
  .uniqueArray(fc.tuple(fc.nat(4), frequencies), { selector: ([fieldId]) => fieldId, maxLength: 4 })
  .map((entries) => new Map(entries));
const change = fc.oneof(
  fc.record({ type: fc.constant('set' as const), key: fc.nat(40), value: fc.nat(9) }),
  fc.record({ type: fc.constant('delete' as const), key: fc.nat(40) }),
  fc.record({ type: fc.constant('clear' as const) }),
);

describe('packed postings', () => {
  it('reads as the Map it was packed from, and changes as that Map changes', () => {
    fc.assert(
      fc.property(frequencies, fc.array(change, { maxLength: 8 }), (map, changes) => {
        const packed = new PackedFrequencies(pack(new Map([[0, map]])), 3 + 3, map.size);
        const model = new Map(map);
        expect(observe(packed)).toEqual(observe(model));
        for (const step of changes) {
          if (step.type === 'set') {
            expect(packed.set(step.key, step.value)).toBe(packed);
            model.set(step.key, step.value);
          } else if (step.type === 'delete') {
            expect(packed.delete(step.key)).toBe(model.delete(step.key));
          } else {
            packed.clear();
            model.clear();
          }
          expect(observe(packed)).toEqual(observe(model));
        }
      }),
    );
  });

  it("reads a term's fields as the Map they were packed from, and changes as it changes", () => {
    fc.assert(
      fc.property(fields, fc.array(change, { maxLength: 6 }), (map, changes) => {
        const postings = pack(map);
        const packed = new PackedTermData(postings, 3);
        expect(PackedTermData.skip(postings, 3)).toBe(postings.length - 2);
        const model: Fields = new Map([...map].map(([id, inner]) => [id, new Map(inner)]));
        expect(observeFields(packed)).toEqual(observeFields(model));
        for (const step of changes) {
          const fieldId = 'key' in step ? step.key % 5 : 0;
          if (step.type === 'set') {
            packed.set(fieldId, new Map([[step.value, 1]]));
            model.set(fieldId, new Map([[step.value, 1]]));
          } else if (step.type === 'delete') {
            expect(packed.delete(fieldId)).toBe(model.delete(fieldId));
          } else {
            // A change to one field's postings, through the object the term handed out.
            packed.get(fieldId)?.set(7, 7);
            model.get(fieldId)?.set(7, 7);
          }
          expect(observeFields(packed)).toEqual(observeFields(model));
        }
      }),
    );
  });

  it('lets an iteration delete entries behind it, as MiniSearch’s vacuum does with a Map', () => {
    const source = new Map([
      [1, 1],
      [2, 1],
      [3, 2],
      [4, 1],
    ]);
    const packed = new PackedFrequencies(pack(new Map([[0, source]])), 6, source.size);
    const model = new Map(source);
    const dead = new Set([1, 3, 4]);
    for (const target of [packed, model]) {
      const visited: number[] = [];
      for (const [shortId] of target) {
        visited.push(shortId);
        if (dead.has(shortId)) target.delete(shortId);
      }
      expect(visited).toEqual([1, 2, 3, 4]);
    }
    expect([...packed]).toEqual([...model]);
  });

  it('refuses counts that run past the postings or below zero', () => {
    expect(() => PackedTermData.skip(Int32Array.from([1, 0, 5, 1, 1]), 0)).toThrow(/^search: /);
    expect(() => PackedTermData.skip(Int32Array.from([-1]), 0)).toThrow(/^search: /);
    expect(() => PackedTermData.skip(Int32Array.from([1, 0, -2]), 0)).toThrow(/^search: /);
    expect(() => PackedTermData.skip(Int32Array.from([]), 0)).toThrow(/^search: /);
  });
});
