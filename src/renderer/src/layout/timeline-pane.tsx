import type { IndexStatus } from '@shared/library-events';
import type { QueryResult } from '@shared/query';
import type { TimelineRows } from '../state/timeline-rows';
import { Timeline } from '../timeline/timeline';
import { formatPostCount } from '../timeline/group-timeline';

export interface TimelinePaneProps {
  readonly status: IndexStatus | null;
  readonly result: QueryResult | null;
  /** No answer yet (and no error): the count is unknown, not zero. */
  readonly loading: boolean;
  readonly rows: TimelineRows;
  readonly onShowRows: (start: number, end: number) => void;
  readonly filterActive: boolean;
  readonly searching: boolean;
  readonly canOpenFolder: boolean;
  readonly error: string | null;
  readonly selectedId: string | null;
  readonly openId: string | null;
  readonly readIds: ReadonlySet<string>;
  readonly selectedAreas: readonly string[];
  readonly scrollToIndex: { readonly index: number; readonly token: number } | null;
  readonly onOpen: (id: string) => void;
  readonly onSelectArea: (area: string) => void;
  readonly onClearFilters: () => void;
  readonly onOpenFolder: () => void;
  readonly onJumpToIndex: (index: number) => void;
}

function IndexingProgress({ status }: { status: IndexStatus }) {
  const text = `Indexing ${status.indexed.toLocaleString('en')} of ${status.total.toLocaleString('en')}`;
  return (
    <div className="indexing">
      <progress
        className="indexing__bar"
        aria-label="Indexing posts"
        max={Math.max(status.total, 1)}
        value={status.indexed}
      />
      <p className="indexing__text">{text}</p>
    </div>
  );
}

/** The middle pane: post count, year jump, indexing progress, the timeline or why it is empty. */
export function TimelinePane(props: TimelinePaneProps) {
  const { status, result, rows } = props;
  const years = props.searching ? [] : rows.years;

  let body: React.ReactNode;
  if (status?.state === 'missing') {
    body = (
      <div className="empty-state">
        <p className="empty-state__title">This folder is no longer available</p>
        <p>{status.folder}</p>
        {props.canOpenFolder && (
          <button type="button" className="button button--primary" onClick={props.onOpenFolder}>
            Choose another folder
          </button>
        )}
      </div>
    );
  } else if (status?.state === 'error') {
    body = (
      <div className="empty-state">
        <p className="empty-state__title">This folder cannot be read</p>
        {status.message && <p>{status.message}</p>}
        {props.canOpenFolder && (
          <button type="button" className="button button--primary" onClick={props.onOpenFolder}>
            Choose another folder
          </button>
        )}
      </div>
    );
  } else if (result && result.total === 0 && props.filterActive) {
    body = (
      <div className="empty-state">
        <p className="empty-state__title">No posts match</p>
        <p>Try fewer filters or other words.</p>
        <button type="button" className="button" onClick={props.onClearFilters}>
          Clear filters
        </button>
      </div>
    );
  } else if (result && result.total === 0 && status?.state === 'ready') {
    body = (
      <div className="empty-state">
        <p className="empty-state__title">This folder has no posts</p>
        <p>Add Markdown posts to the folder and they will appear here.</p>
      </div>
    );
  } else if (result && result.total > 0) {
    body = (
      <Timeline
        rows={rows}
        onShowRows={props.onShowRows}
        selectedId={props.selectedId}
        openId={props.openId}
        readIds={props.readIds}
        selectedAreas={props.selectedAreas}
        onOpen={props.onOpen}
        onSelectArea={props.onSelectArea}
        scrollToIndex={props.scrollToIndex}
      />
    );
  } else {
    body = null;
  }

  return (
    <section className="timeline-pane" aria-label="Posts">
      <div className="timeline-pane__bar">
        {/* Never empty, never a count before one is known. */}
        <p role="status" aria-live="polite" className="post-count">
          {props.loading ? 'Loading posts…' : formatPostCount(result?.total ?? 0)}
        </p>
        {years.length > 0 && (
          <select
            className="year-jump"
            aria-label="Jump to year"
            value=""
            onChange={(event) => {
              const anchor = years.find((year) => year.year === event.target.value);
              if (anchor) props.onJumpToIndex(anchor.index);
            }}
          >
            <option value="" disabled>
              Jump to year
            </option>
            {years.map((year) => (
              <option key={year.year} value={year.year}>
                {year.year}
              </option>
            ))}
          </select>
        )}
      </div>
      {status?.state === 'indexing' && <IndexingProgress status={status} />}
      {status?.polling && (
        // Without this a person never learns why changes now arrive a second or so late.
        <p className="watch-notice">
          {status.message ??
            'Checking the folder for changes every second (file watching is unavailable).'}
        </p>
      )}
      {props.error && <p className="load-error">Could not load posts: {props.error}</p>}
      {body}
    </section>
  );
}
