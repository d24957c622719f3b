import type { PostSummary } from '@shared/post';
import type { FacetCount, PostFilter, TimelineEntry } from '@shared/query';
import { runAtOnce, runInSteps, type Steps } from '../stepwise';
import type { ApplyFilter, PositionLookup, SearchHit } from './search-contract';

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

/** Entries of same-day runs sorted per step (see `sortByTimeline`). */
const SORT_STEP_ENTRIES = 2000;

/**
 * Sorts in {@link compareTimelineOrder} without calling a comparator per pair: each entry gets a
 * numeric key (reversed date, then position) and a native numeric sort orders them; only runs
 * of posts sharing a date are then sorted by title. For 10,000 posts this is several times faster
 * than `sort(compareTimelineOrder)` on unordered input. Yields between steps (see `stepwise.ts`):
 * the runs, compared with a collator, are the slow part.
 */
function* sortByTimeline(entries: TimelineEntry[]): Steps<void> {
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
  yield;
  // Same day (or both undated): order by title, then id.
  let runStart = 0;
  let sinceStep = 0;
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
      sinceStep += run.length;
      if (sinceStep >= SORT_STEP_ENTRIES) {
        sinceStep = 0;
        yield;
      }
    }
    runStart = i;
  }
}

/** What a timeline is built from: its rows, columns and id lookup. */
interface TimelineParts {
  readonly rows: PostSummary[];
  readonly columns: Columns;
  readonly positions: Map<string, number>;
}

/** Posts put in the timeline's columns, or in its lookup by id, per step. */
const TIMELINE_SLICE = 20_000;

/** Builds the parts of the timeline of `summaries`, yielding between steps (see `stepwise.ts`). */
function* timelineSteps(summaries: Iterable<PostSummary>): Steps<TimelineParts> {
  const sorted = [...summaries];
  yield* sortByTimeline(sorted);
  yield;
  const columns = yield* buildColumns(sorted);
  yield;
  const rows = respell(sorted, columns);
  yield;
  // In slices: at 100,000 posts the whole map is ~30 ms of host time.
  const positions = new Map<string, number>();
  for (let position = 0; position < rows.length; position += 1) {
    if (position > 0 && position % TIMELINE_SLICE === 0) yield;
    positions.set(rows[position]!.id, position);
  }
  return { rows, columns, positions };
}

/**
 * Post summaries in timeline order ({@link compareTimelineOrder}) with a lookup by id. The library
 * builds one per change of the folder and filters it for every query, so no query sorts the
 * timeline again, and a search's ties are broken by position instead of comparing titles.
 */
export class Timeline implements PositionLookup {
  readonly summaries: readonly PostSummary[];
  readonly #positions: Map<string, number>;
  readonly #columns: Columns;
  #unfiltered: TimelinePositions | null = null;

  /**
   * Area and category names that differ only in letter case are one facet, shown in the spelling
   * most posts use: the summaries here carry that spelling (a post whose own spelling differs is
   * copied), so rows and facets agree.
   */
  constructor(summaries: Iterable<PostSummary>);
  /**
   * A timeline with rows `rows` and the order and columns of `source`: an earlier timeline (see
   * `withReplaced`) or the parts `build` made.
   */
  constructor(rows: readonly PostSummary[], source: Timeline | TimelineParts);
  constructor(summaries: Iterable<PostSummary>, source?: Timeline | TimelineParts) {
    if (source instanceof Timeline) {
      this.summaries = summaries as readonly PostSummary[];
      this.#columns = source.#columns;
      this.#positions = source.#positions;
      this.#unfiltered = source.#unfiltered;
      this.layout = source.layout;
      return;
    }
    const parts = source ?? runAtOnce(timelineSteps(summaries));
    this.summaries = parts.rows;
    this.#columns = parts.columns;
    this.#positions = parts.positions;
    this.layout = {};
  }

  /**
   * The timeline of `summaries`, built a step per task (sorting, columns, the id lookup): ahead
   * of need, so that no step holds up the thread for long. At 10,000 posts, the whole build at
   * once blocked the host thread for ~50 ms right after a warm open.
   */
  static async build(summaries: Iterable<PostSummary>): Promise<Timeline> {
    const parts = await runInSteps(timelineSteps(summaries));
    return new Timeline(parts.rows, parts);
  }

  /**
   * Shared by timelines with the same posts at the same positions (see {@link withReplaced}), so
   * tables built per position can be reused.
   */
  readonly layout: object;

  /**
   * This timeline with some posts' summaries replaced by newer ones of the same posts, or `null`
   * when a replacement could change anything derived from the summaries — the order, the facets,
   * a spelling — and the timeline must be rebuilt. Editing a post's text, description, or title
   * within its day (what a save usually does) then costs a copy of the row array instead of a
   * rebuild: sorting, columns and the id lookup took ~100 ms and ~30 MB at 100,000 posts, on every
   * save. `before` is the summary the timeline was built from (or the previous `after`).
   */
  withReplaced(replacements: readonly SummaryReplacement[]): Timeline | null {
    const rows = this.summaries.slice();
    for (const { before, after } of replacements) {
      const position = this.#positions.get(after.id);
      if (position === undefined || before.id !== after.id || !sameFacets(before, after)) {
        return null;
      }
      const current = rows[position]!;
      // A row respelled from `before` gets the same spelling: its names are the same.
      const row =
        current === before ? after : { ...after, areas: current.areas, category: current.category };
      const previous = rows[position - 1];
      const next = rows[position + 1];
      if (previous && compareTimelineOrder(previous, row) >= 0) return null;
      if (next && compareTimelineOrder(row, next) >= 0) return null;
      rows[position] = row;
    }
    return new Timeline(rows, this);
  }

  /** The position of the post `id`, if it is in the timeline. */
  positionOf(id: string): number | undefined {
    return this.#positions.get(id);
  }

  idAt(position: number): string {
    return this.summaries[position]!.id;
  }

  /**
   * A score per position (`NaN` where there is no hit) from hits given by position (see
   * `ShardPool.positionHits`). A position reported twice keeps its better score.
   */
  scoresOf(
    hitLists: Iterable<{
      readonly positions: ArrayLike<number>;
      readonly scores: ArrayLike<number>;
    }>,
  ): Float64Array {
    const scores = new Float64Array(this.summaries.length).fill(Number.NaN);
    for (const { positions, scores: hitScores } of hitLists) {
      for (let i = 0; i < positions.length; i += 1) {
        const position = positions[i]!;
        const score = hitScores[i]!;
        const known = scores[position]!;
        if (!(known >= score)) scores[position] = score;
      }
    }
    return scores;
  }

  /**
   * Filters and counts facets (see {@link applyFilter} for the rules); `scores` (from
   * {@link scoresOf}) when the filter has a query, `null` otherwise. Positions come back in result
   * order: by score, then timeline order, when searching; timeline order otherwise. A search
   * orders only its first `orderedRows` rows (the page a reader asked for): picking the best 60 of
   * 10,000 hits costs a fraction of sorting them all. `orderedRows: 'timeline'` keeps a search's
   * rows in timeline order, unranked.
   */
  filter(
    filter: PostFilter,
    scores: Float64Array | null,
    orderedRows: number | 'timeline' = Number.POSITIVE_INFINITY,
  ): TimelinePositions {
    const unfiltered =
      scores === null &&
      (filter.areas?.length ?? 0) === 0 &&
      (filter.categories?.length ?? 0) === 0 &&
      !hasText(filter.from) &&
      !hasText(filter.to);
    if (unfiltered && this.#unfiltered !== null) return this.#unfiltered;
    const result = filterPositions(this.summaries, this.#columns, filter, scores, orderedRows);
    // The plain timeline is what the reader shows most; it only changes with the folder.
    if (unfiltered) this.#unfiltered = result;
    return result;
  }
}

/** A post's summary and the newer one replacing it (see {@link Timeline.withReplaced}). */
export interface SummaryReplacement {
  readonly before: PostSummary;
  readonly after: PostSummary;
}

/** Whether two summaries of a post place it alike in the columns: date, areas, category. */
function sameFacets(a: PostSummary, b: PostSummary): boolean {
  return (
    a.date === b.date &&
    a.category === b.category &&
    a.areas.length === b.areas.length &&
    a.areas.every((area, index) => area === b.areas[index])
  );
}

/** What {@link Timeline.filter} gives: positions in the timeline, and the facets. */
export interface TimelinePositions {
  /** How many posts pass the filter. */
  readonly total: number;
  /**
   * Their positions in result order: all of them, except that a search asked for fewer
   * `orderedRows` holds just that many (the leading rows).
   */
  readonly positions: ArrayLike<number>;
  readonly areas: FacetCount[];
  readonly categories: FacetCount[];
}

/**
 * What filtering reads of each summary, as numbers: comparing strings and hashing area names for
 * 10,000 posts on every keystroke cost milliseconds; these columns are built once per timeline.
 */
interface Columns {
  /** `YYYYMMDD`, or -1 when undated, or -2 when the date is not written `YYYY-MM-DD`. */
  readonly dates: Int32Array;
  /**
   * Per position, its distinct area numbers (into `areaNames`): those of position `p` are
   * `areaList[areaStarts[p]]` up to `areaList[areaStarts[p + 1]]`. One flat array instead of one
   * small array per post keeps the facet count over 10,000 hits in a few cache lines.
   */
  readonly areaStarts: Int32Array;
  readonly areaList: Uint32Array;
  readonly areaNames: NameGroups;
  /** Category number (into `categoryNames`), or -1. */
  readonly categories: Int32Array;
  readonly categoryNames: NameGroups;
}

const UNDATED_COLUMN = -1;
const MALFORMED_DATE = -2;

/** The key names are compared by: letter case aside (the parser already tidied spaces). */
const nameKey = (name: string): string => name.toLowerCase();

/**
 * Numbers names so that spellings differing only in case share a number, and shows each number
 * in one spelling: the one most posts use; on a tie the one with more capitals (so an acronym
 * keeps them: "ICT Policy" over "Ict Policy"), then the first in code-unit order. The parser
 * already settles most case variants on one spelling (`tidyAreaCase`); this catches the rest,
 * such as an acronym written in small letters, and summaries cached by older versions.
 */
class NameGroups {
  /** Display spelling per number (final once {@link settle} ran). */
  readonly names: string[] = [];
  readonly #numbers = new Map<string, number>();
  /** Spelling as written → its number, so the common case costs one lookup. */
  readonly #bySpelling = new Map<string, number>();
  readonly #spellingCounts = new Map<string, number>();
  #respelled = false;

  /** The number of `name`, counting one more use of its spelling. */
  of(name: string): number {
    let number = this.#bySpelling.get(name);
    if (number === undefined) {
      const key = nameKey(name);
      number = this.#numbers.get(key);
      if (number === undefined) {
        number = this.names.length;
        this.#numbers.set(key, number);
        this.names.push(name);
      }
      this.#bySpelling.set(name, number);
    }
    this.#spellingCounts.set(name, (this.#spellingCounts.get(name) ?? 0) + 1);
    return number;
  }

  /** Picks each number's display spelling; call once every name was numbered. */
  settle(): void {
    for (const [spelling, number] of this.#bySpelling) {
      const shown = this.names[number]!;
      if (spelling === shown) continue;
      this.#respelled = true;
      if (preferSpelling(spelling, shown, this.#spellingCounts)) this.names[number] = spelling;
    }
  }

  /** Whether some name was written in more than one spelling. */
  get respelled(): boolean {
    return this.#respelled;
  }

  /** The number of a name in any letter case, if some post has it. */
  numberOf(name: string): number | undefined {
    return this.#bySpelling.get(name) ?? this.#numbers.get(nameKey(name));
  }

  /** The display spelling of `name`. */
  shown(name: string): string {
    const number = this.#bySpelling.get(name);
    return number === undefined ? name : this.names[number]!;
  }
}

function capitals(text: string): number {
  let count = 0;
  for (const character of text) if (character !== character.toLowerCase()) count += 1;
  return count;
}

/** Whether spelling `a` is shown rather than `b` (see {@link NameGroups}). */
function preferSpelling(a: string, b: string, counts: ReadonlyMap<string, number>): boolean {
  const byUse = (counts.get(a) ?? 0) - (counts.get(b) ?? 0);
  if (byUse !== 0) return byUse > 0;
  const byCapitals = capitals(a) - capitals(b);
  if (byCapitals !== 0) return byCapitals > 0;
  return a < b;
}

function* buildColumns(summaries: readonly PostSummary[]): Steps<Columns> {
  const dates = new Int32Array(summaries.length);
  const categories = new Int32Array(summaries.length);
  const areaStarts = new Int32Array(summaries.length + 1);
  const areaNumbersFlat: number[] = [];
  const areaNames = new NameGroups();
  const categoryNames = new NameGroups();
  for (let position = 0; position < summaries.length; position += 1) {
    // In slices: at 100,000 posts the columns are ~40 ms of host time.
    if (position > 0 && position % TIMELINE_SLICE === 0) yield;
    const summary = summaries[position]!;
    const date = summary.date;
    if (date === null) dates[position] = UNDATED_COLUMN;
    else {
      const day = dateNumber(date);
      dates[position] = day < 0 ? MALFORMED_DATE : day;
    }
    // A post listing an area twice (in any letter case) still counts once.
    const start = areaNumbersFlat.length;
    for (const area of summary.areas) {
      const number = areaNames.of(area);
      if (!areaNumbersFlat.includes(number, start)) areaNumbersFlat.push(number);
    }
    areaStarts[position + 1] = areaNumbersFlat.length;
    categories[position] = summary.category === null ? -1 : categoryNames.of(summary.category);
  }
  areaNames.settle();
  categoryNames.settle();
  return {
    dates,
    areaStarts,
    areaList: Uint32Array.from(areaNumbersFlat),
    areaNames,
    categories,
    categoryNames,
  };
}

/**
 * `summaries` with every area and category in its display spelling (see {@link NameGroups}):
 * the same objects when no name has two spellings, copies of just the posts that differ otherwise.
 */
function respell(summaries: PostSummary[], columns: Columns): PostSummary[] {
  const { areaNames, categoryNames } = columns;
  if (!areaNames.respelled && !categoryNames.respelled) return summaries;
  return summaries.map((summary) => {
    const category = summary.category === null ? null : categoryNames.shown(summary.category);
    const areas = [...new Set(summary.areas.map((area) => areaNames.shown(area)))];
    const same =
      category === summary.category &&
      areas.length === summary.areas.length &&
      areas.every((area, index) => area === summary.areas[index]);
    return same ? summary : { ...summary, areas, category };
  });
}

/**
 * Counts as facets, most frequent first. Selected names are included even at zero: a known one
 * (`selected[number]`) in its display spelling, an unknown one as given.
 */
function countsToFacets(
  counts: Int32Array,
  names: readonly string[],
  selected: Uint8Array,
  unknownSelected: readonly string[],
): FacetCount[] {
  const facets: FacetCount[] = [];
  counts.forEach((count, number) => {
    if (count > 0 || selected[number] === 1) facets.push({ name: names[number] as string, count });
  });
  for (const name of unknownSelected) facets.push({ name, count: 0 });
  facets.sort((a, b) => b.count - a.count || collator.compare(a.name, b.name));
  return facets;
}

/**
 * The numbers of the selected `names` (matched ignoring letter case) as flags, how many distinct
 * ones there are, and the names no post has (each once, letter case aside).
 */
function selectNames(
  groups: NameGroups,
  names: readonly string[] | undefined,
): { flags: Uint8Array; count: number; unknown: string[] } {
  const flags = new Uint8Array(groups.names.length);
  let count = 0;
  const unknown = new Map<string, string>();
  for (const name of names ?? []) {
    const number = groups.numberOf(name);
    if (number === undefined) {
      if (!unknown.has(nameKey(name))) unknown.set(nameKey(name), name);
    } else if (flags[number] === 0) {
      flags[number] = 1;
      count += 1;
    }
  }
  return { flags, count, unknown: [...unknown.values()] };
}

function filterPositions(
  summaries: readonly PostSummary[],
  columns: Columns,
  filter: PostFilter,
  scores: Float64Array | null,
  orderedRows: number | 'timeline',
): TimelinePositions {
  // Selected names no post has cannot match: they only matter for the facets.
  const {
    flags: selectedAreas,
    count: selectedAreaCount,
    unknown: unknownAreas,
  } = selectNames(columns.areaNames, filter.areas);
  const { flags: selectedCategories, unknown: unknownCategories } = selectNames(
    columns.categoryNames,
    filter.categories,
  );
  const unknownSelectedArea = unknownAreas.length > 0;
  const anyAreaSelected = (filter.areas?.length ?? 0) > 0;
  const matchAllAreas = filter.match === 'all';
  const anyCategorySelected = (filter.categories?.length ?? 0) > 0;
  const from = hasText(filter.from) ? filter.from : null;
  const to = hasText(filter.to) ? filter.to : null;
  const fromDay = from === null ? null : dateNumber(from);
  const toDay = to === null ? null : dateNumber(to);
  const hasDateBound = from !== null || to !== null;
  // Bounds or dates not written `YYYY-MM-DD` are compared as strings, like before.
  const numericBounds = (fromDay === null || fromDay >= 0) && (toDay === null || toDay >= 0);

  const areaCounts = new Int32Array(columns.areaNames.names.length);
  const categoryCounts = new Int32Array(columns.categoryNames.names.length);
  const passing = new Int32Array(summaries.length);
  let total = 0;
  const { dates, areaStarts, areaList, categories } = columns;

  for (let position = 0; position < summaries.length; position += 1) {
    // The query and the dates bind every facet, so a post failing them counts nowhere.
    // (`NaN >= 0` is false: not a hit.)
    if (scores !== null && !((scores[position] as number) >= 0)) continue;
    if (hasDateBound) {
      const day = dates[position] as number;
      if (day === UNDATED_COLUMN) continue;
      if (day === MALFORMED_DATE || !numericBounds) {
        const date = (summaries[position] as PostSummary).date as string;
        if ((from !== null && date < from) || (to !== null && date > to)) continue;
      } else if ((fromDay !== null && day < fromDay) || (toDay !== null && day > toDay)) {
        continue;
      }
    }

    const areasStart = areaStarts[position]!;
    const areasEnd = areaStarts[position + 1]!;
    let passesAreas = true;
    if (anyAreaSelected) {
      let found = 0;
      for (let i = areasStart; i < areasEnd; i += 1) found += selectedAreas[areaList[i]!]!;
      passesAreas = matchAllAreas ? !unknownSelectedArea && found === selectedAreaCount : found > 0;
    }
    const category = categories[position] as number;
    const passesCategories =
      !anyCategorySelected || (category >= 0 && selectedCategories[category] === 1);

    if (passesCategories && (passesAreas || !matchAllAreas)) {
      for (let i = areasStart; i < areasEnd; i += 1) {
        const area = areaList[i]!;
        areaCounts[area] = areaCounts[area]! + 1;
      }
    }
    if (passesAreas && category >= 0) categoryCounts[category] = categoryCounts[category]! + 1;
    if (passesAreas && passesCategories) passing[total++] = position;
  }

  const matched = passing.subarray(0, total);
  return {
    total,
    positions:
      scores === null || orderedRows === 'timeline'
        ? matched
        : bestRows(matched, scores, orderedRows),
    areas: countsToFacets(areaCounts, columns.areaNames.names, selectedAreas, unknownAreas),
    categories: countsToFacets(
      categoryCounts,
      columns.categoryNames.names,
      selectedCategories,
      unknownCategories,
    ),
  };
}

/** Whether the row at `a` ranks below the row at `b`: a lower score, or the same one later. */
function ranksBelow(scores: Float64Array, a: number, b: number): boolean {
  const scoreA = scores[a]!;
  const scoreB = scores[b]!;
  return scoreA < scoreB || (scoreA === scoreB && a > b);
}

/**
 * The first `count` of `candidates` (timeline positions, ascending) in search order: best score
 * first, equal scores in timeline order. A small `count` keeps the best rows in a binary heap
 * whose root is the weakest kept (O(n log count), and most candidates lose to the root at
 * once); a large one sorts everything.
 */
export function bestRows(candidates: Int32Array, scores: Float64Array, count: number): number[] {
  const byRank = (a: number, b: number) => scores[b]! - scores[a]! || a - b;
  if (count * 4 >= candidates.length) {
    const all = Array.from(candidates).sort(byRank);
    return count < all.length ? all.slice(0, count) : all;
  }
  const heap: number[] = [];
  const siftDown = (from: number) => {
    let parent = from;
    for (;;) {
      const left = parent * 2 + 1;
      if (left >= heap.length) return;
      const right = left + 1;
      const weaker =
        right < heap.length && ranksBelow(scores, heap[right]!, heap[left]!) ? right : left;
      if (!ranksBelow(scores, heap[weaker]!, heap[parent]!)) return;
      [heap[parent], heap[weaker]] = [heap[weaker]!, heap[parent]!];
      parent = weaker;
    }
  };
  for (let i = 0; i < candidates.length; i += 1) {
    const position = candidates[i]!;
    if (heap.length < count) {
      heap.push(position);
      // Sift up: the weakest row rises to the root.
      let child = heap.length - 1;
      while (child > 0) {
        const parent = (child - 1) >> 1;
        if (!ranksBelow(scores, heap[child]!, heap[parent]!)) break;
        [heap[parent], heap[child]] = [heap[child]!, heap[parent]!];
        child = parent;
      }
    } else if (count > 0 && ranksBelow(scores, heap[0]!, position)) {
      heap[0] = position;
      siftDown(0);
    }
  }
  return heap.sort(byRank);
}

/**
 * Filters, sorts and counts facets over post summaries.
 *
 * - `areas`: a post needs any (`match: 'any'`, the default) or all (`'all'`) selected areas;
 * - `categories`: a post needs one of the selected categories;
 * - area and category names match ignoring letter case, and names that differ only in case are
 *   one facet in one spelling (see `NameGroups`);
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
  const timeline = new Timeline(summaries);
  const searchHits = hasText(filter.query) ? (hits ?? NO_HITS) : null;
  let scores: Float64Array | null = null;
  if (searchHits !== null) {
    const positions: number[] = [];
    const hitScores: number[] = [];
    for (const hit of searchHits.values()) {
      const position = timeline.positionOf(hit.id);
      if (position === undefined) continue;
      positions.push(position);
      hitScores.push(hit.score);
    }
    scores = timeline.scoresOf([{ positions, scores: hitScores }]);
  }
  const { positions, areas, categories } = timeline.filter(filter, scores);
  const entries = Array.from(positions, (position): TimelineEntry => {
    const summary = timeline.summaries[position] as PostSummary;
    if (searchHits === null) return summary;
    const hit = searchHits.get(summary.id) as SearchHit;
    return hit.snippet === undefined
      ? { ...summary, score: hit.score }
      : { ...summary, score: hit.score, snippet: hit.snippet };
  });
  return { entries, areas, categories };
};
