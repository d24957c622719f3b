import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveDuplicates } from './duplicates';
import { normalizeInSteps, normalizePermalink } from './permalink';

describe('normalizePermalink', () => {
  it.each([
    ['/a/b/', '/a/b'],
    ['/a/b', '/a/b'],
    ['a/b', '/a/b'],
    ['/a//b///', '/a/b'],
    ['/a/b/?x=1#top', '/a/b'],
    ['/', '/'],
    ['  /A/  ', '/A'],
  ])('%s → %s', (input, expected) => {
    expect(normalizePermalink(input)).toBe(expected);
  });

  it('treats an empty permalink as none', () => {
    expect(normalizePermalink('  ')).toBeNull();
  });

  it('gives every permalink the same form as the step-by-step rules (its quick path included)', () => {
    const pieces = fc.constantFrom(
      '/',
      '//',
      'a',
      'B',
      '-',
      '?',
      '#',
      ' ',
      '\t',
      '\u00a0',
      'é',
      '.',
    );
    const permalinks = fc.oneof(
      fc.string(),
      fc.array(pieces, { maxLength: 12 }).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(permalinks, (permalink) => {
        expect(normalizePermalink(permalink)).toBe(normalizeInSteps(permalink));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('resolveDuplicates', () => {
  it('keeps the most recently modified post for a permalink, trailing slash or not', () => {
    const result = resolveDuplicates([
      { id: 'old.md', permalink: '/news/x/', mtimeMs: 100 },
      { id: 'new.md', permalink: '/news/x', mtimeMs: 200 },
      { id: 'older.md', permalink: 'news/x/', mtimeMs: 50 },
      { id: 'alone.md', permalink: '/other/', mtimeMs: 10 },
      { id: 'none.md', permalink: null, mtimeMs: 10 },
    ]);
    expect(result.byPermalink.get('/news/x')).toBe('new.md');
    expect(result.byPermalink.get('/other')).toBe('alone.md');
    expect([...result.hidden].sort()).toEqual(['old.md', 'older.md']);
    expect(result.duplicates).toEqual([
      { permalink: '/news/x', kept: 'new.md', ignored: ['old.md', 'older.md'] },
    ]);
  });

  it('breaks a modification-time tie by id so the choice never depends on order', () => {
    const claims = [
      { id: 'b.md', permalink: '/x', mtimeMs: 1 },
      { id: 'a.md', permalink: '/x', mtimeMs: 1 },
    ];
    expect(resolveDuplicates(claims).byPermalink.get('/x')).toBe('a.md');
    expect(resolveDuplicates([...claims].reverse()).byPermalink.get('/x')).toBe('a.md');
  });
});
