import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatReaderHash, isFilterActive, parseReaderHash } from './reader-location';

describe('reader location in the hash', () => {
  it('reads the contract example', () => {
    expect(
      parseReaderHash('#/?areas=Information%20Exchange&match=all&q=ai&post=press%2Fa.md'),
    ).toEqual({
      view: 'reader',
      filter: { areas: ['Information Exchange'], match: 'all', query: 'ai' },
      postId: 'press/a.md',
    });
  });

  it('writes areas with %20, not +, and one key per area', () => {
    expect(
      formatReaderHash({
        view: 'reader',
        filter: {
          areas: ['Information Exchange', 'Science, Technology'],
          match: 'all',
          query: 'ai',
        },
        postId: 'x.md',
      }),
    ).toBe(
      '#/?areas=Information%20Exchange&areas=Science%2C%20Technology&match=all&q=ai&post=x.md',
    );
  });

  it('reads the digest view with its filters', () => {
    const location = parseReaderHash('#/digest?categories=Speeches&from=2024-01-01&to=2024-12-31');
    expect(location.view).toBe('digest');
    expect(location.filter).toEqual({
      categories: ['Speeches'],
      from: '2024-01-01',
      to: '2024-12-31',
    });
  });

  it('ignores the browser-mode token, unknown keys and malformed dates', () => {
    expect(parseReaderHash('#token=abc')).toEqual({ view: 'reader', filter: {}, postId: null });
    expect(parseReaderHash('#/?from=yesterday&zzz=1&q=%E0%A4%A').filter).toEqual({
      query: '%E0%A4%A',
    });
  });

  it('round-trips any location', () => {
    const name = fc
      .string({ minLength: 1, maxLength: 12 })
      .filter((value) => value.trim() === value && value !== '');
    const date = fc
      .date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true })
      .map((value) => value.toISOString().slice(0, 10));
    const location = fc.record({
      view: fc.constantFrom('reader' as const, 'digest' as const),
      filter: fc.record(
        {
          areas: fc.uniqueArray(name, { minLength: 1, maxLength: 3 }),
          match: fc.constant('all' as const),
          categories: fc.uniqueArray(name, { minLength: 1, maxLength: 2 }),
          from: date,
          to: date,
          query: name,
        },
        { requiredKeys: [] },
      ),
      postId: fc.option(name, { nil: null }),
    });
    fc.assert(
      fc.property(location, (value) => {
        const expected = value.view === 'digest' ? { ...value, postId: null } : value;
        expect(parseReaderHash(formatReaderHash(value))).toEqual(expected);
      }),
    );
  });

  it('counts a search or any facet as an active filter, but not the Any/All switch', () => {
    expect(isFilterActive({ match: 'all' })).toBe(false);
    expect(isFilterActive({ query: 'ai' })).toBe(true);
    expect(isFilterActive({ from: '2024-01-01' })).toBe(true);
  });
});
