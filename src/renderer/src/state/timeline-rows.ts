import {
  TIMELINE_PAGE_SIZE,
  type MonthCount,
  type TimelineEntry,
  type TimelineWindow,
} from '@shared/query';
import { monthHeadings, yearAnchors, type MonthHeading } from '../timeline/group-timeline';

/** The window of page `page`. */
export function pageWindow(page: number): TimelineWindow {
  return { offset: page * TIMELINE_PAGE_SIZE, limit: TIMELINE_PAGE_SIZE };
}

/** The pages holding rows `[start, end)` of a result of `total` rows. */
export function pagesCovering(start: number, end: number, total: number): number[] {
  const last = Math.min(end, total) - 1;
  const pages: number[] = [];
  for (
    let page = Math.floor(Math.max(start, 0) / TIMELINE_PAGE_SIZE);
    page * TIMELINE_PAGE_SIZE <= last;
    page += 1
  ) {
    pages.push(page);
  }
  return pages;
}

/**
 * What the timeline shows: `count` rows in result order, of which only the loaded pages have
 * their post (the others are drawn as placeholders until their page arrives).
 */
export interface TimelineRows {
  readonly count: number;
  /** The post at `index`, or `undefined` while its page is not loaded. */
  entryAt(index: number): TimelineEntry | undefined;
  /** The month heading above row `index`, whether or not the row is loaded. */
  headingAt(index: number): MonthHeading | null;
  /** The index of a loaded post, or -1. */
  indexOf(id: string): number;
  /** Each year's first row, newest first (none while searching). */
  readonly years: readonly { readonly year: string; readonly index: number }[];
}

/** Rows for `total` results from the loaded `pages` and, in date order, the result's `months`. */
export function timelineRows(
  total: number,
  pages: ReadonlyMap<number, readonly TimelineEntry[]>,
  months: readonly MonthCount[] | undefined,
): TimelineRows {
  const headings = monthHeadings(months);
  const positions = new Map<string, number>();
  for (const [page, entries] of pages) {
    entries.forEach((entry, row) => positions.set(entry.id, page * TIMELINE_PAGE_SIZE + row));
  }
  return {
    count: total,
    entryAt: (index) =>
      pages.get(Math.floor(index / TIMELINE_PAGE_SIZE))?.[index % TIMELINE_PAGE_SIZE],
    headingAt: (index) => headings.get(index) ?? null,
    indexOf: (id) => positions.get(id) ?? -1,
    years: yearAnchors(headings),
  };
}
