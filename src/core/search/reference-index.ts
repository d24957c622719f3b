import MiniSearch from 'minisearch';
import type { IndexedDocument } from './search-contract';

/**
 * A plain MiniSearch index with default options over the same fields as a search shard. The
 * benchmark measures it as the floor: what indexing costs without our tokenizer and extras.
 */
export function buildReferenceIndex(docs: readonly IndexedDocument[]): MiniSearch<IndexedDocument> {
  const index = new MiniSearch<IndexedDocument>({
    fields: ['title', 'description', 'areas', 'text'],
  });
  index.addAll(docs);
  return index;
}
