/**
 * What the host thread knows about the folder: one record per candidate file (a post summary or
 * why it was skipped), and the views derived from them — the visible timeline after duplicate
 * permalinks are resolved, and the permalink lookup.
 */
import type { PostsChangedEvent } from '@shared/library-events';
import type { PostSummary } from '@shared/post';
import { resolveDuplicatesInSteps, type DuplicateResolution } from './duplicates';
import type { DuplicatePermalink, PostWarning, SkippedFile } from './library-service';
import { normalizePermalink } from './permalink';
import type { SummaryReplacement } from './search/filter-posts';
import type { FileIndexResult, FileToIndex } from './shard-protocol';
import { runAtOnce, runInSteps, type Steps } from './stepwise';

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

const permalinkKey = (summary: PostSummary): string | null =>
  summary.permalink === null ? null : normalizePermalink(summary.permalink);

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

/**
 * Replacements kept per batch, and in a chain, before the visible posts are derived again from
 * scratch: finding a replaced summary scans the visible list.
 */
const MAX_PATCHED_PER_BATCH = 16;
const MAX_PATCH_CHAIN = 16;

/** Records looked at per step while deriving the visible posts ahead of need (see `prepare`). */
const DERIVE_STEP_RECORDS = 2500;

/** Records taken per step when the records are replaced (see `resetSteps`). */
const RESET_STEP_RECORDS = 2500;

/** How a visible list was made from an earlier one by replacing summaries. */
interface Patch {
  /** The list just before this patch. */
  readonly from: PostSummary[];
  readonly replacements: readonly SummaryReplacement[];
  /**
   * The patch that made `from`, if it was patched too. Cut once a reader of the chain has caught
   * up with this patch: each link holds a whole earlier list.
   */
  earlier: Patch | null;
}

interface Derived {
  readonly visible: PostSummary[];
  readonly resolution: DuplicateResolution;
  readonly patch: Patch | null;
}

export class PostRecords {
  private records = new Map<string, FileRecord>();
  /** Kept for the library's life: it holds only distinct dates, layouts, categories and areas. */
  private readonly strings = new StringPool();
  private derived: Derived | null = null;
  /** Increases with every change to the records (see `prepare`). */
  private version = 0;

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

  /** How many files have a record (posts, and files that are not posts). */
  get size(): number {
    return this.records.size;
  }

  /** The file of a record, `relativePath`, on disk. */
  absolutePathOf(relativePath: string): string {
    return this.absolutePath(relativePath);
  }

  /**
   * Replaces every record (a cache load); each summary is the caller's own to keep. In steps of
   * `RESET_STEP_RECORDS`: in one task, sharing the strings of 10,000 summaries held the host thread
   * 15–25 ms of a warm open. The records change at once, after the last step.
   */
  *resetSteps(records: readonly FileRecord[]): Steps<void> {
    const next = new Map<string, FileRecord>();
    for (let start = 0; start < records.length; start += RESET_STEP_RECORDS) {
      if (start > 0) yield;
      const end = Math.min(records.length, start + RESET_STEP_RECORDS);
      for (let index = start; index < end; index += 1) {
        const record = records[index]!;
        if (record.summary) this.strings.shareSummary(record.summary, record.relativePath);
        next.set(record.relativePath, record);
      }
    }
    this.records = next;
    this.version += 1;
    this.derived = null;
  }

  /** Applies index results and removals; returns which posts changed. */
  apply(results: readonly FileIndexResult[], removedIds: readonly string[]): PostChanges {
    const added: string[] = [];
    const updated: string[] = [];
    const removed: string[] = [];
    const replacements: SummaryReplacement[] = [];
    this.version += 1;
    let patchable =
      this.derived !== null && removedIds.length === 0 && results.length <= MAX_PATCHED_PER_BATCH;
    for (const result of results) {
      const previous = this.records.get(result.relativePath);
      const wasPost = previous?.summary != null;
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
      if (patchable && (previous?.summary ?? null) !== record.summary) {
        const replacement = this.replacementOf(previous, record);
        if (replacement) replacements.push(replacement);
        else patchable = false;
      }
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
    if (results.length > 0 || removedIds.length > 0) {
      this.derived = patchable ? this.patched(this.derived!, replacements) : null;
    }
    return { added, updated, removed };
  }

  /**
   * The summaries replaced since `visible` (an earlier {@link visibleSummaries}) when the visible
   * posts differ from it only by those replacements; `null` when more changed (or it is unknown).
   */
  replacementsSince(visible: readonly PostSummary[]): readonly SummaryReplacement[] | null {
    if (this.derived?.visible === visible) return [];
    const patches: Patch[] = [];
    for (let patch = this.derived?.patch ?? null; patch; patch = patch.earlier) {
      patches.push(patch);
      if (patch.from !== visible) continue;
      // Nobody asks about lists older than `visible` again.
      patch.earlier = null;
      return patches.reverse().flatMap((each) => each.replacements);
    }
    return null;
  }

  /**
   * How a new record of a visible post replaces its summary without changing which posts are
   * visible; `undefined` when it may (a post appearing or going, a permalink changing or shared).
   */
  private replacementOf(
    previous: FileRecord | undefined,
    next: FileRecord,
  ): SummaryReplacement | undefined {
    const before = previous?.summary;
    const after = next.summary;
    const { resolution } = this.derived!;
    if (!before || !after || resolution.hidden.has(next.relativePath)) return undefined;
    if (permalinkKey(before) !== permalinkKey(after)) return undefined;
    // A newer file can win a shared permalink: only an uncontested post is patched.
    const contested = resolution.duplicates.some(
      (duplicate) =>
        duplicate.kept === next.relativePath || duplicate.ignored.includes(next.relativePath),
    );
    return contested ? undefined : { before, after };
  }

  private patched(derived: Derived, replacements: SummaryReplacement[]): Derived | null {
    const visible = derived.visible.slice();
    for (const { before, after } of replacements) {
      const index = visible.indexOf(before);
      if (index < 0) return null;
      visible[index] = after;
    }
    let depth = 1;
    for (let patch = derived.patch; patch; patch = patch.earlier) depth += 1;
    return {
      visible,
      resolution: derived.resolution,
      patch:
        depth <= MAX_PATCH_CHAIN
          ? { from: derived.visible, replacements, earlier: derived.patch }
          : null,
    };
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

  /** The visible posts if they are derived and current (see `prepare`), without deriving them. */
  currentVisibleSummaries(): readonly PostSummary[] | null {
    return this.derived?.visible ?? null;
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

  /**
   * Derives the visible posts ahead of need, a step per task (see `stepwise.ts`), unless they are
   * current. At 10,000 posts, deriving them at once blocked the host thread for ~40 ms right after
   * a warm open. A change made meanwhile discards the result: the next reader derives again.
   */
  async prepare(): Promise<void> {
    if (this.derived) return;
    const version = this.version;
    const derived = await runInSteps(this.deriveSteps());
    if (this.version === version && !this.derived) this.derived = derived;
  }

  private derive(): Derived {
    return (this.derived ??= runAtOnce(this.deriveSteps()));
  }

  private *deriveSteps(): Steps<Derived> {
    const claims = [];
    let seen = 0;
    for (const record of this.records.values()) {
      if (++seen % DERIVE_STEP_RECORDS === 0) yield;
      if (record.summary) {
        claims.push({
          id: record.relativePath,
          permalink: record.summary.permalink,
          mtimeMs: record.mtimeMs,
        });
      }
    }
    yield;
    const resolution = yield* resolveDuplicatesInSteps(claims);
    yield;
    const visible: PostSummary[] = [];
    seen = 0;
    for (const record of this.records.values()) {
      if (++seen % DERIVE_STEP_RECORDS === 0) yield;
      if (record.summary && !resolution.hidden.has(record.relativePath))
        visible.push(record.summary);
    }
    return { visible, resolution, patch: null };
  }
}
