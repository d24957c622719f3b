import { formatDisplayDate } from '@shared/display-date';
import type { PostFilter } from '@shared/query';

/** One line of a digest cover: what was filtered on, in words. */
export interface FilterLine {
  readonly label: string;
  readonly value: string;
}

/**
 * The active filters as labelled lines for the digest cover, in the order the filter panel shows
 * them. An empty filter gives a single "All posts" line, so the cover never looks unfinished.
 */
export function describeFilter(filter: PostFilter): FilterLine[] {
  const lines: FilterLine[] = [];
  const query = filter.query?.trim();
  if (query) lines.push({ label: 'Search', value: `“${query}”` });
  if (filter.areas && filter.areas.length > 0) {
    const joiner = filter.match === 'all' ? ' and ' : ' or ';
    const label =
      filter.areas.length > 1 ? `Areas (${filter.match === 'all' ? 'all of' : 'any of'})` : 'Area';
    lines.push({ label, value: filter.areas.join(joiner) });
  }
  if (filter.categories && filter.categories.length > 0) {
    lines.push({
      label: filter.categories.length > 1 ? 'Categories' : 'Category',
      value: filter.categories.join(', '),
    });
  }
  if (filter.from && filter.to) {
    lines.push({
      label: 'Dates',
      value: `${formatDisplayDate(filter.from)} to ${formatDisplayDate(filter.to)}`,
    });
  } else if (filter.from) {
    lines.push({ label: 'Dates', value: `from ${formatDisplayDate(filter.from)}` });
  } else if (filter.to) {
    lines.push({ label: 'Dates', value: `up to ${formatDisplayDate(filter.to)}` });
  }
  if (lines.length === 0) lines.push({ label: 'Filters', value: 'All posts' });
  return lines;
}
