// STUB — replaced by the core library work. Signature is the contract.
import type { LibraryOptions, LibraryService } from './library-service';

/** Opens, indexes and (by default) watches a folder. */
export async function openLibrary(_options: LibraryOptions): Promise<LibraryService> {
  throw new Error('library: not implemented yet');
}
