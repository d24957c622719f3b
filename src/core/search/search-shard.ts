import MiniSearch from 'minisearch';
import type { Options, SearchOptions } from 'minisearch';
import type { IndexedDocument, SearchHit, SearchShard } from './search-contract';
import { buildSnippet } from './snippet';
import { tokenizeForIndex, tokenizeForQuery } from './tokenize';

/**
 * Version of the serialized form. Bump it whenever the tokenizer, the indexed fields or the
 * payload layout change: a cached shard with another version is refused and rebuilt.
 */
export const SHARD_FORMAT_VERSION = 1;
const FORMAT_HEADER = `accord-search-shard/${SHARD_FORMAT_VERSION}\n`;
const FORMAT_HEADER_PATTERN = /^accord-search-shard\/(\d+)\n/;

const DEFAULT_SNIPPET_LIMIT = 200;

/** Field weights: a word in the title says more about a post than the same word in its body. */
const FIELD_BOOSTS = { title: 4, areas: 3, description: 2, text: 1 } as const;
const FIELDS = Object.keys(FIELD_BOOSTS);

/** Typos are tolerated on words of this length or longer (`evaluatons`). */
const FUZZY_MIN_LENGTH = 4;
/** Edit distance as a fraction of the word length: 2 edits on a 10-letter word. */
const FUZZY_FRACTION = 0.2;
/** Never more than two edits: a wider search costs time and returns noise. */
const MAX_FUZZY_EDITS = 2;
/** Earlier words of a query count as prefixes too once this long (`standardis activ`). */
const PREFIX_MIN_LENGTH = 3;

const isSingleCjkCharacter = (term: string): boolean =>
  [...term].length === 1 && term.charCodeAt(0) >= 0x1100;

/**
 * The word being typed (the last) always matches as a prefix, except a lone Latin letter that
 * would expand to much of the vocabulary; earlier words do once they are long enough. A single
 * CJK character is always a prefix: it is how one-character queries find the bigrams it starts.
 */
function isPrefixTerm(term: string, index: number, terms: readonly string[]): boolean {
  if (isSingleCjkCharacter(term)) return true;
  return index === terms.length - 1 || term.length >= PREFIX_MIN_LENGTH;
}

const fuzzyFraction = (term: string): number | false =>
  term.length >= FUZZY_MIN_LENGTH ? FUZZY_FRACTION : false;

const SEARCH_OPTIONS: SearchOptions = {
  boost: FIELD_BOOSTS,
  combineWith: 'AND',
  prefix: isPrefixTerm,
  fuzzy: fuzzyFraction,
  maxFuzzy: MAX_FUZZY_EDITS,
  tokenize: tokenizeForQuery,
  // Terms arrive folded from the tokenizer: nothing left to do per term.
  processTerm: (term) => term,
};

/** The same options must be given when loading a serialized index, so they live in one place. */
const MINISEARCH_OPTIONS: Options<IndexedDocument> = {
  idField: 'id',
  fields: FIELDS,
  storeFields: [],
  extractField: (document, field) => {
    const value = document[field as keyof IndexedDocument];
    return Array.isArray(value) ? value.join('\n') : value;
  },
  tokenize: tokenizeForIndex,
  processTerm: (term) => term,
  searchOptions: SEARCH_OPTIONS,
  // Removing posts leaves dead references that are cleaned lazily. MiniSearch's automatic vacuum
  // runs in small batches between event-loop turns once at least 20 documents and 10% of the
  // index are discarded, so a single edit never pays for a full pass and searches stay correct
  // meanwhile (discarded ids are skipped).
  autoVacuum: { minDirtCount: 20, minDirtFactor: 0.1, batchSize: 1000, batchWait: 10 },
};

interface SerializedShard {
  readonly index: unknown;
  /** `[id, text]` pairs: the snippet source of every indexed document. */
  readonly texts: ReadonlyArray<readonly [string, string]>;
}

/**
 * A {@link SearchShard} over MiniSearch. Besides the index it keeps each document's plain text in
 * a `Map` (id → text) because snippets are cut from the original wording, which the index does
 * not retain. That map is the larger part of a shard's memory (about the size of the bodies)
 * and of its serialized form.
 */
class MiniSearchShard implements SearchShard {
  readonly #index: MiniSearch<IndexedDocument>;
  readonly #texts: Map<string, string>;

  constructor(index: MiniSearch<IndexedDocument>, texts: Map<string, string>) {
    this.#index = index;
    this.#texts = texts;
  }

  get size(): number {
    return this.#index.documentCount;
  }

  add(documents: readonly IndexedDocument[]): void {
    for (const document of documents) {
      if (this.#index.has(document.id)) this.#index.discard(document.id);
      this.#index.add(document);
      this.#texts.set(document.id, document.text);
    }
  }

  remove(ids: readonly string[]): void {
    for (const id of ids) {
      if (!this.#index.has(id)) continue;
      this.#index.discard(id);
      this.#texts.delete(id);
    }
  }

  has(id: string): boolean {
    return this.#index.has(id);
  }

  search(query: string, options?: { readonly snippetLimit?: number }): SearchHit[] {
    if (query.trim() === '') return [];
    const snippetLimit = options?.snippetLimit ?? DEFAULT_SNIPPET_LIMIT;
    const results = this.#index.search(query);
    const hits: SearchHit[] = new Array<SearchHit>(results.length);
    for (let i = 0; i < results.length; i += 1) {
      const result = results[i] as (typeof results)[number];
      const id = String(result.id);
      const terms: readonly string[] = result.terms;
      if (i < snippetLimit) {
        const snippet = buildSnippet(this.#texts.get(id) ?? '', terms);
        hits[i] = { id, score: result.score, terms, snippet };
      } else {
        hits[i] = { id, score: result.score, terms };
      }
    }
    return hits;
  }

  serialize(): string {
    const payload: SerializedShard = { index: this.#index.toJSON(), texts: [...this.#texts] };
    return FORMAT_HEADER + JSON.stringify(payload);
  }
}

/** An empty shard. */
export function createSearchShard(): SearchShard {
  return new MiniSearchShard(new MiniSearch(MINISEARCH_OPTIONS), new Map());
}

function isSerializedShard(value: unknown): value is SerializedShard {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { index?: unknown; texts?: unknown };
  return (
    typeof candidate.index === 'object' &&
    candidate.index !== null &&
    Array.isArray(candidate.texts)
  );
}

/**
 * Restores a shard from {@link SearchShard.serialize}'s output. Throws an error starting with
 * `search:` when the string is not a shard of the current format (another version, truncated,
 * garbage), so the caller knows to rebuild the shard from the posts.
 */
export function loadSearchShard(serialized: string): SearchShard {
  const header = FORMAT_HEADER_PATTERN.exec(serialized.slice(0, 64));
  if (header === null) throw new Error('search: not a serialized search shard');
  if (Number(header[1]) !== SHARD_FORMAT_VERSION) {
    throw new Error(
      `search: shard format version ${header[1]} is not the supported version ${SHARD_FORMAT_VERSION}`,
    );
  }
  let payload: unknown;
  try {
    payload = JSON.parse(serialized.slice(header[0].length));
  } catch (error) {
    throw new Error(`search: the serialized shard is not valid JSON (${String(error)})`);
  }
  if (!isSerializedShard(payload)) throw new Error('search: the serialized shard is incomplete');
  let index: MiniSearch<IndexedDocument>;
  try {
    index = MiniSearch.loadJS(
      payload.index as Parameters<typeof MiniSearch.loadJS>[0],
      MINISEARCH_OPTIONS,
    );
  } catch (error) {
    throw new Error(`search: the serialized index cannot be loaded (${String(error)})`);
  }
  const texts = new Map<string, string>();
  for (const entry of payload.texts) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'string') {
      throw new Error('search: the serialized shard has a malformed text entry');
    }
    texts.set(entry[0], entry[1]);
  }
  if (texts.size !== index.documentCount) {
    throw new Error(
      `search: the serialized shard has ${texts.size} texts for ${index.documentCount} documents`,
    );
  }
  return new MiniSearchShard(index, texts);
}
