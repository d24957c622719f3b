// STUB — replaced by the browser-mode work. Signature is the contract.
import type { ReaderApi } from '@shared/reader-api';

/** The ReaderApi over `accord serve`'s HTTP API; the token comes from the page's address. */
export function createHttpReaderApi(_location: Location): ReaderApi {
  throw new Error('http-reader-api: not implemented yet');
}
