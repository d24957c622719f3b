import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '@shared/query';
import { formatPostCount, groupTimeline, yearAnchors } from './group-timeline';

function entry(id: string, date: string | null): TimelineEntry {
  return {
    id,
    path: id,
    title: id,
    date,
    areas: [],
    category: null,
    permalink: null,
    layout: 'post',
    external: null,
    description: '',
    warnings: [],
    readingMinutes: 1,
  };
}

const entries = [
  entry('a', '2024-11-20'),
  entry('b', '2024-11-02'),
  entry('c', '2024-09-15'),
  entry('d', '2023-05-01'),
  entry('e', null),
  entry('f', null),
];

describe('groupTimeline', () => {
  it('puts a month heading with its count above the first post of each month, undated last', () => {
    const headings = groupTimeline(entries, true)
      .filter((row) => row.heading)
      .map((row) => [row.entry.id, row.heading!.label, row.heading!.count]);
    expect(headings).toEqual([
      ['a', 'November 2024', 2],
      ['c', 'September 2024', 1],
      ['d', 'May 2023', 1],
      ['e', 'Undated', 2],
    ]);
  });

  it('shows relevance-ordered search results without month headings', () => {
    expect(groupTimeline(entries, false).every((row) => row.heading === null)).toBe(true);
  });

  it('lists each year once, newest first, at its first row', () => {
    expect(yearAnchors(groupTimeline(entries, true))).toEqual([
      { year: '2024', index: 0 },
      { year: '2023', index: 3 },
    ]);
  });
});

describe('formatPostCount', () => {
  it('uses the singular for one post and thousands separators for many', () => {
    expect(formatPostCount(0)).toBe('0 posts');
    expect(formatPostCount(1)).toBe('1 post');
    expect(formatPostCount(2)).toBe('2 posts');
    expect(formatPostCount(10000)).toBe('10,000 posts');
  });
});
