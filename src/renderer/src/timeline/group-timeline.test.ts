import { describe, expect, it } from 'vitest';
import { formatPostCount, monthHeadings, yearAnchors } from './group-timeline';

const months = [
  { month: '2024-11', count: 2 },
  { month: '2024-09', count: 1 },
  { month: '2023-05', count: 1 },
  { month: null, count: 2 },
];

describe('monthHeadings', () => {
  it('puts a month heading with its count above the first row of each month, undated last', () => {
    const headings = [...monthHeadings(months)].map(([index, heading]) => [
      index,
      heading.label,
      heading.count,
    ]);
    expect(headings).toEqual([
      [0, 'November 2024', 2],
      [2, 'September 2024', 1],
      [3, 'May 2023', 1],
      [4, 'Undated', 2],
    ]);
  });

  it('shows relevance-ordered search results (no month counts) without month headings', () => {
    expect(monthHeadings(undefined).size).toBe(0);
  });

  it('lists each year once, newest first, at its first row', () => {
    expect(yearAnchors(monthHeadings(months))).toEqual([
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
