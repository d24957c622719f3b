import { useEffect, useMemo, useRef, useState } from 'react';
import type { IndexStatus, PostsChangedEvent } from '@shared/library-events';
import type { Post } from '@shared/post';
import type { PostFilter, QueryResult } from '@shared/query';
import type { ReaderApi } from '@shared/reader-api';
import { filterKey, parseReaderHash } from './reader-location';

/** The article pane's content. */
export type ArticleState =
  | { readonly kind: 'none' }
  | { readonly kind: 'loading'; readonly id: string }
  | { readonly kind: 'loaded'; readonly post: Post }
  /** The open post vanished from the folder; `title` is what it was called, if known. */
  | { readonly kind: 'deleted'; readonly id: string; readonly title: string | null }
  | { readonly kind: 'failed'; readonly id: string; readonly message: string };

export interface LibraryView {
  readonly status: IndexStatus | null;
  /** The latest answer for the current filter (kept while the next one loads). */
  readonly result: QueryResult | null;
  readonly article: ArticleState;
  /** A one-line problem reaching the library, if the last request failed. */
  readonly error: string | null;
  /**
   * The index generation whose result — and, if the open post was touched, whose article — is
   * what the page shows. Drives `<html data-generation>`.
   */
  readonly renderedGeneration: number | null;
  /** Takes a status the caller received directly (e.g. from `openFolder`) without waiting for the event. */
  readonly adoptStatus: (status: IndexStatus) => void;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function touches(event: PostsChangedEvent, id: string): boolean {
  return event.added.includes(id) || event.updated.includes(id) || event.removed.includes(id);
}

/**
 * Keeps the timeline result, the index status and the open post in step with the library: queries
 * on every filter change, re-queries on every live change, and reloads the open post in place
 * when a change touches it. Out-of-order answers are dropped (only the latest request counts).
 */
export function useLibrary(api: ReaderApi, filter: PostFilter, openId: string | null): LibraryView {
  const [status, setStatus] = useState<IndexStatus | null>(null);
  const [result, setResult] = useState<QueryResult | null>(null);
  const [loaded, setLoaded] = useState<{ id: string; state: ArticleState } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [changeCount, setChangeCount] = useState(0);
  const [articleReloads, setArticleReloads] = useState(0);
  const [articlePending, setArticlePending] = useState(false);

  const openIdRef = useRef(openId);
  const loadedRef = useRef(loaded);
  useEffect(() => {
    openIdRef.current = openId;
    loadedRef.current = loaded;
  });

  // Status and live changes.
  useEffect(() => {
    let alive = true;
    api.getStatus().then(
      (next) => alive && setStatus(next),
      (failure: unknown) => alive && setError(describe(failure)),
    );
    const offStatus = api.onDidChangeStatus((next) => setStatus(next));
    const offPosts = api.onDidChangePosts((event) => {
      setChangeCount((count) => count + 1);
      const id = openIdRef.current;
      if (id && touches(event, id)) {
        setArticlePending(true);
        setArticleReloads((count) => count + 1);
      }
    });
    return () => {
      alive = false;
      offStatus();
      offPosts();
    };
  }, [api]);

  // The timeline: on filter changes, live changes, and when indexing moves on.
  // Keyed by its serialised form so a new object with the same filters does not re-query.
  const key = filterKey(filter);
  const stableFilter = useMemo(() => parseReaderHash(key).filter, [key]);
  const statusFolder = status?.folder;
  const statusState = status?.state;
  const statusGeneration = status?.generation;
  const statusIndexed = status?.state === 'indexing' ? status.indexed : null;
  useEffect(() => {
    let current = true;
    api.query(stableFilter).then(
      (next) => {
        if (!current) return;
        setResult(next);
        setError(null);
      },
      (failure: unknown) => current && setError(describe(failure)),
    );
    return () => {
      current = false;
    };
  }, [api, stableFilter, changeCount, statusFolder, statusState, statusGeneration, statusIndexed]);

  // The open post: on open, and again in place when a live change touches it.
  useEffect(() => {
    if (!openId) return;
    let current = true;
    const previous = loadedRef.current;
    const previousTitle =
      previous?.id === openId && previous.state.kind === 'loaded'
        ? previous.state.post.title
        : null;
    api.getPost(openId).then(
      (post) => {
        if (!current) return;
        setLoaded({
          id: openId,
          state: post
            ? { kind: 'loaded', post }
            : { kind: 'deleted', id: openId, title: previousTitle },
        });
        setArticlePending(false);
      },
      (failure: unknown) => {
        if (!current) return;
        setLoaded({
          id: openId,
          state: { kind: 'failed', id: openId, message: describe(failure) },
        });
        setArticlePending(false);
      },
    );
    return () => {
      current = false;
    };
  }, [api, openId, articleReloads]);

  // Derived, not stored: a reload in place keeps showing the old text until the new one arrives.
  const article: ArticleState = !openId
    ? { kind: 'none' }
    : loaded?.id === openId
      ? loaded.state
      : { kind: 'loading', id: openId };

  return {
    status,
    result,
    article,
    error,
    renderedGeneration: result && !(articlePending && openId) ? result.generation : null,
    adoptStatus: setStatus,
  };
}
