import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { addDocument } from './add-document';
import type { IndexedDocument } from './search-contract';
import { MINISEARCH_OPTIONS } from './search-shard';
import { generateSyntheticDocuments } from './synthetic-documents';

const mixed: IndexedDocument[] = [
  {
    id: 'cjk.md',
    title: '人工智能合作',
    description: '新加坡与欧盟',
    areas: ['Information Exchange'],
    text: '新加坡与欧盟在人工智能安全方面加强合作。人工智能 research, research, research.',
  },
  {
    id: 'accents.md',
    title: 'Café talks in Zürich',
    description: 'Coopération renforcée',
    areas: ['Trade and Investment', 'Cybersecurity'],
    text: 'The café in Zürich hosted the talks; the cafe talks ended. Naïve naive NAIVE.',
  },
  { id: 'empty.md', title: '', description: '', areas: [], text: '' },
];

/** The same documents indexed by `MiniSearch#add` and by `addDocument`, serialized. */
function bothWays(documents: readonly IndexedDocument[]): [string, string] {
  const byMiniSearch = new MiniSearch<IndexedDocument>(MINISEARCH_OPTIONS);
  const byAddDocument = new MiniSearch<IndexedDocument>(MINISEARCH_OPTIONS);
  for (const document of documents) {
    byMiniSearch.add(document);
    addDocument(byAddDocument, document);
  }
  return [JSON.stringify(byMiniSearch), JSON.stringify(byAddDocument)];
}

describe('addDocument', () => {
  it('builds the index MiniSearch#add builds, term for term and in the same order', () => {
    const [expected, actual] = bothWays([
      ...generateSyntheticDocuments(300, { textLength: 800 }),
      ...mixed,
    ]);
    expect(actual).toBe(expected);
  });

  it('matches MiniSearch#add after documents are discarded and added again', () => {
    const documents = generateSyntheticDocuments(60, { textLength: 400 });
    const byMiniSearch = new MiniSearch<IndexedDocument>(MINISEARCH_OPTIONS);
    const byAddDocument = new MiniSearch<IndexedDocument>(MINISEARCH_OPTIONS);
    for (const index of [byMiniSearch, byAddDocument]) {
      const add = (document: IndexedDocument) =>
        index === byMiniSearch ? index.add(document) : addDocument(index, document);
      documents.forEach(add);
      for (const document of documents.slice(0, 20)) {
        index.discard(document.id);
        add({ ...document, text: `${document.text} revised revised` });
      }
    }
    expect(JSON.stringify(byAddDocument)).toBe(JSON.stringify(byMiniSearch));
  });

  it('refuses a document without an id, or with an id already indexed, as MiniSearch does', () => {
    const index = new MiniSearch<IndexedDocument>(MINISEARCH_OPTIONS);
    addDocument(index, mixed[0]!);
    expect(() => addDocument(index, mixed[0]!)).toThrow('MiniSearch: duplicate ID cjk.md');
    expect(() => addDocument(index, { ...mixed[1]!, id: undefined as never })).toThrow(
      'MiniSearch: document does not have ID field "id"',
    );
  });
});
