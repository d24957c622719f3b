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
 * Every document of one shard that matches a query, in compact form: it crosses a thread boundary
 * for each keystroke, so no object and no string per hit. `numbers[i]` (see
 * {@link SearchShard.documentNumber}) scored `scores[i]`; no particular order.
 */
export interface ShardMatches {
  readonly numbers: Int32Array;
  readonly scores: Float64Array;
  /** Index terms (after folding) the query matched in at least one of these documents. */
  readonly terms: readonly string[];
}

/** Where a post stands in the timeline (`Timeline` implements it). */
export interface PositionLookup {
  /** The same object for every lookup that puts the same posts at the same positions. */
  readonly layout: object;
  positionOf(id: string): number | undefined;
  /** The id of the post at `position`: the timeline's own string, which others may share. */
  idAt(position: number): string;
}

/**
 * {@link ShardMatches} with the document numbers turned into timeline positions (see
 * `Timeline.positionOf`), as the library merges them; hits the timeline does not hold are gone.
 */
export interface PositionedHits {
  readonly positions: Int32Array;
  readonly scores: Float64Array;
  readonly terms: readonly string[];
}

/**
 * A MiniSearch index over part (or all) of a folder. The library runs one shard per worker so a
 * cold index uses every core; queries fan out and the library merges the answers by score.
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
  /** The same documents as {@link search}, without per-hit objects, terms or snippets. */
  match(query: string): ShardMatches;
  /**
   * The shard's number for document `id` (MiniSearch's short id): stable until the document is
   * removed or replaced. The library keeps a copy of the numbers so hits can cross threads as
   * numbers and still be matched to posts without hashing a fresh id string per hit.
   */
  documentNumber(id: string): number | undefined;
  /** Every document with its number. */
  documentNumbers(): { ids: string[]; numbers: number[] };
  /**
   * The snippet of each of `ids` for `query` (`null` for an id not in the shard): the library asks
   * only for the rows a reader sees first, after merging and filtering.
   */
  snippets(query: string, ids: readonly string[]): (Snippet | null)[];
  /** A compact, versioned form for the cache; see `loadSearchShard`. */
  serialize(): Uint8Array;
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
