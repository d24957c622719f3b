import type { PostFilter } from '@shared/query';
import { formatDisplayDate } from '@shared/display-date';

/** The filters in words for the digest's cover: "Areas (all of): A, B · From 1 May 2024". */
export function describeFilter(filter: PostFilter): string {
  const parts: string[] = [];
  if (filter.areas?.length) {
    const how = filter.areas.length > 1 ? (filter.match === 'all' ? ' (all of)' : ' (any of)') : '';
    parts.push(`Areas${how}: ${filter.areas.join(', ')}`);
  }
  if (filter.categories?.length) parts.push(`Categories: ${filter.categories.join(', ')}`);
  if (filter.from) parts.push(`From ${formatDisplayDate(filter.from)}`);
  if (filter.to) parts.push(`To ${formatDisplayDate(filter.to)}`);
  if (filter.query?.trim()) parts.push(`Search: “${filter.query.trim()}”`);
  return parts.length > 0 ? parts.join(' · ') : 'All posts';
}
