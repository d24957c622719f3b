import { useCallback, useEffect, useState } from 'react';
import { loadReadPosts, saveReadPosts } from './read-posts';

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** The read posts of `folder` (empty until the folder is known) and a way to mark one read. */
export function useReadPosts(folder: string | null): [ReadonlySet<string>, (id: string) => void] {
  const [state, setState] = useState<{ folder: string | null; ids: ReadonlySet<string> }>({
    folder: null,
    ids: new Set(),
  });
  // Switching folders swaps in that folder's set (computed during render, not in an effect, so
  // the first paint of a new folder already shows the right marks).
  if (state.folder !== folder) {
    setState({ folder, ids: folder ? loadReadPosts(storage(), folder) : new Set() });
  }

  useEffect(() => {
    if (state.folder) saveReadPosts(storage(), state.folder, state.ids);
  }, [state]);

  const markRead = useCallback((id: string) => {
    setState((current) =>
      current.ids.has(id)
        ? current
        : { folder: current.folder, ids: new Set([...current.ids, id]) },
    );
  }, []);
  return [state.ids, markRead];
}
