import type { IndexStatus, PostsChangedEvent } from '@shared/library-events';
import type { Post } from '@shared/post';
import type { PostFilter, QueryResult, TimelineWindow } from '@shared/query';
import type { Unsubscribe } from '@shared/reader-api';

/** Options for {@link LibraryService}; see `openLibrary` in `library.ts`. */
export interface LibraryOptions {
  /** The posts folder. Never written to. */
  readonly folder: string;
  /**
   * Where the index cache lives. Default: `$ACCORD_CACHE_DIR`, else the OS cache directory
   * (`~/.cache/accord-reader`, `~/Library/Caches/accord-reader`, `%LOCALAPPDATA%\accord-reader`).
   * `null` disables the cache.
   */
  readonly cacheDir?: string | null;
  /** Keep watching the folder after the first index (default true). The CLI passes false. */
  readonly watch?: boolean;
  /** A user's extra alias table (JSON object: alias → canonical area name). */
  readonly aliasesFile?: string;
  /** Called while a cold index runs, for progress lines. */
  readonly onProgress?: (indexed: number, total: number) => void;
}

/** A file that is not a post, and why. */
export interface SkippedFile {
  readonly path: string;
  readonly reason: string;
}

export interface PostWarning {
  readonly path: string;
  readonly message: string;
}

/** Several files claim the same permalink: the most recently modified one is kept. */
export interface DuplicatePermalink {
  readonly permalink: string;
  readonly kept: string;
  readonly ignored: readonly string[];
}

/** What `accord check` reports. */
export interface CheckReport {
  readonly folder: string;
  readonly posts: number;
  readonly skipped: readonly SkippedFile[];
  readonly warnings: readonly PostWarning[];
  readonly duplicates: readonly DuplicatePermalink[];
}

/**
 * One open folder: indexed, watched, queryable. Parsing and indexing run off the calling thread,
 * so every method returns quickly even during a cold index of 10,000 posts.
 */
/** How {@link LibraryService.query} answers a search. */
export interface QueryOptions {
  /**
   * `'relevance'` (the default): best match first, each row with its score, the first rows with
   * snippets. `'timeline'`: the matching posts newest first, as without a query, with `months`
   * and without scores or snippets (`accord list --query`): no ranking, no per-row copies.
   */
  readonly order?: 'relevance' | 'timeline';
}

export interface LibraryService {
  readonly folder: string;
  status(): IndexStatus;
  /** Resolves once the first full index (cold or from cache) is queryable. */
  whenReady(): Promise<void>;
  /**
   * Every matching row, or only those in `window` (snippets then cover the window's rows). The
   * total, facets and months always describe the whole result. A search ranks its rows best match
   * first, with scores and snippets, unless `options.order` is `'timeline'`.
   */
  query(filter: PostFilter, window?: TimelineWindow, options?: QueryOptions): Promise<QueryResult>;
  getPost(id: string): Promise<Post | null>;
  findByPermalink(permalink: string): Promise<string | null>;
  /**
   * The real path of the image `src` referenced by post `postId`, only if it is a regular file
   * inside the folder (no `..`, encoded tricks, absolute paths, dot-files or symlinks out).
   */
  resolveAsset(postId: string, src: string): Promise<string | null>;
  check(): Promise<CheckReport>;
  onDidChangeStatus(listener: (status: IndexStatus) => void): Unsubscribe;
  onDidChangePosts(listener: (event: PostsChangedEvent) => void): Unsubscribe;
  close(): Promise<void>;
}
