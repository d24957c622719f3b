import type { PostSummary } from '@shared/post';
import type { FacetCount, TimelineEntry } from '@shared/query';
import type { ApplyFilter, SearchHit } from './search-contract';

/** Titles and facet names sort the way a reader expects (`case` and accents aside, `2` < `10`). */
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

const NO_HITS: ReadonlyMap<string, SearchHit> = new Map();

const hasText = (value: string | undefined): value is string =>
  value !== undefined && value.trim() !== '';

/**
 * The timeline order: newest first, undated last; same day by title, then id so the order is
 * total. Callers that keep their summaries in this order make `applyFilter`'s sort linear (the
 * engine's sort is a merge sort that detects sorted runs).
 */
export function compareTimelineOrder(a: PostSummary, b: PostSummary): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    return a.date < b.date ? 1 : -1;
  }
  return collator.compare(a.title, b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Days since year 0 as a sortable number, or -1 for a date not written `YYYY-MM-DD`. */
function dateNumber(date: string): number {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return -1;
  let value = 0;
  for (let i = 0; i < 10; i += 1) {
    if (i === 4 || i === 7) continue;
    const digit = date.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Positions fit in the low bits of a sort key; beyond this many posts, fall back to comparing. */
const POSITION_BITS = 2 ** 21;
/** Greater than any `YYYYMMDD`, so an undated post's key sorts after every dated one. */
const UNDATED = 99_999_999 + 1;

/**
 * Sorts in {@link compareTimelineOrder} without calling a comparator per pair: each entry gets a
 * numeric key (reversed date, then position) and a native numeric sort orders them; only runs
 * of posts sharing a date are then sorted by title. For 10,000 posts this is several times faster
 * than `sort(compareTimelineOrder)` on unordered input.
 */
function sortByTimeline(entries: TimelineEntry[]): void {
  const count = entries.length;
  if (count >= POSITION_BITS) {
    entries.sort(compareTimelineOrder);
    return;
  }
  const keys = new Float64Array(count);
  for (let i = 0; i < count; i += 1) {
    const date = (entries[i] as TimelineEntry).date;
    const day = date === null ? UNDATED : UNDATED - 1 - dateNumber(date);
    if (date !== null && day >= UNDATED) {
      // Malformed date: the comparator defines the order, let it do the whole sort.
      entries.sort(compareTimelineOrder);
      return;
    }
    keys[i] = day * POSITION_BITS + i;
  }
  keys.sort();
  const unsorted = entries.slice();
  for (let i = 0; i < count; i += 1) {
    entries[i] = unsorted[(keys[i] as number) % POSITION_BITS] as TimelineEntry;
  }
  // Same day (or both undated): order by title, then id.
  let runStart = 0;
  for (let i = 1; i <= count; i += 1) {
    if (
      i < count &&
      (entries[i] as TimelineEntry).date === (entries[runStart] as TimelineEntry).date
    ) {
      continue;
    }
    if (i - runStart > 1) {
      const run = entries.slice(runStart, i).sort(compareTimelineOrder);
      for (let j = 0; j < run.length; j += 1) entries[runStart + j] = run[j] as TimelineEntry;
    }
    runStart = i;
  }
}

/** Best score first; equal scores fall back to the timeline order. */
function compareByScore(a: TimelineEntry, b: TimelineEntry): number {
  const difference = (b.score ?? 0) - (a.score ?? 0);
  return difference !== 0 ? difference : compareTimelineOrder(a, b);
}

/** A mutable counter per name: one hash lookup per increment instead of a get and a set. */
type Counts = Map<string, { count: number }>;

function increment(counts: Counts, name: string): void {
  const counter = counts.get(name);
  if (counter === undefined) counts.set(name, { count: 1 });
  else counter.count += 1;
}

/** Counts as facets, selected names included even at zero, most frequent first. */
function toFacets(counts: Counts, selected: ReadonlySet<string>): FacetCount[] {
  for (const name of selected) {
    if (!counts.has(name)) counts.set(name, { count: 0 });
  }
  const facets: FacetCount[] = [];
  for (const [name, counter] of counts) facets.push({ name, count: counter.count });
  facets.sort((a, b) => b.count - a.count || collator.compare(a.name, b.name));
  return facets;
}

function hasEveryArea(areas: readonly string[], selected: ReadonlySet<string>): boolean {
  for (const area of selected) {
    if (!areas.includes(area)) return false;
  }
  return true;
}

function hasSomeArea(areas: readonly string[], selected: ReadonlySet<string>): boolean {
  for (const area of areas) {
    if (selected.has(area)) return true;
  }
  return false;
}

/**
 * Filters, sorts and counts facets over post summaries.
 *
 * - `areas`: a post needs any (`match: 'any'`, the default) or all (`'all'`) selected areas;
 * - `categories`: a post needs one of the selected categories;
 * - `from` / `to`: inclusive bounds on the `YYYY-MM-DD` date; undated posts fail any bound;
 * - `query`: when it has text, only posts whose id is in `hits` pass (no map: nothing passes).
 *
 * Order: by score when searching, otherwise newest first with undated posts last. Entries carry
 * `score` and `snippet` when searching; otherwise they are the summaries themselves.
 *
 * Facets tell what a click would give, so each is counted under every *other* filter: area
 * counts ignore the area filter when `match` is `any` (selecting another area widens the
 * result), but respect it when `match` is `all` (it narrows: the count is what would remain);
 * category counts ignore the category filter. Selected names always appear, even at zero.
 */
export const applyFilter: ApplyFilter = (summaries, filter, hits) => {
  const selectedAreas = new Set(filter.areas ?? []);
  const matchAllAreas = filter.match === 'all';
  const selectedCategories = new Set(filter.categories ?? []);
  const from = hasText(filter.from) ? filter.from : null;
  const to = hasText(filter.to) ? filter.to : null;
  const hasDateBound = from !== null || to !== null;
  const searchHits = hasText(filter.query) ? (hits ?? NO_HITS) : null;

  const areaCounts: Counts = new Map();
  const categoryCounts: Counts = new Map();
  const entries: TimelineEntry[] = [];

  for (const summary of summaries) {
    // The query and the dates bind every facet, so a post failing them counts nowhere.
    let hit: SearchHit | undefined;
    if (searchHits !== null) {
      hit = searchHits.get(summary.id);
      if (hit === undefined) continue;
    }
    if (hasDateBound) {
      const date = summary.date;
      if (date === null || (from !== null && date < from) || (to !== null && date > to)) continue;
    }

    const { areas, category } = summary;
    const passesAreas =
      selectedAreas.size === 0 ||
      (matchAllAreas ? hasEveryArea(areas, selectedAreas) : hasSomeArea(areas, selectedAreas));
    const passesCategories =
      selectedCategories.size === 0 || (category !== null && selectedCategories.has(category));

    if (passesCategories && (passesAreas || !matchAllAreas)) {
      for (let i = 0; i < areas.length; i += 1) {
        const area = areas[i] as string;
        // A post listing an area twice still counts once.
        if (i === 0 || areas.indexOf(area) === i) increment(areaCounts, area);
      }
    }
    if (passesAreas && category !== null) increment(categoryCounts, category);
    if (!passesAreas || !passesCategories) continue;

    if (hit === undefined) {
      entries.push(summary);
    } else {
      // `Object.assign` copies several times faster than object spread in V8 for this shape.
      const entry: { -readonly [K in keyof TimelineEntry]: TimelineEntry[K] } = Object.assign(
        {},
        summary,
      );
      entry.score = hit.score;
      if (hit.snippet !== undefined) entry.snippet = hit.snippet;
      entries.push(entry);
    }
  }

  if (searchHits !== null) entries.sort(compareByScore);
  else sortByTimeline(entries);
  return {
    entries,
    areas: toFacets(areaCounts, selectedAreas),
    categories: toFacets(categoryCounts, selectedCategories),
  };
};
