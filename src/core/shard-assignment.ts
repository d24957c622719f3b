/**
 * Which shard holds which post: a stable hash of the relative path, so a file keeps its shard
 * across restarts and the cache's shards stay valid.
 */

/** FNV-1a over UTF-16 code units: fast, stable across runs and platforms. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * MurmurHash3's finaliser: every input bit moves every output bit.
 *
 * Why: FNV-1a's low bit is the XOR of the inputs' low bits (the prime is odd), so `% 2` alone
 * would split posts by the parity of their odd character codes: names that differ only in even
 * digits (`…-02-…`, `…-04-…`) would all land on the same shard.
 */
function mixBits(hash: number): number {
  let mixed = hash;
  mixed ^= mixed >>> 16;
  mixed = Math.imul(mixed, 0x85ebca6b);
  mixed ^= mixed >>> 13;
  mixed = Math.imul(mixed, 0xc2b2ae35);
  mixed ^= mixed >>> 16;
  return mixed >>> 0;
}

/** The shard (0 … `shardCount - 1`) that indexes the post at `relativePath`. */
export function shardFor(relativePath: string, shardCount: number): number {
  return mixBits(fnv1a(relativePath)) % shardCount;
}
