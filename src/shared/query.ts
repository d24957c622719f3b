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

export interface QueryResult {
  /** Number of posts matching the filter (equals `entries.length`). */
  readonly total: number;
  /** Newest first without a query (undated last); best first with one. */
  readonly entries: readonly TimelineEntry[];
  /** Area counts under every other active filter, so a person sees what a click would give. */
  readonly areas: readonly FacetCount[];
  readonly categories: readonly FacetCount[];
  /** The index terms the query matched, for highlighting in the article. */
  readonly terms: readonly string[];
  /** Index generation the answer came from (increases with every applied change). */
  readonly generation: number;
}
