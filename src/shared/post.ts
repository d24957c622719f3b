/**
 * The post model shared by every process: what the core library extracts from a file and what
 * the renderer, the command line and the server show. Plain JSON-safe data only (it crosses IPC,
 * HTTP and worker boundaries), and dates are calendar strings, never `Date` objects.
 */

/** A calendar date exactly as written in the post, `YYYY-MM-DD`. Never shifted by time zone. */
export type IsoDate = string;

/** Isomer layouts: an article, a link to an external page, or a link to a file. */
export type PostLayout = 'post' | 'link' | 'file';

/** Where a cooperation area on a post came from, so the UI can explain it. */
export type AreaSource =
  | { readonly kind: 'front-matter'; readonly field: 'areas' | 'cooperation_areas' | 'tags' }
  | { readonly kind: 'body'; readonly sentence: string };

export interface PostArea {
  /** Canonical name after trimming, punctuation removal and the alias table. */
  readonly name: string;
  readonly source: AreaSource;
}

/** What a timeline row and `accord list` need. Cheap to send thousands of. */
export interface PostSummary {
  /** Stable identifier: the path relative to the folder, with forward slashes. */
  readonly id: string;
  /** Relative path, forward slashes (same as `id` today; kept separate so ids may change). */
  readonly path: string;
  readonly title: string;
  readonly date: IsoDate | null;
  /** Canonical area names, in the order the post lists them. */
  readonly areas: readonly string[];
  readonly category: string | null;
  readonly permalink: string | null;
  readonly layout: PostLayout;
  /** `external` (layout: link) or `file_url` (layout: file) address, if any. */
  readonly external: string | null;
  readonly description: string;
  /** Human-readable problems found while reading the file (malformed front matter, bad date…). */
  readonly warnings: readonly string[];
  /** Estimated reading time in whole minutes, at least 1 for a non-empty body. */
  readonly readingMinutes: number;
}

/** A whole post, for the article view. */
export interface Post extends PostSummary {
  /** The body as written (Markdown with raw HTML), Liquid tags removed. Untrusted: sanitize to render. */
  readonly body: string;
  /** Areas with where each came from. */
  readonly areaDetails: readonly PostArea[];
  readonly image: string | null;
  readonly variant: string | null;
  /** Modification time of the file, ms since epoch. */
  readonly mtimeMs: number;
  /**
   * Why the body is shown as plain text instead of formatted — a phrase completing "this post …",
   * such as "nests its markup 3,000 levels deep" — or `null` when it is safe to format. Decided by
   * the core when it reads the post (see `core/post/body-complexity.ts`).
   */
  readonly plainTextReason: string | null;
}
