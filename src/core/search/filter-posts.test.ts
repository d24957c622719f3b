import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PostSummary } from '@shared/post';
import type { FacetCount, PostFilter } from '@shared/query';
import { makeSummary } from '../__fixtures__/test-summary';
import { applyFilter, bestRows, Timeline } from './filter-posts';
import type { SearchHit } from './search-contract';

function post(
  id: string,
  date: string | null,
  areas: string[],
  category: string | null = null,
  title = id,
): PostSummary {
  return makeSummary(id, { title, date, areas, category });
}

const posts: PostSummary[] = [
  post('ai-eu', '2024-11-20', ['AI Safety Research', 'Information Exchange'], 'press-releases'),
  post('ai-uk', '2024-03-01', ['AI Safety Research'], 'speeches'),
  post('trade', '2023-07-15', ['Trade and Investment', 'Information Exchange'], 'press-releases'),
  post('climate', '2024-11-20', ['Climate and Energy'], null, 'Climate accord'),
  post('undated', null, ['AI Safety Research'], 'press-releases'),
];

const ids = (filter: PostFilter, hits?: ReadonlyMap<string, SearchHit>): string[] =>
  applyFilter(posts, filter, hits).entries.map((entry) => entry.id);

const counts = (facets: readonly FacetCount[]): Record<string, number> =>
  Object.fromEntries(facets.map((facet) => [facet.name, facet.count]));

const hit = (id: string, score: number): SearchHit => ({
  id,
  score,
  terms: ['ai'],
  snippet: { text: `snippet of ${id}`, ranges: [] },
});

describe('applyFilter order', () => {
  it('lists every post newest first, same day by title, undated last', () => {
    // `ai-eu` and `climate` share a date: `ai-eu` < `Climate accord` by title.
    expect(ids({})).toEqual(['ai-eu', 'climate', 'ai-uk', 'trade', 'undated']);
  });

  it('returns the summaries themselves, without score or snippet, when not searching', () => {
    const [first] = applyFilter(posts, {}).entries;
    expect(first).toBe(posts[0]);
  });

  it('orders search results by score and attaches score and snippet', () => {
    const hits = new Map(
      [hit('trade', 1), hit('undated', 9), hit('ai-uk', 5)].map((h) => [h.id, h]),
    );
    const { entries } = applyFilter(posts, { query: 'ai' }, hits);
    expect(entries.map((entry) => [entry.id, entry.score])).toEqual([
      ['undated', 9],
      ['ai-uk', 5],
      ['trade', 1],
    ]);
    expect(entries[0]?.snippet?.text).toBe('snippet of undated');
  });

  it('breaks equal scores by date', () => {
    const hits = new Map([hit('trade', 2), hit('ai-eu', 2)].map((h) => [h.id, h]));
    expect(ids({ query: 'ai' }, hits)).toEqual(['ai-eu', 'trade']);
  });
});

describe('applyFilter filters', () => {
  it('keeps posts having any selected area by default', () => {
    expect(ids({ areas: ['Trade and Investment', 'Climate and Energy'] })).toEqual([
      'climate',
      'trade',
    ]);
  });

  it('keeps posts having all selected areas with match all', () => {
    expect(ids({ areas: ['AI Safety Research', 'Information Exchange'], match: 'all' })).toEqual([
      'ai-eu',
    ]);
  });

  it('keeps posts in any selected category', () => {
    expect(ids({ categories: ['speeches', 'press-releases'] })).toEqual([
      'ai-eu',
      'ai-uk',
      'trade',
      'undated',
    ]);
  });

  it('applies an inclusive date range and drops undated posts', () => {
    expect(ids({ from: '2024-03-01', to: '2024-11-20' })).toEqual(['ai-eu', 'climate', 'ai-uk']);
    expect(ids({ to: '2023-12-31' })).toEqual(['trade']);
    expect(ids({ from: '2024-11-21' })).toEqual([]);
  });

  it('treats empty date bounds as unset', () => {
    expect(ids({ from: '', to: '' })).toHaveLength(posts.length);
  });

  it('keeps only posts among the hits when there is a query', () => {
    const hits = new Map([hit('ai-uk', 3), hit('climate', 1)].map((h) => [h.id, h]));
    expect(ids({ query: 'x' }, hits)).toEqual(['ai-uk', 'climate']);
  });

  it('matches nothing when a query has no hits map, and ignores hits for a blank query', () => {
    expect(ids({ query: 'ai' })).toEqual([]);
    expect(ids({ query: '  ' }, new Map())).toHaveLength(posts.length);
  });

  it('combines every filter', () => {
    const hits = new Map(
      [hit('ai-eu', 1), hit('ai-uk', 2), hit('trade', 3), hit('undated', 4)].map((h) => [h.id, h]),
    );
    const filter: PostFilter = {
      query: 'ai',
      areas: ['AI Safety Research'],
      categories: ['press-releases'],
      from: '2024-01-01',
    };
    expect(ids(filter, hits)).toEqual(['ai-eu']);
  });
});

describe('applyFilter facets', () => {
  it('counts every area and category over all posts without filters, most frequent first', () => {
    const result = applyFilter(posts, {});
    expect(result.areas).toEqual([
      { name: 'AI Safety Research', count: 3 },
      { name: 'Information Exchange', count: 2 },
      { name: 'Climate and Energy', count: 1 },
      { name: 'Trade and Investment', count: 1 },
    ]);
    expect(result.categories).toEqual([
      { name: 'press-releases', count: 3 },
      { name: 'speeches', count: 1 },
    ]);
  });

  it('counts areas ignoring the area filter when match is any', () => {
    const result = applyFilter(posts, { areas: ['Climate and Energy'] });
    expect(counts(result.areas)).toEqual({
      'AI Safety Research': 3,
      'Information Exchange': 2,
      'Climate and Energy': 1,
      'Trade and Investment': 1,
    });
  });

  it('counts areas within the selection when match is all', () => {
    const result = applyFilter(posts, { areas: ['AI Safety Research'], match: 'all' });
    expect(counts(result.areas)).toEqual({ 'AI Safety Research': 3, 'Information Exchange': 1 });
  });

  it('counts areas under the category, date and query filters', () => {
    const hits = new Map([hit('ai-eu', 1), hit('trade', 1), hit('ai-uk', 1)].map((h) => [h.id, h]));
    const result = applyFilter(
      posts,
      { query: 'x', categories: ['press-releases'], from: '2024-01-01' },
      hits,
    );
    expect(counts(result.areas)).toEqual({ 'AI Safety Research': 1, 'Information Exchange': 1 });
  });

  it('counts categories ignoring the category filter but not the others', () => {
    const result = applyFilter(posts, {
      categories: ['speeches'],
      areas: ['AI Safety Research'],
    });
    expect(counts(result.categories)).toEqual({ 'press-releases': 2, speeches: 1 });
    expect(result.entries.map((entry) => entry.id)).toEqual(['ai-uk']);
  });

  it('lists selected areas and categories even when nothing has them', () => {
    const result = applyFilter(posts, {
      areas: ['Maritime'],
      categories: ['op-eds'],
      match: 'all',
    });
    expect(result.areas).toEqual([{ name: 'Maritime', count: 0 }]);
    expect(result.categories).toContainEqual({ name: 'op-eds', count: 0 });
  });

  it('counts an area listed twice on one post once', () => {
    const twice = [post('twice', '2024-01-01', ['Trade and Investment', 'Trade and Investment'])];
    expect(applyFilter(twice, {}).areas).toEqual([{ name: 'Trade and Investment', count: 1 }]);
  });
});

describe('applyFilter with names that differ only in letter case', () => {
  const mixed: PostSummary[] = [
    post('a', '2024-03-01', ['ICT Policy', 'Trade'], 'Media Releases'),
    post('b', '2024-02-01', ['ict policy'], 'media releases'),
    post('c', '2024-01-01', ['ICT POLICY', 'Fisheries'], 'Media Releases'),
    post('d', '2023-01-01', ['Ict Policy', 'trade'], null),
  ];

  it('counts them as one facet, in the spelling most posts use', () => {
    const result = applyFilter(mixed, {});
    // Four spellings once each: the tie goes to the one with the most capitals.
    expect(result.areas).toEqual([
      { name: 'ICT POLICY', count: 4 },
      { name: 'Trade', count: 2 },
      { name: 'Fisheries', count: 1 },
    ]);
    expect(result.categories).toEqual([{ name: 'Media Releases', count: 3 }]);
  });

  it('prefers the spelling used most over the one with more capitals', () => {
    const result = applyFilter([...mixed, post('e', '2022-01-01', ['ICT Policy'])], {});
    expect(result.areas[0]).toEqual({ name: 'ICT Policy', count: 5 });
  });

  it('shows every post with the facet spelling', () => {
    const { entries } = applyFilter(mixed, {});
    expect(entries.map((entry) => [entry.areas, entry.category])).toEqual([
      [['ICT POLICY', 'Trade'], 'Media Releases'],
      [['ICT POLICY'], 'Media Releases'],
      [['ICT POLICY', 'Fisheries'], 'Media Releases'],
      [['ICT POLICY', 'Trade'], null],
    ]);
  });

  it('matches selected names in any letter case', () => {
    const idsOf = (filter: PostFilter) =>
      applyFilter(mixed, filter).entries.map((entry) => entry.id);
    expect(idsOf({ areas: ['ict policy'] })).toEqual(['a', 'b', 'c', 'd']);
    expect(idsOf({ areas: ['TRADE', 'ict policy'], match: 'all' })).toEqual(['a', 'd']);
    expect(idsOf({ areas: ['trade', 'Trade'], match: 'all' })).toEqual(['a', 'd']);
    expect(idsOf({ categories: ['MEDIA RELEASES'] })).toEqual(['a', 'b', 'c']);
  });

  it('lists a selected name in its facet spelling, once', () => {
    const result = applyFilter(mixed, { areas: ['fisheries', 'maritime', 'Maritime'] });
    expect(counts(result.areas)).toEqual({
      'ICT POLICY': 4,
      Trade: 2,
      Fisheries: 1,
      maritime: 0,
    });
  });

  it('counts a post listing one area in two spellings once', () => {
    const twice = [post('twice', '2024-01-01', ['Trade', 'trade'])];
    const result = applyFilter(twice, {});
    expect(result.areas).toEqual([{ name: 'Trade', count: 1 }]);
    expect(result.entries[0]?.areas).toEqual(['Trade']);
  });
});

describe('bestRows', () => {
  it('gives the leading rows of the full search order, ties in timeline order', () => {
    fc.assert(
      fc.property(
        // Few distinct scores, so ties are common.
        fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 300 }),
        fc.nat({ max: 320 }),
        (rawScores, count) => {
          const scores = Float64Array.from(rawScores, (score) => score / 2);
          const candidates = Int32Array.from(rawScores.keys());
          const fullOrder = [...candidates].sort((a, b) => scores[b]! - scores[a]! || a - b);
          expect(bestRows(candidates, scores, count)).toEqual(fullOrder.slice(0, count));
        },
      ),
    );
  });
});

describe('Timeline.withReplaced', () => {
  const timeline = new Timeline(posts);
  const at = (id: string) => timeline.summaries[timeline.positionOf(id)!]!;
  const retitled = (summary: PostSummary, title: string): PostSummary => ({ ...summary, title });

  it('replaces a post edited within its day, keeping order, facets and layout', () => {
    const before = at('ai-eu');
    const after = { ...retitled(before, 'ai-eu, revised'), description: 'Now with a summary.' };
    const patched = timeline.withReplaced([{ before, after }])!;
    expect(patched).not.toBeNull();
    expect(patched.layout).toBe(timeline.layout);
    expect(patched.summaries.map((summary) => summary.id)).toEqual(
      timeline.summaries.map((summary) => summary.id),
    );
    expect(patched.summaries[patched.positionOf('ai-eu')!]).toBe(after);
    // The old timeline is untouched: a query holding it still reads what it read.
    expect(at('ai-eu')).toBe(before);
    const rebuilt = new Timeline(patched.summaries);
    expect(patched.filter({ areas: ['Information Exchange'] }, null)).toEqual(
      rebuilt.filter({ areas: ['Information Exchange'] }, null),
    );
  });

  it('refuses an edit that moves the post or changes its facets', () => {
    const before = at('ai-eu');
    // 'Climate accord' shares its day and sorts after 'ai-eu': a title after it moves the post.
    const moves = [
      retitled(before, 'Zz last of the day'),
      { ...before, date: '2020-01-01' },
      { ...before, areas: ['AI Safety Research'] },
      { ...before, category: 'speeches' },
    ];
    for (const after of moves) expect(timeline.withReplaced([{ before, after }])).toBeNull();
    expect(timeline.withReplaced([{ before, after: { ...before, id: 'other' } }])).toBeNull();
  });

  it('applies a chain of replacements of the same post in order', () => {
    const first = at('trade');
    const second = retitled(first, 'trade (2)');
    const third = retitled(second, 'trade (3)');
    const patched = timeline.withReplaced([
      { before: first, after: second },
      { before: second, after: third },
    ])!;
    expect(patched.summaries[patched.positionOf('trade')!]!.title).toBe('trade (3)');
  });

  it('keeps the display spelling of a row shown in another spelling', () => {
    const original = post('c', '2023-01-01', ['cyber security'], 'press');
    const spelled = new Timeline([
      post('a', '2024-01-02', ['Cyber Security'], 'Press'),
      post('b', '2024-01-01', ['Cyber Security'], 'Press'),
      original,
    ]);
    const after = retitled(original, 'c, revised');
    const patched = spelled.withReplaced([{ before: original, after }])!;
    expect(patched.summaries[patched.positionOf('c')!]).toMatchObject({
      title: 'c, revised',
      areas: ['Cyber Security'],
      category: 'Press',
    });
  });
});

describe('a timeline built a step per task', () => {
  const many = Array.from({ length: 300 }, (_, index) =>
    post(
      `post-${index}`,
      index % 7 === 0 ? null : `2024-0${1 + (index % 9)}-1${index % 10}`,
      [index % 2 === 0 ? 'AI Safety Research' : 'ai safety research', 'Information Exchange'],
      index % 3 === 0 ? 'Press Releases' : 'press releases',
      `Title ${index % 13}`,
    ),
  );

  it('is the timeline built at once: same rows, spellings, facets and lookups', async () => {
    const atOnce = new Timeline(many);
    const inSteps = await Timeline.build(many);
    expect(inSteps.summaries).toEqual(atOnce.summaries);
    const filter: PostFilter = { areas: ['AI Safety Research'], from: '2024-03-01' };
    expect(inSteps.filter(filter, null)).toEqual(atOnce.filter(filter, null));
    expect(inSteps.positionOf('post-42')).toBe(atOnce.positionOf('post-42'));
  });

  it('files every post, and looks each up by id, when its columns take several steps', async () => {
    // Over 20,000 posts, columns and lookup are built a slice per step: no post lost at a seam.
    const large = Array.from({ length: 41_000 }, (_, index) =>
      post(
        `large-${index}`,
        index % 2 === 0 ? '2024-05-01' : null,
        index % 5 === 0 ? ['Seam Testing'] : [],
        index % 4 === 0 ? 'Seams' : null,
      ),
    );
    const timeline = await Timeline.build(large);
    const misplaced = timeline.summaries.filter(
      (summary, position) => timeline.positionOf(summary.id) !== position,
    );
    expect(timeline.summaries).toHaveLength(41_000);
    expect(misplaced).toEqual([]);
    const count = (filter: PostFilter) => timeline.filter(filter, null).total;
    expect(count({ areas: ['Seam Testing'] })).toBe(8_200);
    expect(count({ categories: ['Seams'] })).toBe(10_250);
    expect(count({ from: '2024-01-01' })).toBe(20_500);
  });

  it('lets tasks queued meanwhile run between its steps', async () => {
    let between = false;
    const building = Timeline.build(many);
    setImmediate(() => (between = true));
    await building;
    expect(between).toBe(true);
  });
});
