import type { ReaderApi } from '@shared/reader-api';
import { createHttpReaderApi } from './http-reader-api';

declare global {
  interface Window {
    /** Exposed by the Electron preload (`contextBridge.exposeInMainWorld`); absent in a browser. */
    readonly accordReader?: ReaderApi;
  }
}

/**
 * The `ReaderApi` for this page: the desktop preload's when it is there, otherwise the HTTP one
 * that talks to `accord serve`. Call once at start-up, before reading the address's hash: the
 * HTTP client takes its token from the hash and removes it.
 */
export function resolveReaderApi(target: Window = window): ReaderApi {
  return target.accordReader ?? createHttpReaderApi(target.location);
}
