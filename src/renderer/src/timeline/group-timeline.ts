import { formatMonthHeading, monthKeyOf } from '@shared/display-date';
import type { TimelineEntry } from '@shared/query';

/** A month heading shown above the first post of its group. */
export interface MonthHeading {
  /** `YYYY-MM`, or `undated`. */
  readonly key: string;
  /** "November 2024", or "Undated". */
  readonly label: string;
  /** Posts in the group. */
  readonly count: number;
}

/** One row of the virtual list: a post, with the heading of its month when it opens one. */
export interface TimelineRow {
  readonly entry: TimelineEntry;
  readonly heading: MonthHeading | null;
}

export const UNDATED_KEY = 'undated';

/**
 * Rows for the timeline. Without a search the entries arrive newest first with undated posts
 * last, and each month (then "Undated") gets a heading with its count. With a search the order
 * is by relevance, which month headings would chop up meaninglessly, so there are none.
 */
export function groupTimeline(
  entries: readonly TimelineEntry[],
  byMonth: boolean,
): readonly TimelineRow[] {
  if (!byMonth) return entries.map((entry) => ({ entry, heading: null }));
  const counts = new Map<string, number>();
  for (const entry of entries) {
    const key = monthKeyOf(entry.date) ?? UNDATED_KEY;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let previous: string | null = null;
  return entries.map((entry) => {
    const key = monthKeyOf(entry.date) ?? UNDATED_KEY;
    if (key === previous) return { entry, heading: null };
    previous = key;
    return {
      entry,
      heading: {
        key,
        label: key === UNDATED_KEY ? 'Undated' : formatMonthHeading(key),
        count: counts.get(key) ?? 0,
      },
    };
  });
}

/** Years present in the rows, newest first, each with the index of its first row. */
export function yearAnchors(rows: readonly TimelineRow[]): { year: string; index: number }[] {
  const anchors: { year: string; index: number }[] = [];
  rows.forEach((row, index) => {
    const year =
      row.heading && row.heading.key !== UNDATED_KEY ? row.heading.key.slice(0, 4) : null;
    if (year && !anchors.some((anchor) => anchor.year === year)) anchors.push({ year, index });
  });
  return anchors;
}

/** "1 post" / "1,234 posts". */
export function formatPostCount(count: number): string {
  return `${count.toLocaleString('en')} ${count === 1 ? 'post' : 'posts'}`;
}
