import type { SearchHit } from './search-contract';

/** Higher score first; equal scores in id order so every run gives the same order. */
function compareHits(a: SearchHit, b: SearchHit): number {
  if (a.score !== b.score) return b.score - a.score;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Combines the answers of several shards into one map, best hit first (a `Map` iterates in
 * insertion order). Shards hold disjoint ids; should an id appear twice anyway, the better hit
 * wins. Scores come from each shard's own statistics; shards built from similar slices of a
 * folder score on the same scale, which is what the library's round-robin split provides.
 */
export function mergeHits(hitLists: Iterable<readonly SearchHit[]>): Map<string, SearchHit> {
  const all: SearchHit[] = [];
  for (const hits of hitLists) {
    for (const hit of hits) all.push(hit);
  }
  all.sort(compareHits);
  const merged = new Map<string, SearchHit>();
  for (const hit of all) {
    if (!merged.has(hit.id)) merged.set(hit.id, hit);
  }
  return merged;
}
