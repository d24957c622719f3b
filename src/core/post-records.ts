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

export interface FileRecord extends FileToIndex {
  /** The post, or `null` when the file is not one (`skipped` says why). */
  readonly summary: PostSummary | null;
  readonly skipped?: string;
}

/** Ids whose post appeared, changed or disappeared in one applied batch. */
export type PostChanges = Omit<PostsChangedEvent, 'generation'>;

export class PostRecords {
  private readonly records = new Map<string, FileRecord>();
  private derived: { visible: PostSummary[]; resolution: DuplicateResolution } | null = null;

  constructor(private readonly absolutePathOf: (relativePath: string) => string) {}

  get(id: string): FileRecord | undefined {
    return this.records.get(id);
  }

  values(): IterableIterator<FileRecord> {
    return this.records.values();
  }

  ids(): string[] {
    return [...this.records.keys()];
  }

  /** Replaces every record (a cache load). */
  reset(records: Iterable<FileRecord>): void {
    this.records.clear();
    for (const record of records) this.records.set(record.relativePath, record);
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
        absolutePath: this.absolutePathOf(result.relativePath),
        size: result.size,
        mtimeMs: result.mtimeMs,
        summary: result.kind === 'post' ? result.summary : null,
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
          absolutePath: record.absolutePath,
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
