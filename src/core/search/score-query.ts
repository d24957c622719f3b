import type MiniSearch from 'minisearch';
import { forEachPosting, someDocument } from './postings-map';

/**
 * Scores an AND query over a MiniSearch index without MiniSearch's `search`.
 *
 * Why: `MiniSearch#search` builds three small objects per (document, term, field) and a result
 * object per hit (with `Object.keys(match)` and stored fields), then sorts them. On a word found
 * in every document of a 5,000-post shard that is most of a 10–30 ms search. This function walks
 * the same index with the same formula (BM25+, MiniSearch's prefix and fuzzy weights, field
 * boosts, AND combination, the `quality` factor) but accumulates into typed arrays indexed by
 * MiniSearch's short document ids: a few milliseconds for the same query, and nothing allocated
 * per hit. Which index terms matched which hit is not recorded while scoring; it is recomputed for
 * the few rows that need it (snippets) by {@link termsOfDocument}.
 *
 * It reads MiniSearch's internal fields (pinned `minisearch` version). {@link readIndexInternals}
 * checks their shape first, and `search-shard.test.ts` compares every result with
 * `MiniSearch#search` on the same index, so an upgrade that changes them fails loudly.
 */

/** field id → short document id → term frequency. */
type FieldTermData = Map<number, Map<number, number>>;

interface SearchableMapLike {
  get(term: string): FieldTermData | undefined;
  atPrefix(prefix: string): Iterable<[string, FieldTermData]>;
  fuzzyGet(term: string, maxDistance: number): Map<string, [FieldTermData, number]>;
}

/** The parts of a MiniSearch instance the scorer reads. */
export interface IndexInternals {
  readonly _index: SearchableMapLike;
  readonly _documentIds: Map<number, string>;
  readonly _fieldIds: Record<string, number>;
  readonly _fieldLength: Map<number, number[]>;
  readonly _avgFieldLength: number[];
  readonly _documentCount: number;
  readonly _nextId: number;
}

/**
 * The internals of `index`, after checking they look like MiniSearch 7's. Throws a `search:`
 * error otherwise (a dependency upgrade changed them).
 */
export function readIndexInternals(index: MiniSearch<never> | object): IndexInternals {
  const candidate = index as Partial<IndexInternals>;
  const ok =
    typeof candidate._index?.get === 'function' &&
    typeof candidate._index.atPrefix === 'function' &&
    typeof candidate._index.fuzzyGet === 'function' &&
    candidate._documentIds instanceof Map &&
    candidate._fieldLength instanceof Map &&
    typeof candidate._fieldIds === 'object' &&
    Array.isArray(candidate._avgFieldLength) &&
    typeof candidate._documentCount === 'number' &&
    typeof candidate._nextId === 'number';
  if (!ok) throw new Error('search: the MiniSearch index does not have the expected internals');
  return candidate as IndexInternals;
}

/** How one word of a query is matched. */
export interface QueryTermSpec {
  readonly term: string;
  readonly prefix: boolean;
  /** Maximum edit distance (0: exact and prefix only). */
  readonly maxDistance: number;
}

/** Ranking parameters; the values MiniSearch uses by default unless the shard says otherwise. */
export interface ScoringOptions {
  /** Field name → boost. Fields missing here are not searched. */
  readonly boosts: Readonly<Record<string, number>>;
  readonly prefixWeight: number;
  readonly fuzzyWeight: number;
  readonly bm25: { readonly k: number; readonly b: number; readonly d: number };
}

/** An index term a query word expanded to, with the weight MiniSearch gives that expansion. */
export interface TermExpansion {
  readonly term: string;
  readonly weight: number;
  readonly data: FieldTermData;
}

/**
 * Every live document's field lengths, one array per field id indexed by short id, `-1` where no
 * live document has that number. The scorer reads a length for every posting it walks; read from
 * MiniSearch's `Map` of per-document arrays, that lookup was most of a common word's cost (a
 * shard of 50,000 posts answers the benchmark's queries 6× faster with this table, one of 10,000
 * 2×). Valid until the index changes: build a new one then.
 */
export type FieldLengthTable = readonly Int32Array[];

/**
 * The {@link FieldLengthTable} of `internals` as it is now.
 *
 * @example
 * const lengths = fieldLengthTable(internals);
 * scoreQuery(internals, querySpecs('digital trade'), SCORING, lengths);
 */
export function fieldLengthTable(internals: IndexInternals): FieldLengthTable {
  const size = internals._nextId;
  const fieldCount = Object.keys(internals._fieldIds).length;
  const table = Array.from({ length: fieldCount }, () => new Int32Array(size).fill(-1));
  for (const [shortId, lengths] of internals._fieldLength) {
    for (let fieldId = 0; fieldId < fieldCount; fieldId += 1) {
      (table[fieldId] as Int32Array)[shortId] = lengths[fieldId] ?? 0;
    }
  }
  return table;
}

/**
 * The scorer's per-document accumulators, kept between queries and zeroed for each. Allocated
 * afresh, three arrays per query per shard (tens of kB each) came from the C heap, whose
 * per-thread arenas kept the freed memory: ~30–50 MB of resident memory after a few hundred
 * searches at 10,000 posts.
 */
const scratch = {
  totals: new Float64Array(0),
  /** How many query words matched the document so far (each counted once). */
  matchedWords: new Uint16Array(0),
  /** 1 + index of the last query word that reached the document. */
  lastWord: new Uint16Array(0),
};

function scratchFor(size: number): typeof scratch {
  if (scratch.totals.length < size) {
    // Room to grow, so adding posts one by one does not reallocate on every query.
    const capacity = Math.ceil(size * 1.25);
    scratch.totals = new Float64Array(capacity);
    scratch.matchedWords = new Uint16Array(capacity);
    scratch.lastWord = new Uint16Array(capacity);
  } else {
    scratch.totals.fill(0, 0, size);
    scratch.matchedWords.fill(0, 0, size);
    scratch.lastWord.fill(0, 0, size);
  }
  return scratch;
}

/** The documents that match every word, with their scores; short ids in no particular order. */
export interface ScoredDocuments {
  readonly shortIds: Int32Array;
  readonly scores: Float64Array;
  /** Per query word, the index terms it matched (exact, prefix, fuzzy). */
  readonly expansions: readonly (readonly TermExpansion[])[];
}

const EMPTY: ScoredDocuments = {
  shortIds: new Int32Array(0),
  scores: new Float64Array(0),
  expansions: [],
};

/** Exact term, then prefix and fuzzy expansions, weighted exactly as MiniSearch weights them. */
export function expandTerm(
  internals: IndexInternals,
  spec: QueryTermSpec,
  options: ScoringOptions,
): TermExpansion[] {
  const { term } = spec;
  const expansions: TermExpansion[] = [];
  const exact = internals._index.get(term);
  if (exact !== undefined) expansions.push({ term, weight: 1, data: exact });
  const fuzzy = spec.maxDistance > 0 ? internals._index.fuzzyGet(term, spec.maxDistance) : null;
  if (spec.prefix) {
    for (const [candidate, data] of internals._index.atPrefix(term)) {
      const distance = candidate.length - term.length;
      if (distance === 0) continue;
      // A term that is both a prefix and a fuzzy match is scored as a prefix match.
      fuzzy?.delete(candidate);
      const weight =
        (options.prefixWeight * candidate.length) / (candidate.length + 0.3 * distance);
      expansions.push({ term: candidate, weight, data });
    }
  }
  if (fuzzy !== null) {
    for (const [candidate, [data, distance]] of fuzzy) {
      if (distance === 0) continue;
      const weight = (options.fuzzyWeight * candidate.length) / (candidate.length + distance);
      expansions.push({ term: candidate, weight, data });
    }
  }
  return expansions;
}

/**
 * Every live document that matches all `specs`, scored as `MiniSearch#search` with
 * `combineWith: 'AND'` scores it (up to floating-point summation order).
 */
export function scoreQuery(
  internals: IndexInternals,
  specs: readonly QueryTermSpec[],
  options: ScoringOptions,
  lengths: FieldLengthTable = fieldLengthTable(internals),
): ScoredDocuments {
  if (specs.length === 0) return EMPTY;
  const size = internals._nextId;
  const { totals, matchedWords, lastWord } = scratchFor(size);
  const documentCount = internals._documentCount;
  const { k, b, d } = options.bm25;
  const fields = Object.entries(options.boosts).map(
    ([name, boost]) => [internals._fieldIds[name], boost] as const,
  );
  const expansions: TermExpansion[][] = [];

  for (let word = 0; word < specs.length; word += 1) {
    const wordExpansions = expandTerm(internals, specs[word] as QueryTermSpec, options);
    expansions.push(wordExpansions);
    // AND: a word without any index term ends the search.
    if (wordExpansions.length === 0) return EMPTY;
    const marker = word + 1;
    for (const { weight, data } of wordExpansions) {
      for (const [fieldId, boost] of fields) {
        if (fieldId === undefined) continue;
        const frequencies = data.get(fieldId);
        if (frequencies === undefined) continue;
        // Discarded documents linger in the postings until the next vacuum, so the posting count
        // can exceed the live document count; unclamped, the idf would turn negative and live
        // matches would score below zero (and drop out of the results).
        const matching = Math.min(frequencies.size, documentCount);
        const inverseFrequency = Math.log(1 + (documentCount - matching + 0.5) / (matching + 0.5));
        const averageLength = internals._avgFieldLength[fieldId] as number;
        const factor = weight * boost * inverseFrequency;
        const fieldLengths = lengths[fieldId] as Int32Array;
        const addPosting = (frequency: number, shortId: number): void => {
          // Discarded documents stay in the postings until MiniSearch vacuums them; their field
          // lengths are gone at once, which is how they are recognised here.
          const fieldLength = fieldLengths[shortId] as number;
          if (!(fieldLength >= 0)) return;
          totals[shortId] =
            (totals[shortId] as number) +
            factor *
              (d +
                (frequency * (k + 1)) /
                  (frequency + k * (1 - b + (b * fieldLength) / averageLength)));
          if (lastWord[shortId] !== marker) {
            lastWord[shortId] = marker;
            matchedWords[shortId] = (matchedWords[shortId] as number) + 1;
          }
        };
        // Postings are read where they lie, without a call per posting (see `postings-map.ts`).
        forEachPosting(frequencies, addPosting);
      }
    }
  }

  const wordCount = specs.length;
  let count = 0;
  for (let shortId = 0; shortId < size; shortId += 1) {
    if (matchedWords[shortId] === wordCount) count += 1;
  }
  const shortIds = new Int32Array(count);
  const scores = new Float64Array(count);
  let next = 0;
  for (let shortId = 0; shortId < size; shortId += 1) {
    if (matchedWords[shortId] !== wordCount) continue;
    shortIds[next] = shortId;
    // MiniSearch multiplies by the number of query words a document matched: all of them here.
    scores[next] = (totals[shortId] as number) * wordCount;
    next += 1;
  }
  return { shortIds, scores, expansions };
}

/** Whether any field of `data` lists the document. */
function mentions(data: FieldTermData, shortId: number): boolean {
  for (const frequencies of data.values()) if (frequencies.has(shortId)) return true;
  return false;
}

/** The index terms of `expansions` that occur in the document, each once, in expansion order. */
export function termsOfDocument(
  expansions: readonly (readonly TermExpansion[])[],
  shortId: number,
): string[] {
  const terms: string[] = [];
  for (const wordExpansions of expansions) {
    for (const expansion of wordExpansions) {
      if (!terms.includes(expansion.term) && mentions(expansion.data, shortId)) {
        terms.push(expansion.term);
      }
    }
  }
  return terms;
}

/** The index terms of `expansions` that occur in at least one of `hits` (a set of short ids). */
export function termsOfHits(
  expansions: readonly (readonly TermExpansion[])[],
  isHit: (shortId: number) => boolean,
): string[] {
  const terms: string[] = [];
  for (const wordExpansions of expansions) {
    for (const expansion of wordExpansions) {
      if (terms.includes(expansion.term)) continue;
      let found = false;
      for (const frequencies of expansion.data.values()) {
        found = someDocument(frequencies, isHit);
        if (found) break;
      }
      if (found) terms.push(expansion.term);
    }
  }
  return terms;
}
