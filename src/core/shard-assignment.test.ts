import { describe, expect, it } from 'vitest';
import { shardFor } from './shard-assignment';

function countPerShard(paths: readonly string[], shardCount: number): number[] {
  const counts = new Array<number>(shardCount).fill(0);
  for (const path of paths) counts[shardFor(path, shardCount)]! += 1;
  return counts;
}

describe('shardFor', () => {
  it('gives a path the same shard every time, within range', () => {
    for (const path of ['_posts/a.md', 'media-releases/_posts/2024-11-20-ai.md', 'é/人工智能.md']) {
      const shard = shardFor(path, 3);
      expect(shard).toBe(shardFor(path, 3));
      expect(shard).toBeGreaterThanOrEqual(0);
      expect(shard).toBeLessThan(3);
    }
  });

  it('splits names that differ only in even digits across two shards', () => {
    // Every character that varies here is even, so a bare FNV-1a % 2 put them all on one shard.
    const evenDigits = ['0', '2', '4', '6', '8'];
    const paths = evenDigits.flatMap((month) =>
      evenDigits.flatMap((day) =>
        evenDigits.map((n) => `_posts/2024-0${month}-2${day}-release-${n}${n}.md`),
      ),
    );
    const [first = 0, second = 0] = countPerShard(paths, 2);
    expect(Math.min(first, second)).toBeGreaterThan(paths.length * 0.3);
  });

  it('balances numbered posts across the shard counts a laptop uses', () => {
    const paths = Array.from({ length: 4000 }, (_, index) => `_posts/post-${index}.md`);
    for (const shardCount of [2, 3, 4]) {
      const counts = countPerShard(paths, shardCount);
      const fairShare = paths.length / shardCount;
      for (const count of counts) expect(Math.abs(count - fairShare)).toBeLessThan(fairShare * 0.1);
    }
  });
});
