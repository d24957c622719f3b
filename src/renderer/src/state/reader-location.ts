import type { PostFilter } from '@shared/query';

/** Which screen the address asks for: the three-pane reader or the printable digest. */
export type ReaderView = 'reader' | 'digest';

/** Everything the address's hash records: the view, the filters and the open post. */
export interface ReaderLocation {
  readonly view: ReaderView;
  readonly filter: PostFilter;
  readonly postId: string | null;
}

/** The reader with no filters and nothing open. */
export const INITIAL_LOCATION: ReaderLocation = { view: 'reader', filter: {}, postId: null };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function decode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

/**
 * Reads a hash such as `#/?areas=Information%20Exchange&match=all&q=ai&post=<id>` or
 * `#/digest?areas=…`. Unknown keys (the browser-mode `token`) and malformed values are ignored,
 * so a hand-edited address never breaks the page.
 */
export function parseReaderHash(hash: string): ReaderLocation {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!text.startsWith('/')) return INITIAL_LOCATION;
  const questionMark = text.indexOf('?');
  const path = questionMark === -1 ? text : text.slice(0, questionMark);
  const search = questionMark === -1 ? '' : text.slice(questionMark + 1);
  const params = new Map<string, string[]>();
  for (const pair of search.split('&')) {
    if (!pair) continue;
    const equals = pair.indexOf('=');
    const key = decode(equals === -1 ? pair : pair.slice(0, equals));
    const value = decode(equals === -1 ? '' : pair.slice(equals + 1));
    params.set(key, [...(params.get(key) ?? []), value]);
  }
  const all = (key: string) => (params.get(key) ?? []).map((value) => value.trim()).filter(Boolean);
  const one = (key: string) => all(key)[0];

  const filter: {
    areas?: string[];
    match?: 'all';
    categories?: string[];
    from?: string;
    to?: string;
    query?: string;
  } = {};
  const areas = all('areas');
  if (areas.length > 0) filter.areas = [...new Set(areas)];
  if (one('match') === 'all') filter.match = 'all';
  const categories = all('categories');
  if (categories.length > 0) filter.categories = [...new Set(categories)];
  const from = one('from');
  if (from && ISO_DATE.test(from)) filter.from = from;
  const to = one('to');
  if (to && ISO_DATE.test(to)) filter.to = to;
  const query = (params.get('q') ?? [])[0];
  if (query && query.trim()) filter.query = query;

  return {
    view: path === '/digest' ? 'digest' : 'reader',
    filter,
    postId: one('post') ?? null,
  };
}

function encode(value: string): string {
  return encodeURIComponent(value);
}

/** The hash for `location`; the inverse of {@link parseReaderHash}. */
export function formatReaderHash(location: ReaderLocation): string {
  const { filter } = location;
  const parts: string[] = [];
  for (const area of filter.areas ?? []) parts.push(`areas=${encode(area)}`);
  if (filter.match === 'all') parts.push('match=all');
  for (const category of filter.categories ?? []) parts.push(`categories=${encode(category)}`);
  if (filter.from) parts.push(`from=${encode(filter.from)}`);
  if (filter.to) parts.push(`to=${encode(filter.to)}`);
  if (filter.query) parts.push(`q=${encode(filter.query)}`);
  if (location.view === 'reader' && location.postId) parts.push(`post=${encode(location.postId)}`);
  const path = location.view === 'digest' ? '/digest' : '/';
  return `#${path}${parts.length > 0 ? `?${parts.join('&')}` : ''}`;
}

/** True when any filter narrows the timeline (the Any/All switch alone does not). */
export function isFilterActive(filter: PostFilter): boolean {
  return (
    (filter.areas?.length ?? 0) > 0 ||
    (filter.categories?.length ?? 0) > 0 ||
    Boolean(filter.from) ||
    Boolean(filter.to) ||
    Boolean(filter.query?.trim())
  );
}

/** A stable string for a filter, for comparing filters and keying effects. */
export function filterKey(filter: PostFilter): string {
  return formatReaderHash({ view: 'reader', filter, postId: null });
}
