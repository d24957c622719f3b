import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { IndexStatus, PostsChangedEvent } from '@shared/library-events';
import type { Post } from '@shared/post';
import {
  TIMELINE_PAGE_SIZE,
  type PostFilter,
  type QueryResult,
  type TimelineEntry,
} from '@shared/query';
import type { ReaderApi } from '@shared/reader-api';
import { latestOnly } from './latest-only';
import { filterKey, parseReaderHash } from './reader-location';
import { pageWindow, pagesCovering, timelineRows, type TimelineRows } from './timeline-rows';

/** Scrolling settles for this long before the pages it reveals are fetched. */
const PAGE_FETCH_DEBOUNCE_MS = 60;

/** A live change refreshes every loaded page, up to this many; beyond, the first and visible ones. */
const MAX_REFRESHED_PAGES = 8;

/** The pages loaded for one answer to one filter. */
interface LoadedTimeline {
  /** New for every answer set: page fetches begun for an older one are dropped on arrival. */
  readonly token: number;
  readonly key: string;
  readonly filter: PostFilter;
  /** The first page's answer: total, months, facets, terms and generation. */
  readonly head: QueryResult;
  readonly pages: ReadonlyMap<number, readonly TimelineEntry[]>;
}

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
  /**
   * The latest answer for the current filter (kept while the next one loads): its first page of
   * entries, with the full total, months and facets.
   */
  readonly result: QueryResult | null;
  /** The filter `result` answers: until a new filter's answer arrives, the previous one. */
  readonly resultFilter: PostFilter | null;
  /** Every row of that answer; rows whose page is not loaded yet have no entry. */
  readonly rows: TimelineRows;
  /** The rows on screen (plus overscan), `[start, end)`: their pages are fetched once scrolling settles. */
  readonly showRows: (start: number, end: number) => void;
  /** The entry at `index`, fetching its page first if needed; `undefined` if the answer moved on. */
  readonly loadRow: (index: number) => Promise<TimelineEntry | undefined>;
  readonly article: ArticleState;
  /** A one-line problem reaching the library, if the last request failed. */
  readonly error: string | null;
  /**
   * The index generation whose result — and, if the open post was touched, whose article — is
   * what the page shows. Drives `<html data-generation>`.
   */
  readonly renderedGeneration: number | null;
  /**
   * Starts fetching the first page for `filter` now, before it becomes the current filter and
   * the page re-renders for it: typing then reaches the screen a render sooner.
   */
  readonly prefetch: (filter: PostFilter) => void;
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
  const [timeline, setTimeline] = useState<LoadedTimeline | null>(null);
  const [loaded, setLoaded] = useState<{ id: string; state: ArticleState } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [changeCount, setChangeCount] = useState(0);
  const [articleReloads, setArticleReloads] = useState(0);
  const [articlePending, setArticlePending] = useState(false);

  const openIdRef = useRef(openId);
  const loadedRef = useRef(loaded);
  const timelineRef = useRef(timeline);
  useEffect(() => {
    openIdRef.current = openId;
    loadedRef.current = loaded;
    timelineRef.current = timeline;
  });
  const nextToken = useRef(0);
  const visibleRows = useRef({ start: 0, end: TIMELINE_PAGE_SIZE });
  const pageRequests = useRef(new Map<string, Promise<readonly TimelineEntry[] | null>>());
  const pageTimer = useRef<number | undefined>(undefined);
  const prefetched = useRef<{ key: string; answer: Promise<QueryResult> } | null>(null);
  // The timeline's first page, asked anew on every filter change and key stroke: see latestOnly.
  const firstPage = useMemo(
    () => latestOnly((filter: PostFilter) => api.query(filter, pageWindow(0))),
    [api],
  );
  useEffect(() => () => window.clearTimeout(pageTimer.current), []);

  // Status and live changes.
  useEffect(() => {
    let alive = true;
    // Every status change is sent as an event, in order, so once one has arrived the events are
    // the truth. The `getStatus` answer only fills the gap before that: in browser mode it comes
    // over another connection and can arrive after a newer event ("indexing" after "ready"),
    // which would otherwise leave the reader waiting for an index that has long finished.
    let heardEvent = false;
    const offStatus = api.onDidChangeStatus((next) => {
      heardEvent = true;
      setStatus(next);
    });
    api.getStatus().then(
      (next) => alive && !heardEvent && setStatus(next),
      (failure: unknown) => alive && setError(describe(failure)),
    );
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
    // Ask once the status is known: a query sent before it would be sent again the moment the
    // status arrives (its folder, state and generation are what this effect follows).
    if (statusFolder === undefined) return;
    let current = true;
    const previous = timelineRef.current;
    const pages = new Set([0]);
    if (previous?.key === key) {
      // A live change or indexing progress, not a new filter: refresh the pages the reader has
      // loaded, so the rows on screen (and the selection, by id) stay put instead of turning
      // back into placeholders.
      const loadedPages = [...previous.pages.keys()];
      const kept =
        loadedPages.length <= MAX_REFRESHED_PAGES
          ? loadedPages
          : pagesCovering(visibleRows.current.start, visibleRows.current.end, previous.head.total);
      for (const page of kept) pages.add(page);
    }
    const token = (nextToken.current += 1);
    // The search box asked for this filter's first page ahead of the render: use that answer.
    const early = prefetched.current?.key === key ? prefetched.current.answer : null;
    if (early) prefetched.current = null;
    Promise.all(
      [...pages].map(
        async (page) =>
          [
            page,
            await (page === 0
              ? (early ?? firstPage(stableFilter))
              : api.query(stableFilter, pageWindow(page))),
          ] as const,
      ),
    ).then(
      (answers) => {
        if (!current) return;
        const head = answers[0]![1];
        setTimeline({
          token,
          key,
          filter: stableFilter,
          head,
          // A page past the end (the result shrank) comes back empty: leave it out.
          pages: new Map(
            answers
              .filter(([, answer]) => answer.entries.length > 0 || answer.offset === 0)
              .map(([page, answer]) => [page, answer.entries]),
          ),
        });
        setError(null);
      },
      (failure: unknown) => current && setError(describe(failure)),
    );
    return () => {
      current = false;
    };
  }, [
    api,
    firstPage,
    key,
    stableFilter,
    changeCount,
    statusFolder,
    statusState,
    statusGeneration,
    statusIndexed,
  ]);

  /** Fetches one page of `loaded` once (concurrent callers share the request) and merges it in. */
  const fetchPage = useCallback(
    (loaded: LoadedTimeline, page: number): Promise<readonly TimelineEntry[] | null> => {
      const id = `${loaded.token}:${page}`;
      const pending = pageRequests.current.get(id);
      if (pending) return pending;
      const request = api.query(loaded.filter, pageWindow(page)).then(
        (answer) => {
          setTimeline((latest) =>
            latest?.token === loaded.token && !latest.pages.has(page)
              ? { ...latest, pages: new Map(latest.pages).set(page, answer.entries) }
              : latest,
          );
          return answer.entries;
        },
        (failure: unknown) => {
          setError(describe(failure));
          return null;
        },
      );
      pageRequests.current.set(id, request);
      void request.finally(() => pageRequests.current.delete(id));
      return request;
    },
    [api],
  );

  const showRows = useCallback(
    (start: number, end: number) => {
      visibleRows.current = { start, end };
      window.clearTimeout(pageTimer.current);
      pageTimer.current = window.setTimeout(() => {
        const loaded = timelineRef.current;
        if (!loaded) return;
        for (const page of pagesCovering(start, end, loaded.head.total)) {
          if (!loaded.pages.has(page)) void fetchPage(loaded, page);
        }
      }, PAGE_FETCH_DEBOUNCE_MS);
    },
    [fetchPage],
  );

  const loadRow = useCallback(
    async (index: number): Promise<TimelineEntry | undefined> => {
      const loaded = timelineRef.current;
      if (!loaded || index < 0 || index >= loaded.head.total) return undefined;
      const page = Math.floor(index / TIMELINE_PAGE_SIZE);
      const entries = loaded.pages.get(page) ?? (await fetchPage(loaded, page));
      // A new filter or live change answered meanwhile: this row may be another post now.
      if (timelineRef.current !== null && timelineRef.current.token !== loaded.token)
        return undefined;
      return entries?.[index % TIMELINE_PAGE_SIZE];
    },
    [fetchPage],
  );

  const prefetch = useCallback(
    (filter: PostFilter) => {
      const nextKey = filterKey(filter);
      if (prefetched.current?.key === nextKey || timelineRef.current?.key === nextKey) return;
      const answer = firstPage(parseReaderHash(nextKey).filter);
      // Unclaimed (the filter moved on), a failure is nobody's news; a claimed one reports itself.
      answer.catch(() => undefined);
      prefetched.current = { key: nextKey, answer };
    },
    [firstPage],
  );

  const rows = useMemo(
    () =>
      timeline
        ? timelineRows(timeline.head.total, timeline.pages, timeline.head.months)
        : timelineRows(0, new Map(), undefined),
    [timeline],
  );
  const result = timeline?.head ?? null;

  // A finished (re)index may have changed what every post says without touching its file: the
  // folder was reopened with another area alias table, say. Read the open post again, in place.
  const previousState = useRef(statusState);
  useEffect(() => {
    const before = previousState.current;
    previousState.current = statusState;
    if (before === 'indexing' && statusState === 'ready' && openIdRef.current) {
      setArticleReloads((count) => count + 1);
    }
  }, [statusState]);

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
    resultFilter: timeline?.filter ?? null,
    rows,
    showRows,
    loadRow,
    article,
    error,
    renderedGeneration: result && !(articlePending && openId) ? result.generation : null,
    prefetch,
    adoptStatus: setStatus,
  };
}
