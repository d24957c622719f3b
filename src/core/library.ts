/**
 * `openLibrary`: one posts folder, indexed by shard workers, cached on disk and kept in step with
 * the disk by a watcher. The host thread holds only post summaries, the permalink map and the
 * status; the full text lives in the workers.
 */
import { createHash } from 'node:crypto';
import { readFile, realpath, stat } from 'node:fs/promises';
import { basename, join, posix, resolve } from 'node:path';
import type { IndexStatus, PostsChangedEvent } from '@shared/library-events';
import type { Post, PostSummary } from '@shared/post';
import type {
  MonthCount,
  PostFilter,
  QueryResult,
  Snippet,
  TimelineEntry,
  TimelineWindow,
} from '@shared/query';
import type { Unsubscribe } from '@shared/reader-api';
import { APP_VERSION } from './app-version';
import { cacheDirectoryFor, defaultCacheRoot } from './cache-location';
import {
  CACHE_FORMAT_VERSION,
  prepareCacheDirectory,
  openCacheManifest,
  writeCacheManifest,
  type CacheKey,
  type OpenedCacheManifest,
} from './cache-store';
import { FolderWatcher, type WatchBatch, type WatcherFactory } from './folder-watcher';
import {
  ThreadedFolderWatcher,
  type FolderWatching,
  type ThreadedFolderWatcherOptions,
} from './threaded-folder-watcher';
import type {
  CheckReport,
  LibraryOptions,
  LibraryService,
  QueryOptions,
  SkippedFile,
} from './library-service';
import { InterimFolderWatch } from './interim-folder-watch';
import { ListenerSet } from './listener-set';
import { loadAreaAliases } from './post/area-aliases';
import type { AreaAliases, ParseOutcome, PostFileInput } from './post/parse-contract';
import { isPostCandidate, isPostFolder } from './post-candidates';
import { PostRecords, type FileRecord, type PostChanges } from './post-records';
import { isPathInside, resolveSafeFile } from './safe-path';
import { describeFileError, scanFolder, type ScannedFile, type ScanResult } from './scanner';
import { Timeline, type TimelinePositions } from './search/filter-posts';
import { yieldToEventLoop } from './yield-to-event-loop';
import { runInSteps } from './stepwise';
import type { ShardMatches } from './search/search-contract';
import { MAX_POST_BYTES } from './shard-protocol';
import { defaultShardCount, ShardPool } from './shard-pool';
import { workerBuildStamp } from './shard-worker-host';

/** Options beyond the shared contract, for tests and the benchmark. */
export interface OpenLibraryOptions extends LibraryOptions {
  /** Number of shard workers (default: min(2, available cores)). */
  readonly shardCount?: number;
  /** A module (file URL) exporting `parsePostFile`, used instead of the real parser. */
  readonly parserModule?: string;
  /** How long one file may take to parse before its worker is replaced (default 10 s). */
  readonly fileTimeoutMs?: number;
  /** Replaces chokidar (tests simulate running out of watches with it). */
  readonly watcherFactory?: WatcherFactory;
  /** How often the folder's presence is checked while watching (default 500 ms). */
  readonly presenceIntervalMs?: number;
  /**
   * Quiet time after the last change, and after the last search, before the cache is rewritten
   * (default 2 s).
   */
  readonly cacheWriteDelayMs?: number;
  /**
   * How long after the first index is ready the watcher starts (default 1.5 s). Its first walk
   * lists and stats every file on the cores the reader's first searches need. Until then a plain
   * watch of each folder hears post files change (`watchEarly`), and whatever that misses is found
   * by the rescan the watcher runs once it is ready.
   */
  readonly watchStartDelayMs?: number;
}

type ParsePostFile = (input: PostFileInput, aliases: AreaAliases) => ParseOutcome;

/**
 * Search results carry snippets for this many rows, the best ones (a window of the timeline shows
 * about twenty); cutting one costs ~0.05 ms, and a common word matches every post.
 */
const SNIPPET_ROWS = 50;

/** A windowed answer carries snippets for every row of its window, up to this many. */
const WINDOW_SNIPPET_ROWS = 200;

/** Rows `[start, end)` of a result of `total` rows that `window` asks for (all without one). */
function windowBounds(total: number, window: TimelineWindow | undefined): [number, number] {
  if (!window) return [0, total];
  const start = Math.min(window.offset, total);
  return [start, Math.min(start + window.limit, total)];
}

/** The index terms the shards matched, once each. */
function termsOf(matches: readonly ShardMatches[]): string[] {
  const terms = new Set<string>();
  for (const shard of matches) for (const term of shard.terms) terms.add(term);
  return [...terms];
}

/**
 * The rows of `found` in timeline order (the summaries themselves: no score, no snippet), with
 * per-month counts, for a plain timeline or a search asked in timeline order.
 */
function timelineAnswer(
  timeline: Timeline,
  found: TimelinePositions,
  window: TimelineWindow | undefined,
  terms: string[],
  generation: number,
): QueryResult {
  const { total, positions, areas, categories } = found;
  const [start, end] = windowBounds(total, window);
  const entries: PostSummary[] = [];
  for (let row = start; row < end; row += 1) entries.push(timeline.summaries[positions[row]!]!);
  return {
    total,
    entries,
    offset: start,
    months: monthCounts(timeline.summaries, positions),
    areas,
    categories,
    terms,
    generation,
  };
}

/**
 * Runs of equal months over date-ordered rows, so a reader can head rows it has not loaded.
 * Rows are newest first with undated last, so each month forms exactly one run.
 */
function monthCounts(
  summaries: readonly PostSummary[],
  positions: ArrayLike<number>,
): MonthCount[] {
  const months: { month: string | null; count: number }[] = [];
  let last: { month: string | null; count: number } | undefined;
  for (let row = 0; row < positions.length; row += 1) {
    const date = summaries[positions[row]!]!.date;
    const month = date === null ? null : date.slice(0, 7);
    if (last !== undefined && last.month === month) last.count += 1;
    else months.push((last = { month, count: 1 }));
  }
  return months;
}

/** Scanned files compared with the records per task in a reconcile. */
const RECONCILE_SLICE = 2000;

/** Status updates during a cold index are throttled to this interval. */
const PROGRESS_INTERVAL_MS = 100;

/** Opens, indexes and (by default) watches a folder. */
export async function openLibrary(options: OpenLibraryOptions): Promise<LibraryService> {
  // Imported now when replaced (a bad module fails the open, not the first article), else on
  // first use: with `yaml` and `htmlparser2` the parser is most of the library's code, and on
  // this thread only `getPost` needs it — the shard workers parse everything else.
  const parse: () => Promise<ParsePostFile> = options.parserModule
    ? constant(
        ((await import(options.parserModule)) as { parsePostFile: ParsePostFile }).parsePostFile,
      )
    : once(async () => (await import('./post/parse-post')).parsePostFile);
  const library = new FolderLibrary(options, parse);
  library.start();
  return library;
}

function constant<T>(value: T): () => Promise<T> {
  const promise = Promise.resolve(value);
  return () => promise;
}

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () => (loading ??= load());
}

class FolderLibrary implements LibraryService {
  readonly folder: string;
  private readonly aliases: AreaAliases;
  private readonly pool: ShardPool;
  private readonly records: PostRecords;
  private readonly statusListeners = new ListenerSet<IndexStatus>();
  private readonly postsListeners = new ListenerSet<PostsChangedEvent>();
  private readonly watchEnabled: boolean;
  /** See `OpenLibraryOptions.cacheWriteDelayMs`. */
  private readonly cacheWriteDelayMs: number;
  private current: IndexStatus;
  private scanSkipped: SkippedFile[] = [];
  private jekyllSite = false;
  private realFolder: string | null = null;
  private folderIdentity: string | null = null;
  private cacheDirectory: string | null = null;
  /** The cache directory once it exists: workers keep indexed texts there until saved. */
  private spillDirectory: string | undefined;
  private cacheDirty = false;
  private cacheTimer: NodeJS.Timeout | null = null;
  /** When the last search asked the shards (`performance.now()`); see `scheduleCacheWrite`. */
  private lastSearchAt = Number.NEGATIVE_INFINITY;
  private watcher: FolderWatching | null = null;
  private pollingMessage: string | null = null;
  private presenceTimer: NodeJS.Timeout | null = null;
  private watchStartTimer: NodeJS.Timeout | null = null;
  /** Hears post files change until the watcher has started and caught up (see `watchEarly`). */
  private interimWatch: InterimFolderWatch | null = null;
  /** Every change to the index runs here, one at a time, so records and shards never diverge. */
  private exclusiveChain: Promise<unknown> = Promise.resolve();
  private closed = false;
  private cachedTimeline: { source: readonly PostSummary[]; timeline: Timeline } | null = null;
  private timelinePreparation: Promise<void> | null = null;
  /** The shards' position tables for the timeline built ahead of need (`buildTimelineAhead`). */
  private positionTablesPreparation: Promise<void> = Promise.resolve();
  /** The posts changed while the timeline was being built ahead of need: build it again. */
  private timelineWanted = false;
  private readonly ready: Promise<void>;
  private markReady!: () => void;

  constructor(
    private readonly options: OpenLibraryOptions,
    private readonly parse: () => Promise<ParsePostFile>,
  ) {
    this.folder = resolve(options.folder);
    this.watchEnabled = options.watch ?? true;
    this.cacheWriteDelayMs = options.cacheWriteDelayMs ?? 2000;
    this.aliases = loadAreaAliases(options.aliasesFile);
    this.records = new PostRecords((relativePath) => join(this.folder, ...relativePath.split('/')));
    this.pool = new ShardPool({
      shardCount: options.shardCount ?? defaultShardCount(),
      aliasesFile: options.aliasesFile,
      parserModule: options.parserModule,
      fileTimeoutMs: options.fileTimeoutMs,
      spillDirectory: () => this.spillDirectory,
      filesToRebuild: (shardIndex) =>
        this.records.postsOfShard(shardIndex, (id) => this.pool.shardOf(id)),
    });
    this.current = {
      folder: this.folder,
      folderName: basename(this.folder) || this.folder,
      state: 'indexing',
      indexed: 0,
      total: 0,
      polling: false,
      generation: 0,
    };
    this.ready = new Promise((resolveReady) => (this.markReady = resolveReady));
  }

  start(): void {
    void this.exclusive(() => this.initialize()).finally(() => {
      this.markReady();
      this.prepareTimeline();
      if (this.watchEnabled && !this.closed) {
        this.startPresenceProbe();
        this.scheduleWatcherStart();
      }
    });
  }

  status(): IndexStatus {
    return this.current;
  }

  /** Resolves once the first index attempt is over: `ready`, or `missing`/`error` with a message. */
  whenReady(): Promise<void> {
    return this.ready;
  }

  async query(
    filter: PostFilter,
    window?: TimelineWindow,
    options?: QueryOptions,
  ): Promise<QueryResult> {
    const generation = this.current.generation;
    const text = filter.query?.trim() ?? '';
    if (text === '') {
      const timeline = await this.currentTimeline();
      return timelineAnswer(timeline, timeline.filter(filter, null), window, [], generation);
    }
    this.lastSearchAt = performance.now();
    const matches = this.closed ? [] : await this.pool.match(text);
    // Taken after the shards answered, so posts indexed meanwhile are not dropped as unknown.
    const timeline = await this.currentTimeline();
    // Tables being built ahead of need are finished in their steps, not again at once here.
    await this.positionTablesPreparation;
    const scores = timeline.scoresOf(this.pool.positionHits(matches, timeline));
    if (options?.order === 'timeline') {
      const found = timeline.filter(filter, scores, 'timeline');
      return timelineAnswer(timeline, found, window, termsOf(matches), generation);
    }
    // Only the rows up to the window's end need ordering (all of them without a window).
    const orderedRows = window ? window.offset + window.limit : Number.POSITIVE_INFINITY;
    const { total, positions, areas, categories } = timeline.filter(filter, scores, orderedRows);
    const [start, end] = windowBounds(total, window);
    // Snippets cost about as much as the search itself: cut them only for the rows a reader is
    // shown — the requested window, or the first rows of an unwindowed answer. They are fetched
    // before the rows are built: an every-row answer (100,000 objects) kept alive across that
    // round trip outlived the young generation and piled up as old garbage (1 GB of host heap in
    // the 100,000-post benchmark); built after it, the rows die young once the caller is done.
    const shownEnd = Math.min(end, start + (window ? WINDOW_SNIPPET_ROWS : SNIPPET_ROWS));
    const shownIds: string[] = [];
    for (let row = start; row < shownEnd; row += 1) {
      shownIds.push(timeline.summaries[positions[row]!]!.id);
    }
    const snippets =
      shownIds.length > 0 && !this.closed
        ? await this.pool.snippets(text, shownIds)
        : new Map<string, Snippet>();
    const entries: { -readonly [K in keyof TimelineEntry]: TimelineEntry[K] }[] = [];
    for (let row = start; row < end; row += 1) {
      const position = positions[row]!;
      // `Object.assign` to an empty literal is V8's fast clone path, several times faster than a
      // spread with an extra property.
      const entry: { -readonly [K in keyof TimelineEntry]: TimelineEntry[K] } = Object.assign(
        {},
        timeline.summaries[position]!,
      );
      entry.score = scores[position]!;
      if (row < shownEnd) {
        const snippet = snippets.get(entry.id);
        if (snippet !== undefined) entry.snippet = snippet;
      }
      entries.push(entry);
    }
    return {
      total,
      entries,
      offset: start,
      areas,
      categories,
      terms: termsOf(matches),
      generation,
    };
  }

  /** The visible posts in timeline order, rebuilt (at once) only after the posts changed. */
  private timeline(): Timeline {
    const visible = this.records.visibleSummaries();
    if (this.cachedTimeline?.source !== visible) {
      this.cachedTimeline = {
        source: visible,
        timeline: this.patchedTimeline() ?? new Timeline(visible),
      };
    }
    return this.cachedTimeline.timeline;
  }

  /**
   * The cached timeline patched to show the current visible posts, when the edits since it was
   * built leave the order and facets alone (what saving a post usually does); `null` when it must
   * be rebuilt.
   */
  private patchedTimeline(): Timeline | null {
    const cached = this.cachedTimeline;
    const replacements = cached ? this.records.replacementsSince(cached.source) : null;
    return replacements ? cached!.timeline.withReplaced(replacements) : null;
  }

  async getPost(id: string): Promise<Post | null> {
    const record = this.records.get(id);
    if (!record?.summary) return null;
    try {
      const absolutePath = this.records.absolutePathOf(record.relativePath);
      const info = await stat(absolutePath);
      if (!info.isFile() || info.size > MAX_POST_BYTES) return null;
      const bytes = await readFile(absolutePath);
      // Parsed fresh from disk: the host never keeps bodies in memory.
      const parse = await this.parse();
      const outcome = parse({ relativePath: id, bytes, mtimeMs: info.mtimeMs }, this.aliases);
      if (outcome.kind !== 'post') return null;
      return this.inTimelineSpelling(outcome.post, await this.currentTimeline());
    } catch {
      return null;
    }
  }

  /**
   * `post` with its areas and category spelled as the timeline shows them: names differing only
   * in letter case are one facet there, shown in the spelling most posts use, and the article's
   * chips must name the same facet the filters list.
   */
  private inTimelineSpelling(post: Post, timeline: Timeline): Post {
    const position = timeline.positionOf(post.id);
    const listed = position === undefined ? undefined : timeline.summaries[position];
    if (!listed) return post;
    const spelling = new Map(listed.areas.map((area) => [area.toLowerCase(), area]));
    const spell = (area: string) => spelling.get(area.toLowerCase()) ?? area;
    const category =
      post.category !== null && listed.category?.toLowerCase() === post.category.toLowerCase()
        ? listed.category
        : post.category;
    if (category === post.category && post.areas.every((area) => spell(area) === area)) return post;
    return {
      ...post,
      category,
      areas: post.areas.map(spell),
      areaDetails: post.areaDetails.map((detail) =>
        spell(detail.name) === detail.name ? detail : { ...detail, name: spell(detail.name) },
      ),
    };
  }

  async findByPermalink(permalink: string): Promise<string | null> {
    return this.records.findByPermalink(permalink);
  }

  async resolveAsset(postId: string, src: string): Promise<string | null> {
    if (!this.records.get(postId)?.summary) return null;
    // Relative sources start at the post's folder; site-root ones (`/images/x.png`) at the folder.
    return resolveSafeFile(
      this.folder,
      src,
      posix.dirname(postId) === '.' ? '' : posix.dirname(postId),
    );
  }

  async check(): Promise<CheckReport> {
    await this.ready;
    const skipped = [...this.scanSkipped, ...this.records.skippedFiles()].sort((a, b) =>
      a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
    );
    return {
      folder: this.folder,
      posts: this.records.postCount(),
      skipped,
      warnings: this.records
        .warnings()
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
      duplicates: [...this.records.duplicates()],
    };
  }

  onDidChangeStatus(listener: (status: IndexStatus) => void): Unsubscribe {
    return this.statusListeners.add(listener);
  }

  onDidChangePosts(listener: (event: PostsChangedEvent) => void): Unsubscribe {
    return this.postsListeners.add(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.presenceTimer) clearInterval(this.presenceTimer);
    if (this.cacheTimer) clearTimeout(this.cacheTimer);
    if (this.watchStartTimer) clearTimeout(this.watchStartTimer);
    this.stopInterimWatch();
    await this.watcher?.close();
    this.watcher = null;
    await this.exclusiveChain;
    await this.saveCache().catch(() => undefined);
    await this.pool.close();
    this.statusListeners.clear();
    this.postsListeners.clear();
  }

  // ——— Indexing ———

  /**
   * Queues `operation` behind every earlier change. Never rejects: a failure becomes the `error`
   * status (one line), and later operations still run.
   */
  private exclusive(operation: () => Promise<void>): Promise<void> {
    this.exclusiveChain = this.exclusiveChain.then(operation).catch((error: unknown) => {
      if (this.closed) return;
      const message = error instanceof Error ? error.message : String(error);
      this.setStatus({
        state: 'error',
        message: message.startsWith('library:') ? message : `library: ${message}`,
      });
    });
    return this.exclusiveChain as Promise<void>;
  }

  private setStatus(change: Partial<IndexStatus>): void {
    const next: IndexStatus = { ...this.current, ...change };
    // `message` belongs to the state it explains; drop it unless this change sets one.
    if (
      !('message' in change) &&
      change.state !== undefined &&
      change.state !== this.current.state
    ) {
      delete (next as { message?: string }).message;
    }
    // While polling, the reason stays visible whatever else changes.
    if (next.polling && next.message === undefined && this.pollingMessage) {
      (next as { message?: string }).message = this.pollingMessage;
    }
    this.current = next;
    this.statusListeners.emit(next);
  }

  private async initialize(): Promise<void> {
    if (!(await this.checkFolder())) return;
    // The scan (mostly waiting on the disk) runs while the workers load their cached shards.
    const scanning = scanFolder(this.folder);
    scanning.catch(() => undefined);
    // Heard from the scan on: a post saved while the rest of the open runs is indexed after it.
    if (this.watchEnabled)
      void scanning.then(
        (scan) => this.watchEarly(scan),
        () => undefined,
      );
    // Workers start once the small manifest says whether they will load a cache or index the
    // folder (their memory is sized for it); their start-up overlaps with reading the file list.
    const manifest = await this.openManifest();
    await this.prepareSpillDirectory();
    this.pool.start(manifest ? 'load-cache' : 'index');
    if (manifest) await this.loadCache(manifest);
    await this.reconcile(true, scanning);
  }

  /** Whether the folder exists and is a folder; sets `missing`/`error` otherwise. */
  private async checkFolder(): Promise<boolean> {
    try {
      const info = await stat(this.folder);
      if (!info.isDirectory()) {
        this.setStatus({ state: 'error', message: `library: not a folder: ${this.folder}` });
        return false;
      }
      this.folderIdentity = `${info.dev}:${info.ino}`;
      this.realFolder = await realpath(this.folder);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        this.setStatus({ state: 'missing', message: `library: folder not found: ${this.folder}` });
      } else {
        this.setStatus({
          state: 'error',
          message: `library: cannot open ${this.folder}: ${describeFileError(error)}`,
        });
      }
      return false;
    }
  }

  private cacheKey(): CacheKey {
    const aliases = JSON.stringify(
      [...this.aliases].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
    const inputs = createHash('sha256')
      .update(aliases)
      .update(workerBuildStamp())
      .digest('hex')
      .slice(0, 32);
    return {
      formatVersion: CACHE_FORMAT_VERSION,
      appVersion: APP_VERSION,
      folder: this.realFolder!,
      shardCount: this.pool.shardCount,
      inputs,
    };
  }

  /** The folder's cache manifest if there is a current one (see `openCacheManifest`). */
  private async openManifest(): Promise<OpenedCacheManifest | null> {
    const root = this.options.cacheDir === undefined ? defaultCacheRoot() : this.options.cacheDir;
    if (root === null) return null;
    this.cacheDirectory = cacheDirectoryFor(resolve(root), this.realFolder!);
    return openCacheManifest(this.cacheDirectory, this.cacheKey());
  }

  /**
   * Creates the cache directory ahead of the first save, so the workers can keep the texts they
   * index in it rather than in memory. Without a usable one, they keep them in memory.
   */
  private async prepareSpillDirectory(): Promise<void> {
    const directory = this.cacheDirectory;
    if (!directory) return;
    try {
      await prepareCacheDirectory(directory);
      this.spillDirectory = directory;
    } catch {
      this.spillDirectory = undefined;
    }
  }

  /** Loads the cached index if it is intact; otherwise starts empty (silently). */
  private async loadCache(manifest: OpenedCacheManifest): Promise<void> {
    const directory = this.cacheDirectory!;
    const loading = this.pool.load(
      manifest.shards.map((shard) => ({
        path: join(directory, shard.fileName),
        checksum: shard.checksum,
      })),
    );
    // Read and built while the workers load their shards.
    const files = await manifest.readFiles();
    if (!files) {
      // Shards without their file list cannot be used: empty them so the scan reindexes.
      if (await loading) await this.pool.clear();
      return;
    }
    if (!(await loading)) return;
    // A cached file is a record as it stands: the file list's own objects become the records.
    await runInSteps(this.records.resetSteps(files satisfies readonly FileRecord[]));
  }

  /**
   * Scans the whole folder and brings records and shards in line with it: new and changed files
   * (by size and mtime) are indexed, vanished ones removed.
   */
  private async reconcile(
    reportProgress: boolean,
    scanning: Promise<ScanResult> = scanFolder(this.folder),
  ): Promise<void> {
    let scan: ScanResult;
    try {
      scan = await scanning;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return this.goMissing();
      throw error;
    }
    this.scanSkipped = scan.skipped;
    this.jekyllSite = scan.jekyllSite;
    const seen = new Set<string>();
    const changed: ScannedFile[] = [];
    let knownSeen = 0;
    for (let start = 0; start < scan.files.length; start += RECONCILE_SLICE) {
      // Slices, so a query or a worker's answer is not kept waiting behind 10,000 comparisons.
      if (start > 0) await yieldToEventLoop();
      const end = Math.min(scan.files.length, start + RECONCILE_SLICE);
      for (let index = start; index < end; index += 1) {
        const file = scan.files[index]!;
        seen.add(file.relativePath);
        const known = this.records.get(file.relativePath);
        if (known) knownSeen += 1;
        if (!known || known.size !== file.size || known.mtimeMs !== file.mtimeMs) {
          changed.push(file);
        }
      }
    }
    // A scan lists each file once: when it saw every record, none was removed, and the records
    // need not be searched (at 100,000 posts that search is ~40 ms in one task).
    const removed =
      knownSeen === this.records.size ? [] : this.records.ids().filter((id) => !seen.has(id));
    const total = changed.length;
    // Nothing to do (a warm start on an unchanged folder, the watcher's catch-up): no status flicker.
    if (total === 0 && removed.length === 0 && this.current.state === 'ready') return;
    this.setStatus({ state: 'indexing', indexed: 0, total });
    const changes = await this.indexAndRemove(changed, removed, reportProgress);
    this.setStatus({
      state: 'ready',
      indexed: total,
      total,
      polling: this.watcher?.polling ?? false,
    });
    this.publish(changes);
  }

  private async indexAndRemove(
    files: readonly ScannedFile[],
    removedIds: readonly string[],
    reportProgress: boolean,
  ): Promise<PostChanges> {
    if (removedIds.length > 0) await this.pool.remove(removedIds);
    const removed = this.records.apply([], removedIds).removed;
    const changes = { added: [] as string[], updated: [] as string[], removed: [...removed] };
    let indexed = 0;
    let lastReport = 0;
    // Records are updated batch by batch (so a long cold index is queryable as it goes), and each
    // batch's results are dropped once applied: kept to the end, 10,000 of them were copied by
    // every garbage collection of the host during a cold index.
    await this.pool.index(files, (batch) => {
      indexed += batch.length;
      const applied = this.records.apply(batch, []);
      changes.added.push(...applied.added);
      changes.updated.push(...applied.updated);
      changes.removed.push(...applied.removed);
      const now = Date.now();
      if (
        reportProgress &&
        (now - lastReport >= PROGRESS_INTERVAL_MS || indexed === files.length)
      ) {
        lastReport = now;
        this.options.onProgress?.(indexed, files.length);
        this.setStatus({ indexed, total: files.length });
      }
    });
    return changes;
  }

  private publish(changes: PostChanges): void {
    if (changes.added.length + changes.updated.length + changes.removed.length === 0) return;
    const generation = this.current.generation + 1;
    this.setStatus({ generation });
    this.postsListeners.emit({ generation, ...changes });
    this.scheduleCacheWrite();
    this.prepareTimeline();
  }

  /**
   * Builds the changed timeline ahead of the next query, a step per task: a reader asks for it
   * right after every change, and right after opening 10,000 posts the first query would
   * otherwise pay for it. Built at once, between two tasks, it blocked the host thread for
   * ~95 ms after a warm open (deriving the visible posts ~40, the timeline ~55). Queries that
   * arrive meanwhile wait for it (`currentTimeline`) instead of building it again.
   */
  private prepareTimeline(): void {
    if (this.timelinePreparation) {
      this.timelineWanted = true;
      return;
    }
    this.timelinePreparation = this.buildTimelineAhead()
      .catch(() => undefined) // A query builds it instead.
      .finally(() => {
        this.timelinePreparation = null;
        if (this.timelineWanted && !this.closed) {
          this.timelineWanted = false;
          this.prepareTimeline();
        }
      });
  }

  private async buildTimelineAhead(): Promise<void> {
    await yieldToEventLoop();
    if (this.closed) return;
    await this.records.prepare();
    const visible = this.records.currentVisibleSummaries();
    // Changed meanwhile (the change asks again), or built by a query meanwhile.
    if (this.closed || visible === null || this.cachedTimeline?.source === visible) return;
    const patched = this.patchedTimeline();
    const timeline = patched ?? (await Timeline.build(visible));
    if (this.records.currentVisibleSummaries() === visible) {
      this.cachedTimeline = { source: visible, timeline };
      // Not awaited: the timeline is ready. A search waits for the tables instead of building
      // them at once (at 100,000 posts that blocked the host ~75 ms).
      this.positionTablesPreparation = this.pool
        .preparePositionTables(timeline)
        .catch(() => undefined);
    }
  }

  /** The timeline, once a build ahead of need in progress is over (see `prepareTimeline`). */
  private async currentTimeline(): Promise<Timeline> {
    if (this.timelinePreparation) await this.timelinePreparation;
    return this.timeline();
  }

  // ——— Watching ———

  /**
   * Watching starts a while after the index is ready (`watchStartDelayMs`), not with it: the
   * reader's first searches then have the cores to themselves (after a warm open of 10,000 posts,
   * first search median 122 → 89 ms, the next ones' p95 16.9 → 14.6 ms). Until then post files
   * are heard by the interim watch (`watchEarly`); what it misses (a folder created where no post
   * can be yet, a change behind a link) is caught by the rescan the watcher runs when it is ready.
   * A folder that is missing now is watched by `reopen` when it comes back.
   */
  private scheduleWatcherStart(): void {
    this.watchStartTimer = setTimeout(() => {
      this.watchStartTimer = null;
      // Queued like every change, so it never races `goMissing` or `reopen`.
      void this.exclusive(async () => {
        if (this.closed || this.watcher || this.current.state === 'missing') return;
        this.startWatcher();
      });
    }, this.options.watchStartDelayMs ?? 1500);
    // Like the watcher's own thread, it does not keep the process alive: the app or server does.
    this.watchStartTimer.unref();
  }

  /**
   * From the open's scan until the watcher has started and caught up (~2 s after the open is
   * ready, see `scheduleWatcherStart`), a plain watch of each folder the scan walked that can hold
   * posts hears their files change, so a post saved during or right after an open still shows
   * within ~100 ms of the open being ready. It walks nothing up front, only the folders that
   * appear meanwhile: see `interim-folder-watch.ts`.
   */
  private watchEarly(scan: ScanResult): void {
    if (this.closed || this.interimWatch || this.watcher) return;
    const canHoldPosts = (folder: string) => isPostFolder(folder, scan.jekyllSite);
    this.interimWatch = new InterimFolderWatch({
      folder: this.folder,
      folders: ['', ...scan.folders].filter(canHoldPosts),
      canHoldPosts,
      onChanges: ({ paths, removedFolders }) =>
        void this.exclusive(() => this.applyBatch({ paths, removedFolders, rescan: false })),
    });
    this.interimWatch.start();
  }

  private stopInterimWatch(): void {
    this.interimWatch?.close();
    this.interimWatch = null;
  }

  private startWatcher(): void {
    const options: ThreadedFolderWatcherOptions = {
      folder: this.folder,
      onBatch: (batch) => void this.exclusive(() => this.applyBatch(batch)),
      onReady: (scan) => {
        // From here on the watcher hears everything, and its catch-up covers what it missed.
        this.stopInterimWatch();
        void this.exclusive(() => this.catchUp(scan));
      },
      onPolling: (message) => {
        this.pollingMessage = message;
        this.setStatus({ polling: true, message });
      },
    };
    // chokidar runs in its own thread; a test's injected watcher runs here, where it can be driven.
    const factory = this.options.watcherFactory;
    this.watcher = factory
      ? new FolderWatcher({ ...options, factory })
      : new ThreadedFolderWatcher(options);
    this.watcher.start();
  }

  /**
   * Once the watcher sees everything: whatever changed before it did, found by a rescan (`scan`
   * when the watcher's thread has made it already).
   */
  private async catchUp(scan?: ScanResult): Promise<void> {
    if (this.closed || this.current.state !== 'ready') return;
    await this.reconcile(false, scan ? Promise.resolve(scan) : undefined);
  }

  private async applyBatch(batch: WatchBatch): Promise<void> {
    if (this.closed || this.current.state === 'missing') return;
    if (batch.rescan) return this.reconcile(false);
    const paths = new Set(batch.paths);
    for (const folder of batch.removedFolders) {
      for (const id of this.records.ids()) if (id.startsWith(`${folder}/`)) paths.add(id);
    }
    const toIndex: ScannedFile[] = [];
    const toRemove: string[] = [];
    for (const relativePath of paths) {
      const known = this.records.get(relativePath);
      const file = isPostCandidate(relativePath, this.jekyllSite)
        ? await this.statCandidate(relativePath)
        : null;
      if (!file) {
        if (known) toRemove.push(relativePath);
      } else if (!known || known.size !== file.size || known.mtimeMs !== file.mtimeMs) {
        toIndex.push(file);
      }
    }
    if (toIndex.length === 0 && toRemove.length === 0) return;
    const changes = await this.indexAndRemove(toIndex, toRemove, false);
    this.publish(changes);
  }

  /** The file at `relativePath` if it is a regular file whose real path stays inside the folder. */
  private async statCandidate(relativePath: string): Promise<ScannedFile | null> {
    const absolutePath = this.records.absolutePathOf(relativePath);
    try {
      const [info, real] = await Promise.all([stat(absolutePath), realpath(absolutePath)]);
      if (!info.isFile() || !this.realFolder || !isPathInside(this.realFolder, real)) return null;
      return { relativePath, absolutePath, size: info.size, mtimeMs: info.mtimeMs };
    } catch {
      return null;
    }
  }

  /**
   * Watches for the folder vanishing (unmounted drive, deleted, renamed) and coming back, and for
   * it being replaced by another folder at the same path, which the watcher cannot see.
   */
  private startPresenceProbe(): void {
    this.presenceTimer = setInterval(() => {
      void stat(this.folder).then(
        (info) => {
          const identity = `${info.dev}:${info.ino}`;
          if (this.current.state === 'missing' || identity !== this.folderIdentity) {
            void this.exclusive(() => this.reopen());
          }
        },
        () => {
          if (this.current.state !== 'missing') void this.exclusive(() => this.goMissing());
        },
      );
    }, this.options.presenceIntervalMs ?? 500);
    this.presenceTimer.unref();
  }

  private async goMissing(): Promise<void> {
    if (this.closed) return;
    this.stopInterimWatch();
    await this.watcher?.close();
    this.watcher = null;
    this.folderIdentity = null;
    const removed = this.records.ids();
    await this.pool.clear();
    const changes = this.records.apply([], removed);
    this.scanSkipped = [];
    this.setStatus({
      state: 'missing',
      indexed: 0,
      total: 0,
      message: `library: the folder ${this.folder} is missing; waiting for it to come back`,
    });
    this.publish(changes);
  }

  private async reopen(): Promise<void> {
    if (this.closed) return;
    await this.watcher?.close();
    this.watcher = null;
    if (!(await this.checkFolder())) return;
    this.startWatcher();
    await this.reconcile(false);
  }

  // ——— Cache ———

  private scheduleCacheWrite(delayMs = this.cacheWriteDelayMs): void {
    this.cacheDirty = true;
    if (!this.cacheDirectory || !this.watchEnabled || this.closed) return;
    if (this.cacheTimer) clearTimeout(this.cacheTimer);
    this.cacheTimer = setTimeout(() => {
      this.cacheTimer = null;
      // Saving keeps each shard worker busy for one long request (~0.1 s at 10,000 posts, over a
      // second at 100,000) and a search waits behind it: save once the reader pauses instead.
      const quietMs = performance.now() - this.lastSearchAt;
      if (quietMs < this.cacheWriteDelayMs)
        this.scheduleCacheWrite(this.cacheWriteDelayMs - quietMs);
      else void this.exclusive(() => this.saveCache());
    }, delayMs);
    this.cacheTimer.unref();
  }

  /** Writes shards and manifest if anything changed since the last write. */
  private async saveCache(): Promise<void> {
    const directory = this.cacheDirectory;
    if (!directory || !this.cacheDirty || !this.realFolder || this.current.state !== 'ready')
      return;
    this.cacheDirty = false;
    try {
      await prepareCacheDirectory(directory);
      const shards = await this.pool.save(directory);
      const files = [...this.records.values()].map((record) => ({
        relativePath: record.relativePath,
        size: record.size,
        mtimeMs: record.mtimeMs,
        summary: record.summary,
        ...(record.skipped !== undefined ? { skipped: record.skipped } : {}),
      }));
      await writeCacheManifest(directory, { ...this.cacheKey(), shards, files });
    } catch (error) {
      // A cache that cannot be written only costs speed next time; say so once, carry on.
      this.cacheDirty = true;
      console.error(
        `library: cannot write the index cache in ${directory}: ${describeFileError(error)}`,
      );
    }
  }
}
