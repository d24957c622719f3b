import MiniSearch from 'minisearch';
import type { Options, SearchOptions } from 'minisearch';
import type { Snippet } from '@shared/query';
import { addDocument } from './add-document';
import type { IndexedDocument, SearchHit, SearchShard, ShardMatches } from './search-contract';
import {
  fieldLengthTable,
  readIndexInternals,
  scoreQuery,
  termsOfDocument,
  termsOfHits,
  type FieldLengthTable,
  type IndexInternals,
  type QueryTermSpec,
  type ScoredDocuments,
  type ScoringOptions,
} from './score-query';
import {
  decodeShard,
  decodeShardParts,
  encodeShard,
  encodeShardInSteps,
  shardTextsOffset,
  type EncodedShard,
  type SerializedShard,
} from './shard-codec';
import { ShardTexts, type TextSpill } from './shard-texts';
import type { Steps } from '../stepwise';
import { buildSnippet, buildSnippetFromHead } from './snippet';
import { completeUtf8Prefix } from './utf8-prefix';
import { tokenizeForIndex, tokenizeForQuery } from './tokenize';

/**
 * Version of the serialized form. Bump it whenever the tokenizer, the indexed fields or the
 * payload layout change: a cached shard with another version is refused and rebuilt.
 */
export const SHARD_FORMAT_VERSION = 2;

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
/** MiniSearch options of every shard (also needed to load a serialized one). */
export const MINISEARCH_OPTIONS: Options<IndexedDocument> = {
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

/** How MiniSearch would rank with {@link SEARCH_OPTIONS}: the scorer reproduces it. */
const SCORING: ScoringOptions = {
  boosts: FIELD_BOOSTS,
  prefixWeight: 0.375,
  fuzzyWeight: 0.45,
  bm25: { k: 1.2, b: 0.7, d: 0.5 },
};

/** The query words with their prefix and typo allowances, as {@link SEARCH_OPTIONS} defines them. */
export function querySpecs(query: string): QueryTermSpec[] {
  const terms = tokenizeForQuery(query);
  return terms.map((term, index) => {
    const fraction = fuzzyFraction(term);
    return {
      term,
      prefix: isPrefixTerm(term, index, terms),
      maxDistance:
        fraction === false ? 0 : Math.min(MAX_FUZZY_EDITS, Math.round(term.length * fraction)),
    };
  });
}

const utf8 = new TextDecoder();
const encoder = new TextEncoder();

/**
 * How much of a text a snippet reads first (see `buildSnippetFromHead`): in the benchmark's posts
 * the passage ended within the first 1,000 characters for 86% of the snippets.
 */
const SNIPPET_HEAD_BYTES = 1536;

/**
 * A {@link SearchShard} over MiniSearch. Besides the index it has each document's plain text,
 * UTF-8 encoded (half the memory of a JavaScript string with any non-Latin-1 character in it),
 * because snippets are cut from the original wording, which the index does not retain; once the
 * shard is saved or loaded, the texts are read from its file ({@link ShardTexts}). Searches are
 * scored by {@link scoreQuery} over MiniSearch's index, not by `MiniSearch#search`.
 */
class MiniSearchShard implements StreamableSearchShard {
  readonly #index: MiniSearch<IndexedDocument>;
  readonly #internals: IndexInternals;
  #texts: ShardTexts;
  /** The last {@link serializeInSteps} result, while the index has not changed since. */
  #lastEncoding: { encoded: EncodedShard; version: number } | null = null;
  /** The last query's word expansions, reused by `snippets` while the index is unchanged. */
  #expansionsCache: { query: string; version: number; scored: ScoredDocuments } | null = null;
  /** Increases with every change to the index. */
  #version = 0;
  /** Field lengths for the scorer, built on the first query after a change. */
  #lengths: { table: FieldLengthTable; version: number } | null = null;

  readonly #spill: TextSpill | null;

  constructor(
    index: MiniSearch<IndexedDocument>,
    texts: ShardTexts,
    spill: TextSpill | null = null,
  ) {
    this.#spill = spill;
    this.#index = index;
    this.#internals = readIndexInternals(index);
    this.#texts = texts;
  }

  get size(): number {
    return this.#index.documentCount;
  }

  add(documents: readonly IndexedDocument[]): void {
    this.#version += 1;
    for (const document of documents) {
      if (this.#index.has(document.id)) this.#index.discard(document.id);
      addDocument(this.#index, document);
      this.#texts.set(document.id, encoder.encode(document.text));
    }
  }

  remove(ids: readonly string[]): void {
    this.#version += 1;
    for (const id of ids) {
      if (!this.#index.has(id)) continue;
      this.#index.discard(id);
      this.#texts.delete(id);
    }
  }

  has(id: string): boolean {
    return this.#index.has(id);
  }

  #score(query: string): ScoredDocuments {
    const cached = this.#expansionsCache;
    if (cached !== null && cached.query === query && cached.version === this.#version) {
      return cached.scored;
    }
    if (this.#lengths?.version !== this.#version) {
      this.#lengths = { table: fieldLengthTable(this.#internals), version: this.#version };
    }
    const scored = scoreQuery(this.#internals, querySpecs(query), SCORING, this.#lengths.table);
    this.#expansionsCache = { query, version: this.#version, scored };
    return scored;
  }

  match(query: string): ShardMatches {
    if (query.trim() === '') {
      return { numbers: new Int32Array(0), scores: new Float64Array(0), terms: [] };
    }
    const { shortIds, scores, expansions } = this.#score(query);
    // A bitmap by short id: for a word in every post, a `Set` of 5,000 numbers cost more than
    // the rest of this method.
    let highest = 0;
    for (let i = 0; i < shortIds.length; i += 1) highest = Math.max(highest, shortIds[i]!);
    const isHit = new Uint8Array(highest + 1);
    for (let i = 0; i < shortIds.length; i += 1) isHit[shortIds[i]!] = 1;
    const terms = termsOfHits(expansions, (shortId) => isHit[shortId] === 1);
    // Copies: the cached result must survive the caller transferring these buffers away.
    return { numbers: shortIds.slice(), scores: scores.slice(), terms };
  }

  documentNumber(id: string): number | undefined {
    return this.#shortIds().get(id);
  }

  documentNumbers(): { ids: string[]; numbers: number[] } {
    const ids: string[] = [];
    const numbers: number[] = [];
    for (const [shortId, id] of this.#internals._documentIds) {
      ids.push(id);
      numbers.push(shortId);
    }
    return { ids, numbers };
  }

  #shortIds(): Map<string, number> {
    return (this.#index as unknown as { _idToShortId: Map<string, number> })._idToShortId;
  }

  snippets(query: string, ids: readonly string[]): (Snippet | null)[] {
    const { expansions } = this.#score(query);
    const shortIdOf = this.#shortIds();
    return ids.map((id) => {
      const shortId = shortIdOf.get(id);
      if (shortId === undefined) return null;
      return this.#snippetOf(id, termsOfDocument(expansions, shortId));
    });
  }

  /** The snippet of `id` for `terms`, from the beginning of its text when that decides it. */
  #snippetOf(id: string, terms: readonly string[]): Snippet | null {
    const head = this.#texts.head(id, SNIPPET_HEAD_BYTES);
    if (head === undefined) return null;
    // Shorter than asked for: the head is the whole text.
    if (head.length < SNIPPET_HEAD_BYTES) return buildSnippet(utf8.decode(head), terms);
    const snippet = buildSnippetFromHead(utf8.decode(completeUtf8Prefix(head)), terms);
    if (snippet !== null) return snippet;
    const text = this.#texts.get(id);
    return text === undefined ? null : buildSnippet(utf8.decode(text), terms);
  }

  search(query: string, options?: { readonly snippetLimit?: number }): SearchHit[] {
    if (query.trim() === '') return [];
    const snippetLimit = options?.snippetLimit ?? DEFAULT_SNIPPET_LIMIT;
    const { shortIds, scores, expansions } = this.#score(query);
    const documentIds = this.#internals._documentIds;
    const order = Array.from(shortIds.keys()).sort(
      (a, b) =>
        (scores[b] as number) - (scores[a] as number) ||
        (shortIds[a] as number) - (shortIds[b] as number),
    );
    return order.map((position, rank) => {
      const shortId = shortIds[position] as number;
      const id = documentIds.get(shortId) as string;
      const terms = termsOfDocument(expansions, shortId);
      const score = scores[position] as number;
      if (rank >= snippetLimit) return { id, score, terms };
      // A text that cannot be read gives an empty snippet here, as it always has.
      return { id, score, terms, snippet: this.#snippetOf(id, terms) ?? buildSnippet('', terms) };
    });
  }

  serialize(): Uint8Array {
    return encodeShard(
      this.#index as unknown as MiniSearch<never>,
      this.#texts,
      SHARD_FORMAT_VERSION,
    );
  }

  async whenVacuumed(): Promise<void> {
    // MiniSearch gives no promise for a vacuum it started itself (after removals); its batches
    // run `batchWait` (10 ms) apart.
    while (this.#index.isVacuuming) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  *serializeInSteps(): Steps<EncodedShard> {
    const version = this.#version;
    const encoded = yield* encodeShardInSteps(
      this.#index as unknown as MiniSearch<never>,
      this.#texts,
      SHARD_FORMAT_VERSION,
    );
    if (this.#version !== version)
      throw new Error('search: the shard changed while it was encoded');
    this.#lastEncoding = { encoded, version };
    return encoded;
  }

  readTextsFrom(encoded: EncodedShard, written: SerializedShard): void {
    const last = this.#lastEncoding;
    if (last?.encoded !== encoded || last.version !== this.#version) {
      written.close?.();
      throw new Error('search: the shard changed after it was written');
    }
    const previous = this.#texts;
    this.#texts = new ShardTexts(
      {
        layout: encoded.textLayout(),
        read: written.read,
        ...(written.close ? { close: written.close } : {}),
      },
      this.#spill,
    );
    // Everything the spill held is in the written file now.
    this.#spill?.clear();
    this.#lastEncoding = null;
    previous.close();
  }

  close(): void {
    this.#texts.close();
  }
}

/** A {@link SearchShard} that can also be written out piece by piece. */
export interface StreamableSearchShard extends SearchShard {
  /**
   * The bytes of {@link SearchShard.serialize}, as ~1 MB pieces to write one after the other:
   * a whole shard is tens of megabytes (hundreds at 100,000 posts), and building it in one
   * buffer next to the live index made saving the cache the memory peak of an index. The
   * up-front pass (see `encodeShardInSteps`) runs in steps, so a worker can answer searches
   * between them. Throws if the shard changes meanwhile.
   */
  serializeInSteps(): Steps<EncodedShard>;
  /**
   * Resolves once MiniSearch's automatic vacuum (started by removals) is over. Its batches change
   * the index between event-loop turns, so a shard encoded in steps must wait for it: no vacuum
   * starts meanwhile except after another removal, which abandons the save anyway.
   */
  whenVacuumed(): Promise<void>;
  /**
   * Reads texts from `written` — the bytes of `encoded`, this shard's latest
   * {@link serializeInSteps}, now in a file — instead of holding them in memory. Throws (and
   * closes `written`) when the shard changed since. Texts added later are held until the next save.
   */
  readTextsFrom(encoded: EncodedShard, written: SerializedShard): void;
  /** Releases the file the texts are read from, if any. */
  close(): void;
}

/**
 * An empty shard. Texts it indexes go to `spill` (see {@link TextSpill}) until it is saved, or
 * stay in memory without one. The shard is the spill's only user.
 */
export function createSearchShard(spill: TextSpill | null = null): StreamableSearchShard {
  return new MiniSearchShard(
    new MiniSearch(MINISEARCH_OPTIONS),
    new ShardTexts(null, spill),
    spill,
  );
}

/**
 * Restores a shard from {@link SearchShard.serialize}'s output. Throws an error starting with
 * `search:` when the bytes are not a shard of the current format (another version, truncated,
 * garbage), so the caller knows to rebuild the shard from the posts.
 */
export function loadSearchShard(serialized: Uint8Array): StreamableSearchShard {
  const { index, texts } = decodeShard(serialized, MINISEARCH_OPTIONS, SHARD_FORMAT_VERSION);
  return new MiniSearchShard(index, texts);
}

/**
 * Where the texts of a serialized shard begin (see `shardTextsOffset` in `shard-codec.ts`):
 * `read(position, length)` returns the serialized bytes there. Throws a `search:` error for bytes
 * that are not a shard of the current format.
 */
export function searchShardTextsOffset(
  read: (position: number, length: number) => Uint8Array,
): number {
  return shardTextsOffset(read, SHARD_FORMAT_VERSION);
}

/**
 * {@link loadSearchShard} of a serialized shard whose first part, `head` (everything before
 * {@link searchShardTextsOffset}), has been read; the texts stay in `shard` (a file) and are read
 * from there for snippets. The index keeps `head` (metadata and postings): it reads its postings
 * there (see `packed-postings.ts`).
 */
export function loadSearchShardParts(
  head: Uint8Array,
  shard: SerializedShard,
  spill: TextSpill | null = null,
): StreamableSearchShard {
  const decoded = decodeShardParts(head, shard, MINISEARCH_OPTIONS, SHARD_FORMAT_VERSION, spill);
  return new MiniSearchShard(decoded.index, decoded.texts, spill);
}
