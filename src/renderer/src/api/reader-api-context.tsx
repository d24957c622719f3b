import { createContext, useContext, type ReactNode } from 'react';
import type { ReaderApi } from '@shared/reader-api';

const ReaderApiContext = createContext<ReaderApi | null>(null);

/** Makes `api` available to every component below through {@link useReaderApi}. */
export function ReaderApiProvider({ api, children }: { api: ReaderApi; children: ReactNode }) {
  return <ReaderApiContext.Provider value={api}>{children}</ReaderApiContext.Provider>;
}

/** The page's `ReaderApi`. Components never reach for `window.accordReader` themselves. */
export function useReaderApi(): ReaderApi {
  const api = useContext(ReaderApiContext);
  if (!api) throw new Error('reader-api: useReaderApi() used outside <ReaderApiProvider>');
  return api;
}
