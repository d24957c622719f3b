import MiniSearch from 'minisearch';
import { describe, expect, it, vi } from 'vitest';
import type { IndexedDocument, SearchShard } from './search-contract';
import {
  createSearchShard,
  loadSearchShard,
  loadSearchShardParts,
  searchShardTextsOffset,
  MINISEARCH_OPTIONS,
  SHARD_FORMAT_VERSION,
} from './search-shard';
import { runAtOnce } from '../stepwise';
import { buildSnippet } from './snippet';
import { generateSyntheticDocuments } from './synthetic-documents';

/** Wording taken from the user's sample post (AI safety arrangement with the EU). */
const aiSafety: IndexedDocument = {
  id: '_posts/2024-11-20-singapore-eu-ai-safety.md',
  title: 'Singapore and the European Union Agree to Strengthen Collaboration on AI Safety',
  description: '',
  areas: ['Information Exchange', 'Joint Testing and Evaluations', 'Standardisation Activities'],
  text:
    'The goal is to drive AI safety research; strengthen our understanding of evaluations of ' +
    'advanced AI; and support best practices and protocols in safe and trustworthy AI. ' +
    'd. Standardisation Activities: For general-purpose AI.',
};

const chinese: IndexedDocument = {
  id: 'zh.md',
  title: '新闻稿',
  description: '',
  areas: [],
  text: '新加坡与欧盟在人工智能安全方面加强合作',
};

const cafe: IndexedDocument = {
  id: 'cafe.md',
  title: 'Meeting at the Café in Zürich',
  description: 'Ministers met over coffee.',
  areas: ['Trade and Investment'],
  text: 'The ministers met at a café in Zürich to discuss trade.',
};

const plainCafe: IndexedDocument = {
  id: 'plain-cafe.md',
  title: 'A cafe economy',
  description: '',
  areas: [],
  text: 'Small businesses such as the corner cafe benefit from the agreement.',
};

function shardWith(...documents: IndexedDocument[]): SearchShard {
  const shard = createSearchShard();
  shard.add(documents);
  return shard;
}

const ids = (shard: SearchShard, query: string): string[] =>
  shard.search(query).map((hit) => hit.id);

describe('search shard matching', () => {
  const shard = shardWith(aiSafety, chinese, cafe, plainCafe);

  it('tolerates a typo in a longer word', () => {
    expect(ids(shard, 'evaluatons')).toEqual([aiSafety.id]);
  });

  it('matches the word being typed as a prefix', () => {
    expect(ids(shard, 'standardis')).toEqual([aiSafety.id]);
  });

  it('reports the index term a prefix matched, for highlighting', () => {
    expect(shard.search('standardis')[0]?.terms).toEqual(['standardisation']);
  });

  it('finds a Chinese word inside a sentence without spaces', () => {
    expect(ids(shard, '人工智能')).toEqual([chinese.id]);
  });

  it('finds a single CJK character, wherever it sits in the run', () => {
    expect(ids(shard, '工')).toEqual([chinese.id]);
    expect(ids(shard, '作')).toEqual([chinese.id]);
  });

  it('does not match CJK characters that are absent', () => {
    expect(ids(shard, '人工智慧')).toEqual([]);
  });

  it('finds an accented word from its unaccented spelling and the reverse', () => {
    const both = [cafe.id, plainCafe.id].sort();
    expect(ids(shard, 'cafe').slice(0, 2).sort()).toEqual(both);
    expect(ids(shard, 'café').slice(0, 2).sort()).toEqual(both);
    expect(ids(shard, 'zurich')).toEqual([cafe.id]);
  });

  it('ranks a one-letter typo match (cafe → safe) below exact matches', () => {
    expect(ids(shard, 'cafe')).toEqual([plainCafe.id, cafe.id, aiSafety.id]);
  });

  it('requires every word of a multi-word query', () => {
    expect(ids(shard, 'zurich trade')).toEqual([cafe.id]);
    expect(ids(shard, 'zurich quantum')).toEqual([]);
    expect(ids(shard, 'ai 人工智能')).toEqual([]);
  });

  it('keeps AI searchable', () => {
    expect(ids(shard, 'AI')).toEqual([aiSafety.id]);
  });

  it('ranks a title match above a body match', () => {
    const ranked = shardWith(
      {
        id: 'body.md',
        title: 'Ministers meet',
        description: '',
        areas: [],
        text: 'On maritime trade.',
      },
      {
        id: 'title.md',
        title: 'Maritime trade',
        description: '',
        areas: [],
        text: 'Ministers meet.',
      },
    );
    expect(ids(ranked, 'maritime')).toEqual(['title.md', 'body.md']);
  });

  it('searches the area names', () => {
    expect(ids(shard, 'investment')).toEqual([cafe.id]);
  });

  it('returns nothing for a blank query or one without indexable words', () => {
    expect(shard.search('   ')).toEqual([]);
    expect(shard.search('—!')).toEqual([]);
  });

  it('attaches a highlighted snippet from the text', () => {
    const [hit] = shard.search('zurich');
    expect(hit?.snippet).toBeDefined();
    const snippet = hit?.snippet ?? { text: '', ranges: [] };
    expect(snippet.ranges.map((range) => snippet.text.slice(range.start, range.end))).toEqual([
      'Zürich',
    ]);
  });

  it('computes snippets only for the first snippetLimit hits', () => {
    const hits = shard.search('cafe', { snippetLimit: 1 });
    expect(hits).toHaveLength(3);
    expect(hits[0]?.snippet).toBeDefined();
    expect(hits[1]?.snippet).toBeUndefined();
  });
});

describe('search shard updates', () => {
  it('counts and recognises its documents', () => {
    const shard = shardWith(aiSafety, cafe);
    expect(shard.size).toBe(2);
    expect(shard.has(cafe.id)).toBe(true);
    expect(shard.has('missing.md')).toBe(false);
  });

  it('no longer finds a removed document', () => {
    const shard = shardWith(aiSafety, cafe);
    shard.remove([cafe.id, 'never-added.md']);
    expect(ids(shard, 'zurich')).toEqual([]);
    expect(shard.has(cafe.id)).toBe(false);
    expect(shard.size).toBe(1);
  });

  it('replaces a document added again under the same id', () => {
    const shard = shardWith(cafe);
    shard.add([{ ...cafe, title: 'Renamed', text: 'Now about maritime cooperation.' }]);
    expect(shard.size).toBe(1);
    expect(ids(shard, 'zurich')).toEqual([]);
    expect(ids(shard, 'maritime')).toEqual([cafe.id]);
    expect(shard.search('maritime')[0]?.snippet?.text).toBe('Now about maritime cooperation.');
  });

  it('keeps the last version when one batch holds the same id twice', () => {
    const shard = createSearchShard();
    shard.add([cafe, { ...cafe, text: 'Second version about quantum.' }]);
    expect(shard.size).toBe(1);
    expect(ids(shard, 'quantum')).toEqual([cafe.id]);
  });

  it('stays correct across many removals, before and after the background vacuum', async () => {
    const documents = generateSyntheticDocuments(120, { textLength: 300 });
    const shard = shardWith(...documents);
    const removed = new Set(documents.slice(0, 60).map((document) => document.id));
    shard.remove([...removed]);
    const findsRemoved = (): boolean =>
      shard.search('cooperation').some((hit) => removed.has(hit.id));
    expect(findsRemoved()).toBe(false);
    // MiniSearch vacuums between event-loop turns once half the index is discarded.
    await new Promise((resolve) => setImmediate(resolve));
    expect(findsRemoved()).toBe(false);
    expect(shard.search('cooperation').length).toBeGreaterThan(0);
    expect(shard.size).toBe(60);
  });
});

describe('search shard after removals', () => {
  it('keeps scores positive while removed documents still sit in the postings', () => {
    // Removing 10 of 30 stays below MiniSearch's vacuum threshold, so the postings for "burst"
    // still count 30 documents while only 20 are live: the idf must not turn negative.
    const documents = Array.from({ length: 30 }, (_, index) => ({
      id: `burst-${index}.md`,
      title: `Burst ${index}`,
      description: '',
      areas: [],
      text: 'A release written during a burst of activity.',
    }));
    const shard = shardWith(...documents);
    shard.remove(documents.slice(0, 10).map((document) => document.id));
    const hits = shard.search('burst');
    expect(hits).toHaveLength(20);
    for (const hit of hits) expect(hit.score).toBeGreaterThan(0);
  });
});

describe('search shard serialization', () => {
  it('gives the same results after a serialize and load round trip', () => {
    const documents = [...generateSyntheticDocuments(200, { textLength: 600 }), aiSafety, chinese];
    const original = shardWith(...documents);
    original.remove(['post-3', 'post-4']);
    const loaded = loadSearchShard(original.serialize());
    expect(loaded.size).toBe(original.size);
    for (const query of ['cooperation', 'evaluatons', 'standardis', '人工智能', 'zurich', 'café']) {
      expect(loaded.search(query)).toEqual(original.search(query));
    }
  });

  it('answers as the same shard kept in memory through edits, its vacuum and a second save', async () => {
    // A loaded shard reads its postings in place; edits unpack only the terms they touch and
    // MiniSearch's vacuum edits the rest. It must answer exactly as a shard that never left memory
    // (plain Maps) after the same edits, and as one built from the final texts.
    const documents = generateSyntheticDocuments(120, { textLength: 400 });
    const inMemory = shardWith(...documents);
    const loaded = loadSearchShard(inMemory.serialize());
    const queries = ['cooperation', 'renewed', 'coop', 'cafe', 'evaluatons', 'zurich'];
    const answers = (shard: SearchShard) =>
      queries.map((query) =>
        shard
          .search(query, { snippetLimit: 0 })
          .map((hit) => [hit.id, hit.score, [...hit.terms].sort()] as const)
          .sort(),
      );
    const rounded = (shard: SearchShard) =>
      answers(shard).map((hits) => hits.map(([id, score]) => [id, Math.round(score * 1e6)]));
    const edit = (edits: (shard: SearchShard) => void): void => {
      for (const shard of [inMemory, loaded]) edits(shard);
    };

    // Below MiniSearch's vacuum threshold (20 discarded documents): dead postings stay.
    const edited = documents.slice(0, 10).map((document) => ({
      ...document,
      text: `${document.text} cooperation renewed`,
    }));
    edit((shard) => shard.add([...edited, cafe, plainCafe]));
    edit((shard) => shard.remove(documents.slice(10, 15).map((document) => document.id)));
    expect(answers(loaded)).toEqual(answers(inMemory));

    // Past it: the vacuum runs in batches between event-loop turns, over the terms in each tree's
    // own order, so the two agree again once both are done.
    edit((shard) => shard.remove(documents.slice(15, 60).map((document) => document.id)));
    await vi.waitFor(() => expect(answers(loaded)).toEqual(answers(inMemory)), { timeout: 5000 });
    const fresh = shardWith(...edited, ...documents.slice(60), cafe, plainCafe);
    expect(rounded(loaded)).toEqual(rounded(fresh));
    expect(answers(loadSearchShard(loaded.serialize()))).toEqual(answers(loaded));
  });

  it('accepts updates after loading', () => {
    const loaded = loadSearchShard(shardWith(aiSafety).serialize());
    loaded.add([cafe]);
    loaded.remove([aiSafety.id]);
    expect(ids(loaded, 'zurich')).toEqual([cafe.id]);
    expect(ids(loaded, 'safety')).toEqual([]);
  });

  const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
  const header = `accord-search-shard/${SHARD_FORMAT_VERSION}\n`;

  it('names its format version in the serialized form', () => {
    const serialized = shardWith(cafe).serialize();
    expect(new TextDecoder().decode(serialized.subarray(0, header.length))).toBe(header);
  });

  it('refuses garbage with a search error', () => {
    expect(() => loadSearchShard(new Uint8Array(0))).toThrow(/^search: /);
    expect(() => loadSearchShard(bytes('{"index":{}}'))).toThrow(/^search: /);
    expect(() => loadSearchShard(bytes(`${header}{broken`))).toThrow(/^search: /);
    expect(() => loadSearchShard(bytes(`${header}\0\0\0\0\0\0\0\0END\n`))).toThrow(/^search: /);
  });

  it('refuses another format version with a search error', () => {
    const older = shardWith(cafe).serialize().slice();
    older.set(bytes('accord-search-shard/0'), 0);
    // Same length as the current header only while the version has one digit.
    expect(() => loadSearchShard(older)).toThrow(/^search: .*version 0/);
  });

  it('refuses a truncated shard with a search error', () => {
    const current = shardWith(aiSafety, cafe).serialize();
    for (const cut of [20, 200, current.length - 30]) {
      expect(() => loadSearchShard(current.subarray(0, current.length - cut))).toThrow(/^search: /);
    }
  });

  it('refuses a shard whose postings were altered', () => {
    const altered = shardWith(aiSafety, cafe).serialize().slice();
    // Flip bytes in the middle (the postings) without touching the header or the trailer.
    const middle = Math.floor(altered.length / 2);
    for (let i = middle; i < middle + 16; i += 1) altered[i] = 0xff;
    expect(() => loadSearchShard(altered)).toThrow(/^search: /);
  });
});

describe('search shard texts after a save', () => {
  /** Writes `shard` out as the worker does, piece by piece, into one buffer standing for the file. */
  function write(shard: ReturnType<typeof createSearchShard>) {
    const encoded = runAtOnce(shard.serializeInSteps());
    const pieces = [...encoded.chunks()].map((piece) => piece.slice());
    const file = Buffer.concat(pieces);
    const reads: number[] = [];
    const read = (position: number, length: number) => {
      reads.push(length);
      return file.subarray(position, position + length);
    };
    return { encoded, file, read, reads };
  }

  it('cuts the same snippets from the written file as from memory', () => {
    const shard = createSearchShard();
    shard.add([aiSafety, cafe, plainCafe]);
    const before = shard.snippets('cafe', [cafe.id, plainCafe.id]);
    const { encoded, file, read, reads } = write(shard);
    shard.readTextsFrom(encoded, { read, byteLength: file.length });
    expect(shard.snippets('cafe', [cafe.id, plainCafe.id])).toEqual(before);
    // One read per snippet, of that post's text only.
    expect(reads).toEqual([cafe.text, plainCafe.text].map((text) => Buffer.byteLength(text)));
  });

  it('reads only the head of a long text when its first paragraphs decide the snippet', () => {
    const paragraph = (word: string) => `${Array(200).fill(word).join(' ')}.\n`;
    const text = `The ministers agreed on joint testing. ${paragraph('alpha')}${paragraph('beta')}`;
    const long = { ...aiSafety, id: 'long.md', text: `${text}${paragraph('omega')} Late Café.` };
    const shard = createSearchShard();
    shard.add([long]);
    const { encoded, file, read, reads } = write(shard);
    shard.readTextsFrom(encoded, { read, byteLength: file.length });
    expect(Buffer.byteLength(long.text)).toBeGreaterThan(2 * 1536);

    expect(shard.snippets('testing', [long.id])).toEqual([buildSnippet(long.text, ['testing'])]);
    expect(reads).toEqual([1536]);
    // A first match past the head: the head is read, then the whole text.
    reads.length = 0;
    expect(shard.snippets('cafe', [long.id])).toEqual([buildSnippet(long.text, ['cafe'])]);
    expect(reads).toEqual([1536, Buffer.byteLength(long.text)]);
  });

  it('reads only the head of a long CJK text too, and decodes only whole characters of it', () => {
    // 1 + 3 × 511 bytes, then the head's 1,536th byte cuts character 512 in the middle.
    const text = `A${'数'.repeat(99)}合作${'数'.repeat(275)}联合${'数'.repeat(400)}`;
    const cjk = { ...chinese, id: 'cjk.md', text };
    const shard = createSearchShard();
    shard.add([cjk]);
    const { encoded, file, read, reads } = write(shard);
    shard.readTextsFrom(encoded, { read, byteLength: file.length });
    // A CJK text has no blank to end the head at, and needs none.
    expect(shard.snippets('合作', [cjk.id])).toEqual([buildSnippet(text, ['合作'])]);
    expect(reads).toEqual([1536]);
    // A match at 377 puts the passage's end (377 - 45 + 180) on the cut character, which the head
    // must leave out: decoded as `�`, it would end the passage one character early.
    expect(shard.snippets('联合', [cjk.id])).toEqual([buildSnippet(text, ['联合'])]);
  });

  it('keeps texts added after the save in memory, and drops removed ones', () => {
    const shard = createSearchShard();
    shard.add([aiSafety, cafe]);
    const { encoded, file, read, reads } = write(shard);
    shard.readTextsFrom(encoded, { read, byteLength: file.length });
    shard.add([{ ...cafe, text: 'The ministers met at a café in Geneva instead.' }]);
    shard.remove([aiSafety.id]);
    expect(shard.snippets('geneva', [cafe.id])[0]?.text).toContain('Geneva');
    expect(shard.snippets('safety', [aiSafety.id])).toEqual([null]);
    expect(reads).toEqual([]);
    // And the next save writes the in-memory text.
    const again = write(shard);
    const loaded = loadSearchShard(again.file);
    expect(loaded.snippets('geneva', [cafe.id])[0]?.text).toContain('Geneva');
  });

  it('refuses a written file once the shard has changed, and lets it go', () => {
    const shard = createSearchShard();
    shard.add([aiSafety]);
    const { encoded, file, read } = write(shard);
    shard.add([cafe]);
    let closed = 0;
    expect(() =>
      shard.readTextsFrom(encoded, { read, byteLength: file.length, close: () => (closed += 1) }),
    ).toThrow(/^search: the shard changed/);
    expect(closed).toBe(1);
    expect(shard.snippets('zurich', [cafe.id])[0]).not.toBeNull();
  });

  it('loads from a head and a reader, reading texts only for snippets', () => {
    const shard = createSearchShard();
    shard.add([aiSafety, cafe, chinese]);
    const { file, read, reads } = write(shard);
    const split = searchShardTextsOffset(read);
    const head = file.subarray(0, split);
    reads.length = 0;
    const loaded = loadSearchShardParts(head, { read, byteLength: file.length });
    const layoutBytes = reads.reduce((total, length) => total + length, 0);
    expect(layoutBytes).toBeLessThan(64);
    expect(loaded.snippets('人工智能', [chinese.id])[0]?.text).toContain('人工智能');
  });
});

describe('search shard scoring', () => {
  const documents = [
    ...generateSyntheticDocuments(300, { textLength: 800 }),
    aiSafety,
    chinese,
    cafe,
    plainCafe,
  ];
  const queries = [
    'cooperation',
    'coop',
    'evaluatons',
    'standardis activ',
    'cafe',
    'café zurich',
    '人工智能',
    '工',
    'agreement ministry',
    'ai',
    'nothingmatchesthis',
  ];

  it('scores every hit exactly as MiniSearch#search with the shard options would', () => {
    const reference = new MiniSearch(MINISEARCH_OPTIONS);
    reference.addAll(documents);
    const shard = shardWith(...documents);
    for (const query of queries) {
      const expected = reference.search(query);
      const actual = shard.search(query, { snippetLimit: 0 });
      expect(actual.map((hit) => hit.id).sort()).toEqual(expected.map((hit) => hit.id).sort());
      const scoreOf = new Map(expected.map((hit) => [hit.id, hit.score]));
      for (const hit of actual) expect(hit.score).toBeCloseTo(scoreOf.get(hit.id) ?? NaN, 9);
      const termsOf = new Map(expected.map((hit) => [hit.id, [...hit.terms].sort()]));
      for (const hit of actual) expect([...hit.terms].sort()).toEqual(termsOf.get(hit.id));
    }
  });

  it('matches the same documents and scores as search, as parallel arrays', () => {
    const shard = shardWith(...documents);
    for (const query of queries) {
      const hits = shard.search(query, { snippetLimit: 0 });
      const matches = shard.match(query);
      expect(matches.numbers.length).toBe(hits.length);
      const { ids: all, numbers } = shard.documentNumbers();
      const idOf = new Map(numbers.map((number, i) => [number, all[i]]));
      const scoreOf = new Map(hits.map((hit) => [hit.id, hit.score]));
      matches.numbers.forEach((number, i) =>
        expect(matches.scores[i]).toBe(scoreOf.get(idOf.get(number) ?? '')),
      );
      hits.forEach((hit) => expect(idOf.get(shard.documentNumber(hit.id) ?? -1)).toBe(hit.id));
      const terms = new Set(hits.flatMap((hit) => hit.terms));
      expect([...matches.terms].sort()).toEqual([...terms].sort());
    }
  });

  it('cuts snippets on request for the given ids only, null for unknown ones', () => {
    const shard = shardWith(...documents);
    const [first] = shard.search('zurich');
    expect(shard.snippets('zurich', [cafe.id, 'missing.md'])).toEqual([first?.snippet, null]);
  });

  it('finds a document added after a search, and ranks it with its own field lengths', () => {
    const shard = shardWith(cafe);
    expect(ids(shard, 'zurich')).toEqual([cafe.id]);
    // Between two searches: the scorer's table of field lengths must grow to hold it.
    const later = { ...cafe, id: 'later.md', text: 'Zürich again, in a much shorter text.' };
    shard.add([later]);
    const reference = new MiniSearch<IndexedDocument>(MINISEARCH_OPTIONS);
    reference.addAll([cafe, later]);
    expect(shard.search('zurich').map((hit) => [hit.id, hit.score])).toEqual(
      reference.search('zurich').map((hit) => [hit.id, hit.score]),
    );
  });

  it('does not find a removed document, before or after the index is vacuumed', async () => {
    const shard = shardWith(...documents);
    const number = shard.documentNumber(cafe.id);
    expect(shard.match('zurich').numbers).toContain(number);
    shard.remove([cafe.id]);
    expect(shard.documentNumber(cafe.id)).toBeUndefined();
    expect(shard.match('zurich').numbers).not.toContain(number);
    await new Promise((resolve) => setImmediate(resolve));
    expect(shard.match('zurich').numbers).not.toContain(number);
  });
});

describe('search shard encoded in steps, after removals', () => {
  /** Documents with many words of their own, so MiniSearch's vacuum takes several batches. */
  const documentsWithOwnWords = (count: number): IndexedDocument[] =>
    Array.from({ length: count }, (_, index) => ({
      id: `post-${index}.md`,
      title: `Memorandum ${index}`,
      description: '',
      areas: [],
      text: Array.from({ length: 40 }, (_, word) => `w${index}x${word}`).join(' '),
    }));
  const pause = () => new Promise((resolve) => setTimeout(resolve, 15));

  /** Encodes `shard` the way a saving worker does, with event-loop turns between the pieces. */
  async function encodeWithPauses(shard: ReturnType<typeof createSearchShard>) {
    const steps = shard.serializeInSteps();
    let next = steps.next();
    for (; !next.done; next = steps.next()) await pause();
    const pieces: Uint8Array[] = [];
    for (const piece of next.value.chunks()) {
      pieces.push(piece.slice());
      await pause();
    }
    return Buffer.concat(pieces);
  }

  function shardAfterRemovals() {
    const shard = createSearchShard();
    const documents = documentsWithOwnWords(60);
    shard.add(documents);
    // 25 of 60 discarded: MiniSearch starts vacuuming, a batch of terms every 10 ms.
    shard.remove(documents.slice(0, 25).map((document) => document.id));
    return shard;
  }

  it('would not match itself if MiniSearch vacuumed between its steps', async () => {
    await expect(encodeWithPauses(shardAfterRemovals())).rejects.toThrow(
      /the index changed while its shard was being written/,
    );
  });

  it('is whole once written after the vacuum is over', async () => {
    const shard = shardAfterRemovals();
    await shard.whenVacuumed();
    const loaded = loadSearchShard(await encodeWithPauses(shard));
    expect(loaded.size).toBe(35);
    expect(loaded.search('w40x39')[0]?.id).toBe('post-40.md');
    // A removed post's own words find it no more.
    expect(loaded.search('w3x39').map((hit) => hit.id)).not.toContain('post-3.md');
  });
});
