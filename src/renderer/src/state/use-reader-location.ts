import { useCallback, useEffect, useState } from 'react';
import { formatReaderHash, parseReaderHash, type ReaderLocation } from './reader-location';

/**
 * The reader's location, kept in the address's hash both ways: state changes rewrite the hash
 * (with `replaceState`, so typing a search does not flood the history), and a hash typed or
 * pasted by hand (a `hashchange`) replaces the state.
 */
export function useReaderLocation(): [
  ReaderLocation,
  (update: (location: ReaderLocation) => ReaderLocation) => void,
] {
  const [location, setLocation] = useState<ReaderLocation>(() =>
    parseReaderHash(window.location.hash),
  );

  useEffect(() => {
    const onHashChange = () => {
      const next = parseReaderHash(window.location.hash);
      setLocation((current) =>
        formatReaderHash(current) === formatReaderHash(next) ? current : next,
      );
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  useEffect(() => {
    const hash = formatReaderHash(location);
    if (window.location.hash !== hash) window.history.replaceState(null, '', hash);
  }, [location]);

  const update = useCallback(
    (change: (location: ReaderLocation) => ReaderLocation) => setLocation(change),
    [],
  );
  return [location, update];
}
