import { describe, expect, it } from 'vitest';
import { buildReferenceIndex } from './reference-index';
import { generateSyntheticDocuments } from './synthetic-documents';

describe('buildReferenceIndex', () => {
  it('indexes every document with MiniSearch defaults over the same fields', () => {
    const documents = generateSyntheticDocuments(20, { textLength: 200 });
    const index = buildReferenceIndex(documents);
    expect(index.documentCount).toBe(20);
    const withTitleWord = documents[0]?.title.split(' ')[0]?.toLowerCase() ?? '';
    expect(index.search(withTitleWord).map((result) => result.id)).toContain('post-0');
  });
});
