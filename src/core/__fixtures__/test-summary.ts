import type { PostSummary } from '@shared/post';

/** A post summary for core tests: `id` is also its path; override what the test is about. */
export function makeSummary(id: string, overrides: Partial<PostSummary> = {}): PostSummary {
  return {
    id,
    path: id,
    title: id,
    date: '2024-01-01',
    areas: [],
    category: null,
    permalink: null,
    layout: 'post',
    external: null,
    description: '',
    warnings: [],
    readingMinutes: 1,
    ...overrides,
  };
}
