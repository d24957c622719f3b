import type { PostSummary } from '@shared/post';
import type { FacetCount, PostFilter, Snippet, TimelineEntry } from '@shared/query';

/** What the full-text index sees of a post. `text` is the body's plain text. */
export interface IndexedDocument {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly areas: readonly string[];
  readonly text: string;
}

/** One search result from a shard. */
export interface SearchHit {
  readonly id: string;
  readonly score: number;
  /** Index terms that matched (after folding), for highlighting. */
  readonly terms: readonly string[];
  /** A short passage around the first match; present for the best hits only. */
  readonly snippet?: Snippet;
}

/**
 * A MiniSearch index over part (or all) of a folder. The library runs one shard per worker so a
 * cold index uses every core; queries fan out and {@link mergeHits} combines the answers.
 */
export interface SearchShard {
  readonly size: number;
  /** Adds documents; an id already present is replaced. */
  add(documents: readonly IndexedDocument[]): void;
  remove(ids: readonly string[]): void;
  has(id: string): boolean;
  /**
   * Every document matching all words of `query` (prefix + fuzzy, diacritics folded, CJK-aware),
   * best first. Snippets are computed for the first `snippetLimit` hits only (default 200).
   */
  search(query: string, options?: { readonly snippetLimit?: number }): SearchHit[];
  /** A compact, versioned form for the cache; see `loadSearchShard`. */
  serialize(): string;
}

/** Filtering, sorting and facet counting over post summaries (no full text involved). */
export interface FilteredTimeline {
  readonly entries: TimelineEntry[];
  readonly areas: FacetCount[];
  readonly categories: FacetCount[];
}

/** Signature of `applyFilter` in `filter-posts.ts`. `hits` is present when the filter has a query. */
export type ApplyFilter = (
  summaries: Iterable<PostSummary>,
  filter: PostFilter,
  hits?: ReadonlyMap<string, SearchHit>,
) => FilteredTimeline;
