import type { IsoDate, PostSummary } from './post';

/** How several selected areas combine: a post matches if it has any of them, or all of them. */
export type AreaMatch = 'any' | 'all';

/** Every filter the reader offers. All fields optional; an empty filter shows every post. */
export interface PostFilter {
  readonly areas?: readonly string[];
  readonly match?: AreaMatch;
  readonly categories?: readonly string[];
  /** Inclusive lower bound. Undated posts are excluded once either bound is set. */
  readonly from?: IsoDate;
  /** Inclusive upper bound. */
  readonly to?: IsoDate;
  /** Full-text query: prefix and fuzzy matching, all words must match. */
  readonly query?: string;
}

/** A half-open range `[start, end)` of UTF-16 code units in a snippet's text. */
export interface MatchRange {
  readonly start: number;
  readonly end: number;
}

export interface Snippet {
  readonly text: string;
  readonly ranges: readonly MatchRange[];
}

/** A timeline row: a post summary plus, when searching, its score and snippet. */
export interface TimelineEntry extends PostSummary {
  readonly score?: number;
  readonly snippet?: Snippet;
}

export interface FacetCount {
  readonly name: string;
  readonly count: number;
}

/**
 * A slice `[offset, offset + limit)` of a result's rows. The reader asks for one page at a time,
 * so a search that matches 10,000 posts ships a screenful of rows rather than megabytes of JSON.
 */
export interface TimelineWindow {
  readonly offset: number;
  readonly limit: number;
}

/** How many consecutive rows of a date-ordered result fall in one month. */
export interface MonthCount {
  /** `YYYY-MM`, or `null` for the undated posts (always last). */
  readonly month: string | null;
  readonly count: number;
}

export interface QueryResult {
  /** Number of posts matching the filter, whatever window was asked for. */
  readonly total: number;
  /**
   * Newest first without a query (undated last); best first with one. Every matching post, or
   * only rows `[offset, offset + limit)` when a window was asked for.
   */
  readonly entries: readonly TimelineEntry[];
  /** Timeline position of `entries[0]` (0 without a window). */
  readonly offset: number;
  /**
   * Without a query (rows in date order): every month of the whole result, in timeline order, so
   * a reader can place month headings and year anchors for rows it has not loaded. Absent when
   * the rows are ordered by relevance.
   */
  readonly months?: readonly MonthCount[];
  /** Area counts under every other active filter, so a person sees what a click would give. */
  readonly areas: readonly FacetCount[];
  readonly categories: readonly FacetCount[];
  /** The index terms the query matched, for highlighting in the article. */
  readonly terms: readonly string[];
  /** Index generation the answer came from (increases with every applied change). */
  readonly generation: number;
}

/**
 * Rows per timeline request. A screenful is about twenty rows, so one page covers three screens of
 * scrolling while its JSON stays small (≈40 kB) whatever the size of the folder. Each row of a
 * search page gets a snippet, the costliest part of a query, so pages are kept this short (150
 * rows measured p50 13 ms / p95 29 ms at 10,000 posts; 60 rows 8 ms / 22 ms). The benchmark
 * measures search with this window, because it is what the reader asks for.
 */
export const TIMELINE_PAGE_SIZE = 60;
