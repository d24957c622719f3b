/**
 * Everything a reader of a `Map<number, number>` can observe, in iteration order, through the
 * `Map` interface and the postings walks: what the postings classes' property tests compare
 * against a real `Map` (see `search/postings-map.ts`).
 */
import { forEachPosting, someDocument } from '../search/postings-map';

export function observeMap(map: Map<number, number>): unknown {
  const viaForEach: [number, number][] = [];
  map.forEach((value, key) => viaForEach.push([key, value]));
  const walked: [number, number][] = [];
  forEachPosting(map, (frequency, shortId) => walked.push([shortId, frequency]));
  const tested: number[] = [];
  const anyOver20 = someDocument(map, (shortId) => (tested.push(shortId), shortId > 20));
  return {
    size: map.size,
    entries: [...map],
    keys: [...map.keys()],
    values: [...map.values()],
    viaForEach,
    walked,
    anyOver20,
    tested,
    lookups: [0, 1, 2, 3, 5, 8, 13, 40].map((key) => [map.get(key), map.has(key)]),
  };
}
