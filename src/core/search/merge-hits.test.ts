import { describe, expect, it } from 'vitest';
import { mergeHits } from './merge-hits';
import type { SearchHit } from './search-contract';

const hit = (id: string, score: number): SearchHit => ({ id, score, terms: [] });

describe('mergeHits', () => {
  it('interleaves the hits of several shards best first', () => {
    const merged = mergeHits([[hit('a', 9), hit('b', 3)], [hit('c', 5), hit('d', 1)], []]);
    expect([...merged.keys()]).toEqual(['a', 'c', 'b', 'd']);
    expect(merged.get('c')?.score).toBe(5);
  });

  it('orders equal scores by id so the result is stable', () => {
    expect([...mergeHits([[hit('z', 1)], [hit('m', 1)]]).keys()]).toEqual(['m', 'z']);
  });

  it('keeps the better hit if an id is reported twice', () => {
    expect(mergeHits([[hit('a', 1)], [hit('a', 4)]]).get('a')?.score).toBe(4);
  });
});
