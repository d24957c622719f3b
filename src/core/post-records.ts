/**
 * What the host thread knows about the folder: one record per candidate file (a post summary or
 * why it was skipped), and the views derived from them — the visible timeline after duplicate
 * permalinks are resolved, and the permalink lookup.
 */
import type { PostsChangedEvent } from '@shared/library-events';
import type { PostSummary } from '@shared/post';
import { resolveDuplicates, type DuplicateResolution } from './duplicates';
import type { DuplicatePermalink, PostWarning, SkippedFile } from './library-service';
import { normalizePermalink } from './permalink';
import type { FileIndexResult, FileToIndex } from './shard-protocol';

/**
 * What the host keeps per candidate file. The absolute path is not kept: it is derived from the
 * relative one when a file is read (at 100,000 posts, stored paths were ~10 MB of host heap).
 */
export interface FileRecord extends Omit<FileToIndex, 'absolutePath'> {
  /** The post, or `null` when the file is not one (`skipped` says why). */
  readonly summary: PostSummary | null;
  readonly skipped?: string;
}

/** Ids whose post appeared, changed or disappeared in one applied batch. */
export type PostChanges = Omit<PostsChangedEvent, 'generation'>;

type MutableSummary = { -readonly [K in keyof PostSummary]: PostSummary[K] };

/**
 * One string instance for each value many posts repeat. Summaries arrive from a worker or the
 * cache file with their own copy of every string: the path three times (`relativePath`, `id`,
 * `path`), and the same dates, layouts, categories and areas as thousands of other posts. Sharing
 * them took the host's heap for 20,000 posts from 37 to 15 MB (with not keeping absolute paths).
 */
class StringPool {
  readonly #strings = new Map<string, string>();

  share<T extends string | null>(value: T): T {
    if (value === null) return value;
    const known = this.#strings.get(value);
    if (known !== undefined) return known as T;
    this.#strings.set(value, value);
    return value;
  }

  /**
   * Points `summary`'s repeated strings at shared instances, its `id` and `path` at
   * `relativePath` when they spell the same (they do for every parsed post). The summary is the
   * caller's own fresh copy, so it is updated in place: no field changes its value.
   */
  shareSummary(summary: PostSummary, relativePath: string): PostSummary {
    const shared = summary as MutableSummary;
    if (shared.id === relativePath) shared.id = relativePath;
    if (shared.path === relativePath) shared.path = relativePath;
    shared.date = this.share(shared.date);
    shared.layout = this.share(shared.layout);
    shared.category = this.share(shared.category);
    const areas = shared.areas as string[];
    for (let i = 0; i < areas.length; i += 1) areas[i] = this.share(areas[i]!);
    return summary;
  }
}

export class PostRecords {
  private readonly records = new Map<string, FileRecord>();
  /** Kept for the library's life: it holds only distinct dates, layouts, categories and areas. */
  private readonly strings = new StringPool();
  private derived: { visible: PostSummary[]; resolution: DuplicateResolution } | null = null;

  constructor(private readonly absolutePath: (relativePath: string) => string) {}

  get(id: string): FileRecord | undefined {
    return this.records.get(id);
  }

  values(): IterableIterator<FileRecord> {
    return this.records.values();
  }

  ids(): string[] {
    return [...this.records.keys()];
  }

  /** The file of a record, `relativePath`, on disk. */
  absolutePathOf(relativePath: string): string {
    return this.absolutePath(relativePath);
  }

  /** Replaces every record (a cache load); each summary is the caller's own to keep. */
  reset(records: Iterable<FileRecord>): void {
    this.records.clear();
    for (const record of records) {
      if (record.summary) this.strings.shareSummary(record.summary, record.relativePath);
      this.records.set(record.relativePath, record);
    }
    this.derived = null;
  }

  /** Applies index results and removals; returns which posts changed. */
  apply(results: readonly FileIndexResult[], removedIds: readonly string[]): PostChanges {
    const added: string[] = [];
    const updated: string[] = [];
    const removed: string[] = [];
    for (const result of results) {
      const wasPost = this.records.get(result.relativePath)?.summary != null;
      const record: FileRecord = {
        relativePath: result.relativePath,
        size: result.size,
        mtimeMs: result.mtimeMs,
        summary:
          result.kind === 'post'
            ? this.strings.shareSummary(result.summary, result.relativePath)
            : null,
        ...(result.kind === 'skipped' ? { skipped: result.reason } : {}),
      };
      this.records.set(result.relativePath, record);
      if (result.kind === 'post') (wasPost ? updated : added).push(result.relativePath);
      else if (wasPost) removed.push(result.relativePath);
    }
    for (const id of removedIds) {
      const record = this.records.get(id);
      if (!record) continue;
      this.records.delete(id);
      if (record.summary) removed.push(id);
    }
    if (results.length > 0 || removedIds.length > 0) this.derived = null;
    return { added, updated, removed };
  }

  /** Posts the shard at `shardIndex` should hold (for rebuilding a replaced worker). */
  postsOfShard(shardIndex: number, shardOf: (id: string) => number): FileToIndex[] {
    const files: FileToIndex[] = [];
    for (const record of this.records.values()) {
      if (record.summary && shardOf(record.relativePath) === shardIndex) {
        files.push({
          relativePath: record.relativePath,
          absolutePath: this.absolutePath(record.relativePath),
          size: record.size,
          mtimeMs: record.mtimeMs,
        });
      }
    }
    return files;
  }

  /** Every post except duplicates that lost their permalink. Cached until the next change. */
  visibleSummaries(): readonly PostSummary[] {
    return this.derive().visible;
  }

  /** The id that owns `permalink` (trailing slash optional), or `null`. */
  findByPermalink(permalink: string): string | null {
    const key = normalizePermalink(permalink);
    return key === null ? null : (this.derive().resolution.byPermalink.get(key) ?? null);
  }

  duplicates(): readonly DuplicatePermalink[] {
    return this.derive().resolution.duplicates;
  }

  postCount(): number {
    let count = 0;
    for (const record of this.records.values()) if (record.summary) count++;
    return count;
  }

  skippedFiles(): SkippedFile[] {
    const skipped: SkippedFile[] = [];
    for (const record of this.records.values()) {
      if (!record.summary)
        skipped.push({ path: record.relativePath, reason: record.skipped ?? 'not a post' });
    }
    return skipped;
  }

  warnings(): PostWarning[] {
    const warnings: PostWarning[] = [];
    for (const record of this.records.values()) {
      for (const message of record.summary?.warnings ?? [])
        warnings.push({ path: record.relativePath, message });
    }
    return warnings;
  }

  private derive(): { visible: PostSummary[]; resolution: DuplicateResolution } {
    if (this.derived) return this.derived;
    const claims = [];
    for (const record of this.records.values()) {
      if (record.summary) {
        claims.push({
          id: record.relativePath,
          permalink: record.summary.permalink,
          mtimeMs: record.mtimeMs,
        });
      }
    }
    const resolution = resolveDuplicates(claims);
    const visible: PostSummary[] = [];
    for (const record of this.records.values()) {
      if (record.summary && !resolution.hidden.has(record.relativePath))
        visible.push(record.summary);
    }
    this.derived = { visible, resolution };
    return this.derived;
  }
}
