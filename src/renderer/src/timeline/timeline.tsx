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
import type { TimelineRows } from '../state/timeline-rows';
import { formatPostCount, type MonthHeading } from './group-timeline';
import { SnippetText } from './snippet-text';

export interface TimelineProps {
  readonly rows: TimelineRows;
  /** Told which rows are rendered (visible plus overscan), `[start, end)`, so their pages load. */
  readonly onShowRows: (start: number, end: number) => void;
  readonly selectedId: string | null;
  readonly openId: string | null;
  readonly readIds: ReadonlySet<string>;
  readonly selectedAreas: readonly string[];
  readonly onOpen: (id: string) => void;
  readonly onSelectArea: (area: string) => void;
  /** Row index to bring into view (changes with the keyboard and the year jump). */
  readonly scrollToIndex: { readonly index: number; readonly token: number } | null;
}

/**
 * The height the list assumes for a row it has not measured, in CSS pixels: a two-line title,
 * its date and one line of area chips. A placeholder (a row whose page has not arrived) is
 * exactly this tall, and a month heading exactly `ESTIMATED_HEADING_HEIGHT` (app.css sets both;
 * timeline.test.tsx keeps the numbers in step), so rows arriving only move by how much they
 * differ from a typical row — and not at all above the viewport, where the list compensates.
 */
export const ESTIMATED_ROW_HEIGHT = 112;
export const ESTIMATED_HEADING_HEIGHT = 40;

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

function MonthHeadingLabel({ heading }: { heading: MonthHeading }) {
  return (
    <div className="month-heading">
      <h2 className="month-heading__label">{heading.label}</h2>
      <span className="month-heading__count">{formatPostCount(heading.count)}</span>
    </div>
  );
}

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
 * only the rows on screen exist in the DOM. The list is as long as the whole result; rows whose
 * page has not arrived yet are calm placeholders of the same height, so nothing jumps when it does.
 */
export function Timeline({
  rows,
  onShowRows,
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
    count: rows.count,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) =>
      ESTIMATED_ROW_HEIGHT + (rows.headingAt(index) ? ESTIMATED_HEADING_HEIGHT : 0),
    getItemKey: (index) => rows.entryAt(index)?.id ?? `row:${index}`,
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
    if (scrollToIndex.index < rows.count) {
      handledScrollToken.current = scrollToIndex.token;
      virtualizer.scrollToIndex(scrollToIndex.index, { align: 'auto' });
    }
  }, [scrollToIndex, rows.count, virtualizer]);

  const items = virtualizer.getVirtualItems();
  const firstRendered = items[0]?.index ?? 0;
  const lastRendered = items.at(-1)?.index ?? -1;
  // Also after new rows arrive: a new answer may leave the rendered rows without their page.
  useEffect(() => {
    if (lastRendered >= firstRendered) onShowRows(firstRendered, lastRendered + 1);
  }, [firstRendered, lastRendered, rows, onShowRows]);

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
          const heading = rows.headingAt(item.index);
          const entry = rows.entryAt(item.index);
          if (!entry) {
            return (
              <div
                key={item.key}
                role="listitem"
                aria-label="Loading post"
                aria-busy="true"
                data-index={item.index}
                ref={virtualizer.measureElement}
                className="timeline-item"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                {heading && <MonthHeadingLabel heading={heading} />}
                <div className="timeline-row timeline-row--placeholder" aria-hidden="true">
                  <span className="timeline-row__placeholder-title" />
                  <span className="timeline-row__placeholder-title timeline-row__placeholder-title--short" />
                  <span className="timeline-row__placeholder-meta" />
                  <span className="timeline-row__placeholder-chip" />
                </div>
              </div>
            );
          }
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
              {heading && <MonthHeadingLabel heading={heading} />}
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
