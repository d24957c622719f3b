import { useEffect, useRef } from 'react';
import {
  measureElement as measureRowElement,
  observeElementRect,
  useVirtualizer,
  type Virtualizer,
} from '@tanstack/react-virtual';
import { formatDisplayDate } from '@shared/display-date';
import type { TimelineEntry } from '@shared/query';
import { AreaChipList, VISIBLE_ROW_AREAS } from './area-chip-list';
import { formatPostCount, type TimelineRow } from './group-timeline';
import { SnippetText } from './snippet-text';

export interface TimelineProps {
  readonly rows: readonly TimelineRow[];
  readonly selectedId: string | null;
  readonly openId: string | null;
  readonly readIds: ReadonlySet<string>;
  readonly selectedAreas: readonly string[];
  readonly onOpen: (id: string) => void;
  readonly onSelectArea: (area: string) => void;
  /** Row index to bring into view (changes with the keyboard and the year jump). */
  readonly scrollToIndex: { readonly index: number; readonly token: number } | null;
}

const ESTIMATED_ROW_HEIGHT = 92;
const ESTIMATED_HEADING_HEIGHT = 44;

/**
 * jsdom (component tests) and a pane that is momentarily hidden have no layout: every size reads
 * as 0, and the virtualizer would then show nothing. Fall back to the window's height, so the
 * first screenful of rows still renders.
 */
const observeRectWithFallback: typeof observeElementRect = (instance, callback) =>
  observeElementRect(instance, (rect) =>
    callback(
      rect.height > 0
        ? rect
        : { width: rect.width || 800, height: window.innerHeight > 0 ? window.innerHeight : 800 },
    ),
  );

function rowLabel(entry: TimelineEntry, read: boolean): string {
  const parts = [entry.title];
  parts.push(entry.date ? formatDisplayDate(entry.date) : 'Undated');
  if (entry.category) parts.push(entry.category);
  if (entry.areas.length > 0) parts.push(entry.areas.join(', '));
  if (!read) parts.push('unread');
  return parts.join(', ');
}

/**
 * The timeline: one virtual list of posts, with month headings folded into the first row of each
 * month so that every child of the list is a list item (screen readers and axe expect that) and
 * only the rows on screen exist in the DOM.
 */
export function Timeline({
  rows,
  selectedId,
  openId,
  readIds,
  selectedAreas,
  onOpen,
  onSelectArea,
  scrollToIndex,
}: TimelineProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // TanStack Virtual hands back fresh functions every render, which the React Compiler cannot
  // memoize; nothing here relies on compiler memoization, so its warning does not apply.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer: Virtualizer<HTMLDivElement, Element> = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) =>
      ESTIMATED_ROW_HEIGHT + (rows[index]?.heading ? ESTIMATED_HEADING_HEIGHT : 0),
    getItemKey: (index) => rows[index]?.entry.id ?? index,
    overscan: 8,
    observeElementRect: observeRectWithFallback,
    measureElement: (element, entry, instance) => {
      const size = measureRowElement(element, entry, instance);
      return size > 0 ? size : instance.options.estimateSize(instance.indexFromElement(element));
    },
  });

  // Each request scrolls once: a live update that changes the row count must not yank the list
  // back to an old keyboard position.
  const handledScrollToken = useRef<number | null>(null);
  useEffect(() => {
    if (!scrollToIndex || handledScrollToken.current === scrollToIndex.token) return;
    if (scrollToIndex.index < rows.length) {
      handledScrollToken.current = scrollToIndex.token;
      virtualizer.scrollToIndex(scrollToIndex.index, { align: 'auto' });
    }
  }, [scrollToIndex, rows.length, virtualizer]);

  const items = virtualizer.getVirtualItems();
  return (
    <div className="timeline-scroll" ref={scrollRef}>
      <div
        role="list"
        aria-label="Timeline"
        className="timeline-list"
        tabIndex={0}
        style={{ height: virtualizer.getTotalSize() }}
      >
        {items.map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          const { entry, heading } = row;
          const read = readIds.has(entry.id);
          const classes = ['timeline-row'];
          if (!read) classes.push('is-unread');
          if (entry.id === selectedId) classes.push('is-selected');
          if (entry.id === openId) classes.push('is-open');
          return (
            <div
              key={item.key}
              role="listitem"
              aria-label={rowLabel(entry, read)}
              aria-current={entry.id === selectedId ? 'true' : undefined}
              data-index={item.index}
              data-post-id={entry.id}
              ref={virtualizer.measureElement}
              className="timeline-item"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              {heading && (
                <div className="month-heading">
                  <h2 className="month-heading__label">{heading.label}</h2>
                  <span className="month-heading__count">{formatPostCount(heading.count)}</span>
                </div>
              )}
              <div className={classes.join(' ')} onClick={() => onOpen(entry.id)}>
                <span className="timeline-row__dot" aria-hidden="true" />
                <span className="timeline-row__title">{entry.title}</span>
                <p className="timeline-row__meta">
                  {entry.date ? (
                    <time dateTime={entry.date}>{formatDisplayDate(entry.date)}</time>
                  ) : (
                    <span>Undated</span>
                  )}
                  {entry.category && (
                    <span className="timeline-row__category">{entry.category}</span>
                  )}
                </p>
                {entry.areas.length > 0 && (
                  <AreaChipList
                    areas={entry.areas}
                    selected={selectedAreas}
                    onSelect={onSelectArea}
                    limit={VISIBLE_ROW_AREAS}
                  />
                )}
                {entry.snippet && <SnippetText snippet={entry.snippet} />}
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
