import { useCallback, useEffect, useRef, useState } from 'react';
import type { IndexStatus } from '@shared/library-events';
import type { PostFilter } from '@shared/query';
import type { MenuCommand, PrintOutcome } from '@shared/reader-api';
import { useReaderApi } from './api/reader-api-context';
import { DigestView } from './digest/digest-view';
import { countActiveFilters, FiltersPane } from './filters/filters-pane';
import { AppHeader } from './layout/app-header';
import { ArticlePane } from './layout/article-pane';
import { ShortcutsDialog } from './layout/shortcuts-dialog';
import { TimelinePane } from './layout/timeline-pane';
import { Toast, type ToastMessage } from './layout/toast';
import { nextReadingWidth, nextTheme, stepTextSize } from './state/preferences';
import { isFilterActive } from './state/reader-location';
import { useKeyboardShortcuts } from './state/use-keyboard-shortcuts';
import { useLibrary } from './state/use-library';
import { usePreferences } from './state/use-preferences';
import { useReadPosts } from './state/use-read-posts';
import { useReaderLocation } from './state/use-reader-location';

/**
 * How long typing may pause before the search runs. One frame: keys that arrive together (auto
 * repeat, a paste, an input method) make one query, and a windowed search (≈25 ms at 10,000 posts)
 * still reaches the screen within 100 ms of the last key.
 */
export const SEARCH_DEBOUNCE_MS = 16;

const NARROW_QUERY = '(max-width: 899px)';

function describeOutcome(outcome: PrintOutcome, what: string): ToastMessage | null {
  const id = Date.now();
  if (outcome.kind === 'saved')
    return { id, text: `${what} saved to ${outcome.path}`, tone: 'info' };
  if (outcome.kind === 'failed') {
    return { id, text: `${what} failed: ${outcome.message}`, tone: 'error' };
  }
  return null;
}

/** The reader: header, filters, timeline and article, or the printable digest. */
export function App() {
  const api = useReaderApi();
  const [location, setLocation] = useReaderLocation();
  const { filter, postId: openId } = location;
  const library = useLibrary(api, filter, location.view === 'reader' ? openId : null);
  const { status, result, rows, article, adoptStatus, loadRow, prefetch } = library;
  const filterRef = useRef(filter);
  useEffect(() => {
    filterRef.current = filter;
  });
  const [preferences, changePreferences] = usePreferences();
  const [readIds, markRead] = useReadPosts(status?.folder ?? null);

  const [searchText, setSearchText] = useState(filter.query ?? '');
  const [selectedId, setSelectedId] = useState<string | null>(openId);
  const [scrollRequest, setScrollRequest] = useState<{ index: number; token: number } | null>(null);
  const [filtersHidden, setFiltersHidden] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [articleHidden, setArticleHidden] = useState(false);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const [printDigestWhenReady, setPrintDigestWhenReady] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const filtersToggleRef = useRef<HTMLButtonElement>(null);
  const drawerRef = useRef<HTMLElement>(null);
  const drawerCloseRef = useRef<HTMLButtonElement>(null);
  const searchTimer = useRef<number | undefined>(undefined);

  // The search box follows the address when it changes from outside (a pasted link, Clear).
  const [syncedQuery, setSyncedQuery] = useState(filter.query ?? '');
  if ((filter.query ?? '') !== syncedQuery) {
    setSyncedQuery(filter.query ?? '');
    setSearchText(filter.query ?? '');
  }

  // While a keyboard step waits for its row's page, further steps count from that row.
  const pendingSelection = useRef<number | null>(null);

  // A new filter or query starts the timeline at its top (its best match); live updates do not.
  const filterKey = JSON.stringify(filter);
  const scrolledForFilter = useRef(filterKey);
  useEffect(() => {
    if (!result || scrolledForFilter.current === filterKey) return;
    scrolledForFilter.current = filterKey;
    setScrollRequest({ index: 0, token: Date.now() + Math.random() });
  }, [result, filterKey]);

  // <html> signals for the end-to-end tests and the print stylesheet. "Ready" means the first
  // complete index is on screen, not the empty answer given while indexing is still under way.
  useEffect(() => {
    if (result && status && status.state !== 'indexing') {
      document.documentElement.dataset.ready = 'true';
    }
  }, [result, status]);
  // Which search the timeline on screen answers: the address changes as soon as one types, the
  // rows only when the answer arrives.
  const resultQuery = library.resultFilter?.query ?? '';
  useEffect(() => {
    if (library.resultFilter !== null) document.documentElement.dataset.resultsQuery = resultQuery;
  }, [library.resultFilter, resultQuery]);
  useEffect(() => {
    if (library.renderedGeneration !== null) {
      document.documentElement.dataset.generation = String(library.renderedGeneration);
    }
  }, [library.renderedGeneration]);

  useEffect(() => {
    if (openId && location.view === 'reader') markRead(openId);
  }, [openId, location.view, markRead, status?.folder]);

  const notify = useCallback((text: string, tone: ToastMessage['tone'] = 'info') => {
    setToast({ id: Date.now(), text, tone });
  }, []);
  const dismissToast = useCallback(() => setToast(null), []);

  const setFilter = useCallback(
    (next: PostFilter) => setLocation((current) => ({ ...current, filter: next })),
    [setLocation],
  );

  const openPost = useCallback(
    (id: string) => {
      setSelectedId(id);
      setLocation((current) => ({ ...current, view: 'reader', postId: id }));
    },
    [setLocation],
  );

  const closePost = useCallback(
    () => setLocation((current) => ({ ...current, postId: null })),
    [setLocation],
  );

  const onSearchText = useCallback(
    (text: string) => {
      setSearchText(text);
      window.clearTimeout(searchTimer.current);
      searchTimer.current = window.setTimeout(() => {
        const query = text.trim() ? text : undefined;
        prefetch({ ...filterRef.current, query });
        setSyncedQuery(query ?? '');
        setLocation((current) => ({ ...current, filter: { ...current.filter, query } }));
      }, SEARCH_DEBOUNCE_MS);
    },
    [prefetch, setLocation],
  );
  useEffect(() => () => window.clearTimeout(searchTimer.current), []);

  const clearSearch = useCallback(() => {
    window.clearTimeout(searchTimer.current);
    setSearchText('');
    setSyncedQuery('');
    setLocation((current) => ({ ...current, filter: { ...current.filter, query: undefined } }));
  }, [setLocation]);

  const clearFilters = useCallback(() => {
    window.clearTimeout(searchTimer.current);
    setSearchText('');
    setSyncedQuery('');
    setLocation((current) => ({
      ...current,
      filter: current.filter.match === 'all' ? { match: 'all' } : {},
    }));
  }, [setLocation]);

  const selectArea = useCallback(
    (area: string) =>
      setLocation((current) => {
        const areas = current.filter.areas ?? [];
        if (areas.includes(area)) return current;
        return { ...current, filter: { ...current.filter, areas: [...areas, area] } };
      }),
    [setLocation],
  );

  /** Brings row `index` into view and hands its post to `use` — after fetching its page if needed. */
  const withRow = useCallback(
    (index: number, use: (id: string) => void) => {
      setScrollRequest({ index, token: Date.now() + Math.random() });
      const entry = rows.entryAt(index);
      if (entry) {
        pendingSelection.current = null;
        use(entry.id);
        return;
      }
      pendingSelection.current = index;
      void loadRow(index).then((loaded) => {
        if (pendingSelection.current !== index) return; // A later step took over.
        pendingSelection.current = null;
        if (loaded) use(loaded.id);
      });
    },
    [loadRow, rows],
  );

  const moveSelection = useCallback(
    (step: 1 | -1) => {
      if (rows.count === 0) return;
      const index = pendingSelection.current ?? (selectedId ? rows.indexOf(selectedId) : -1);
      const next = index === -1 ? (step === 1 ? 0 : rows.count - 1) : index + step;
      if (next < 0 || next >= rows.count) return;
      withRow(next, setSelectedId);
    },
    [rows, selectedId, withRow],
  );

  const openIndex = openId ? rows.indexOf(openId) : -1;
  const stepArticle = useCallback(
    (step: 1 | -1) => {
      const index = openIndex === -1 && selectedId ? rows.indexOf(selectedId) : openIndex;
      const next = index === -1 ? (step === 1 ? 0 : -1) : index + step;
      if (next < 0 || next >= rows.count) return;
      withRow(next, openPost);
    },
    [openIndex, openPost, rows, selectedId, withRow],
  );

  const printArticle = useCallback(() => {
    if (article.kind !== 'loaded') return;
    if (api.capabilities.printToPdf) {
      void api.printToPdf(article.post.id).then(
        (outcome) => {
          const message = describeOutcome(outcome, 'PDF');
          if (message) setToast(message);
        },
        (error: unknown) => notify(`PDF failed: ${String(error)}`, 'error'),
      );
    } else {
      window.print();
    }
  }, [api, article, notify]);

  const exportDigest = useCallback(() => {
    if (api.capabilities.printToPdf) {
      void api.exportDigestPdf(filter).then(
        (outcome) => {
          const message = describeOutcome(outcome, 'Digest');
          if (message) setToast(message);
        },
        (error: unknown) => notify(`Digest failed: ${String(error)}`, 'error'),
      );
    } else {
      setPrintDigestWhenReady(true);
      setLocation((current) => ({ ...current, view: 'digest' }));
    }
  }, [api, filter, notify, setLocation]);

  /** Shows a folder the shell has just opened, from the top, without the old filters. */
  const showOpenedFolder = useCallback(
    (opened: IndexStatus) => {
      adoptStatus(opened);
      setLocation(() => ({ view: 'reader', filter: {}, postId: null }));
    },
    [adoptStatus, setLocation],
  );

  const openFolder = useCallback(() => {
    void api.openFolder().then(
      (opened) => {
        if (!opened) return; // Cancelled: stay where we are.
        showOpenedFolder(opened);
      },
      (error: unknown) => notify(`Could not open the folder: ${String(error)}`, 'error'),
    );
  }, [api, notify, showOpenedFolder]);

  // A recent folder that has gone answers `missing`, which the timeline explains.
  const openRecentFolder = useCallback(
    (folder: string) => {
      void api
        .openRecentFolder(folder)
        .then(showOpenedFolder, (error: unknown) =>
          notify(`Could not open the folder: ${String(error)}`, 'error'),
        );
    },
    [api, notify, showOpenedFolder],
  );

  // The filters drawer of narrow windows: focus moves into it when it opens and back to the
  // "Filters" button when it closes (Close, Esc, the backdrop or the button itself).
  const openDrawer = useCallback(() => setDrawerOpen(true), []);
  const closeDrawer = useCallback(() => {
    setDrawerOpen(false);
    filtersToggleRef.current?.focus();
  }, []);
  const toggleDrawer = useCallback(() => {
    if (drawerOpen) closeDrawer();
    else openDrawer();
  }, [closeDrawer, drawerOpen, openDrawer]);
  useEffect(() => {
    if (drawerOpen) drawerCloseRef.current?.focus();
  }, [drawerOpen]);
  // Widened past the drawer's breakpoint, the filters are a pane again: no drawer left open.
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const media = window.matchMedia(NARROW_QUERY);
    const onChange = () => {
      if (!media.matches) setDrawerOpen(false);
    };
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, []);
  /** Keeps Tab inside the open drawer, which covers the rest of the window. */
  const keepFocusInDrawer = useCallback(
    (event: React.KeyboardEvent<HTMLElement>) => {
      if (!drawerOpen || event.key !== 'Tab' || !drawerRef.current) return;
      const focusable = [
        ...drawerRef.current.querySelectorAll<HTMLElement>(
          'button, input, select, textarea, a[href], [tabindex]:not([tabindex="-1"])',
        ),
      ].filter((element) => !element.hasAttribute('disabled'));
      const first = focusable[0];
      const last = focusable.at(-1);
      if (!first || !last) return;
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    },
    [drawerOpen],
  );

  const toggleFilters = useCallback(() => {
    const narrow =
      typeof window.matchMedia === 'function' && window.matchMedia(NARROW_QUERY).matches;
    if (narrow) toggleDrawer();
    else setFiltersHidden((hidden) => !hidden);
  }, [toggleDrawer]);

  const runMenuCommand = useCallback(
    (command: MenuCommand) => {
      switch (command) {
        case 'print-to-pdf':
          printArticle();
          break;
        case 'print':
          window.print();
          break;
        case 'export-digest':
          exportDigest();
          break;
        case 'focus-search':
          searchRef.current?.focus();
          searchRef.current?.select();
          break;
        case 'toggle-filters':
          toggleFilters();
          break;
        case 'toggle-article':
          setArticleHidden((hidden) => !hidden);
          break;
        case 'theme-light':
        case 'theme-dark':
        case 'theme-system':
          changePreferences({
            theme: command.slice('theme-'.length) as 'light' | 'dark' | 'system',
          });
          break;
        case 'show-shortcuts':
          setShortcutsOpen(true);
          break;
      }
    },
    [changePreferences, exportDigest, printArticle, toggleFilters],
  );
  const menuRef = useRef(runMenuCommand);
  useEffect(() => {
    menuRef.current = runMenuCommand;
  }, [runMenuCommand]);
  useEffect(() => api.onDidInvokeMenuCommand((command) => menuRef.current(command)), [api]);

  useKeyboardShortcuts({
    enabled: location.view === 'reader' && !shortcutsOpen,
    onNext: () => moveSelection(1),
    onPrevious: () => moveSelection(-1),
    onOpenSelected: () => selectedId && openPost(selectedId),
    onFocusSearch: () => {
      searchRef.current?.focus();
      searchRef.current?.select();
    },
    onEscape: () => {
      if (drawerOpen) closeDrawer();
      else if (searchText || filter.query) clearSearch();
    },
    onPreviousArticle: () => stepArticle(-1),
    onNextArticle: () => stepArticle(1),
    onShowShortcuts: () => setShortcutsOpen(true),
  });

  if (location.view === 'digest') {
    return (
      <DigestView
        filter={filter}
        printWhenReady={printDigestWhenReady}
        onPrinted={() => setPrintDigestWhenReady(false)}
        onClose={() => setLocation((current) => ({ ...current, view: 'reader' }))}
      />
    );
  }

  const filterActive = isFilterActive(filter);
  const noMatches = Boolean(result && result.total === 0 && filterActive);
  // Until the first answer the counts are unknown, not zero: "0 posts" and facets reading "None"
  // flashed at every launch. A folder that cannot be read, or a failed load, says so instead.
  const awaitingFirstAnswer =
    result === null &&
    library.error === null &&
    status?.state !== 'missing' &&
    status?.state !== 'error';

  return (
    <div
      className="app"
      data-filters={filtersHidden ? 'hidden' : 'shown'}
      data-drawer={drawerOpen ? 'open' : 'closed'}
      data-article={articleHidden ? 'hidden' : 'shown'}
      data-post-open={openId ? 'true' : 'false'}
    >
      <AppHeader
        folderName={status?.folderName ?? null}
        folderPath={status?.folder ?? null}
        canOpenFolder={api.capabilities.openFolder}
        searchText={searchText}
        searchRef={searchRef}
        preferences={preferences}
        filtersDrawerOpen={drawerOpen}
        filtersToggleRef={filtersToggleRef}
        activeFilterCount={countActiveFilters(filter)}
        onSearchText={onSearchText}
        onOpenFolder={openFolder}
        onOpenRecentFolder={openRecentFolder}
        onToggleFiltersDrawer={toggleDrawer}
        onCycleTheme={() => changePreferences({ theme: nextTheme(preferences.theme) })}
        onTextSize={(direction) =>
          changePreferences({ textSize: stepTextSize(preferences.textSize, direction) })
        }
        onCycleReadingWidth={() =>
          changePreferences({ readingWidth: nextReadingWidth(preferences.readingWidth) })
        }
        onShowShortcuts={() => setShortcutsOpen(true)}
      />
      <div className="app-body">
        <aside
          id="filters-pane"
          ref={drawerRef}
          className="filters-pane"
          aria-label="Filters"
          onKeyDown={keepFocusInDrawer}
        >
          {drawerOpen && (
            <div className="drawer-header">
              <span className="drawer-header__title" aria-hidden="true">
                Filters
              </span>
              <button
                ref={drawerCloseRef}
                type="button"
                className="button button--small"
                aria-label="Close filters"
                onClick={closeDrawer}
              >
                Close
              </button>
            </div>
          )}
          <FiltersPane
            filter={filter}
            areas={result?.areas ?? []}
            categories={result?.categories ?? []}
            loading={awaitingFirstAnswer}
            onChange={setFilter}
            onClear={clearFilters}
            offerClear={!noMatches}
          />
        </aside>
        {drawerOpen && <div className="drawer-backdrop" aria-hidden="true" onClick={closeDrawer} />}
        <TimelinePane
          status={status}
          result={result}
          loading={awaitingFirstAnswer}
          rows={rows}
          onShowRows={library.showRows}
          filterActive={filterActive}
          searching={Boolean(filter.query)}
          canOpenFolder={api.capabilities.openFolder}
          error={library.error}
          selectedId={selectedId}
          openId={openId}
          readIds={readIds}
          selectedAreas={filter.areas ?? []}
          scrollToIndex={scrollRequest}
          onOpen={openPost}
          onSelectArea={selectArea}
          onClearFilters={clearFilters}
          onOpenFolder={openFolder}
          onJumpToIndex={(index) => setScrollRequest({ index, token: Date.now() })}
        />
        <ArticlePane
          article={article}
          terms={result?.terms ?? []}
          selectedAreas={filter.areas ?? []}
          hasPrevious={openIndex > 0}
          hasNext={openIndex !== -1 ? openIndex < rows.count - 1 : rows.count > 0}
          canExportDigest={Boolean(result && result.total > 0)}
          onPrevious={() => stepArticle(-1)}
          onNext={() => stepArticle(1)}
          onBack={closePost}
          onPrint={printArticle}
          onExportDigest={exportDigest}
          onSelectArea={selectArea}
          onOpenPost={openPost}
          onNotice={notify}
        />
      </div>
      {shortcutsOpen && <ShortcutsDialog onClose={() => setShortcutsOpen(false)} />}
      <Toast message={toast} onDismiss={dismissToast} />
    </div>
  );
}
