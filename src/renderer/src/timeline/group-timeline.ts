import { formatMonthHeading } from '@shared/display-date';
import type { MonthCount } from '@shared/query';

/** A month heading shown above the first post of its group. */
export interface MonthHeading {
  /** `YYYY-MM`, or `undated`. */
  readonly key: string;
  /** "November 2024", or "Undated". */
  readonly label: string;
  /** Posts in the group. */
  readonly count: number;
}

export const UNDATED_KEY = 'undated';

/**
 * Month headings by the timeline index of the row each one sits above, from the result's month
 * counts — so rows that are not loaded yet still get their heading in the right place. Search
 * results come ordered by relevance (no `months`), which headings would chop up meaninglessly,
 * so then there are none.
 */
export function monthHeadings(
  months: readonly MonthCount[] | undefined,
): Map<number, MonthHeading> {
  const headings = new Map<number, MonthHeading>();
  let index = 0;
  for (const { month, count } of months ?? []) {
    headings.set(index, {
      key: month ?? UNDATED_KEY,
      label: month === null ? 'Undated' : formatMonthHeading(month),
      count,
    });
    index += count;
  }
  return headings;
}

/** Years present in the headings, newest first, each with the index of its first row. */
export function yearAnchors(
  headings: ReadonlyMap<number, MonthHeading>,
): { year: string; index: number }[] {
  const anchors: { year: string; index: number }[] = [];
  for (const [index, heading] of headings) {
    const year = heading.key !== UNDATED_KEY ? heading.key.slice(0, 4) : null;
    if (year && !anchors.some((anchor) => anchor.year === year)) anchors.push({ year, index });
  }
  return anchors.sort((a, b) => a.index - b.index);
}

/** "1 post" / "1,234 posts". */
export function formatPostCount(count: number): string {
  return `${count.toLocaleString('en')} ${count === 1 ? 'post' : 'posts'}`;
}
