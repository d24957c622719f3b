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

/** The shard (0 … `shardCount - 1`) that indexes the post at `relativePath`. */
export function shardFor(relativePath: string, shardCount: number): number {
  return fnv1a(relativePath) % shardCount;
}
