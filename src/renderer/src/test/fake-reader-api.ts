import type { IndexStatus, PostsChangedEvent } from '@shared/library-events';
import type { Post } from '@shared/post';
import type {
  FacetCount,
  MonthCount,
  PostFilter,
  QueryResult,
  TimelineEntry,
  TimelineWindow,
} from '@shared/query';
import type {
  MenuCommand,
  PrintOutcome,
  ReaderApi,
  ReaderCapabilities,
  Unsubscribe,
} from '@shared/reader-api';
import { foldText } from '../text/fold-text';

/** A post for tests, with defaults for everything not given. */
export function makePost(partial: Partial<Post> & { id: string; title: string }): Post {
  return {
    path: partial.id,
    date: null,
    areas: [],
    category: null,
    permalink: null,
    layout: 'post',
    external: null,
    description: '',
    warnings: [],
    readingMinutes: 1,
    body: '',
    areaDetails: (partial.areas ?? []).map((name) => ({
      name,
      source: { kind: 'front-matter', field: 'areas' },
    })),
    image: null,
    variant: null,
    mtimeMs: 0,
    plainTextReason: null,
    ...partial,
  };
}

/** The timeline row of `post`: the post without its body and other article-only fields. */
export function summary(post: Post): TimelineEntry {
  const {
    body: _body,
    areaDetails: _details,
    image: _image,
    variant: _variant,
    mtimeMs: _m,
    plainTextReason: _plainTextReason,
    ...rest
  } = post;
  return rest;
}

function byNewest(a: Post, b: Post): number {
  if (a.date === b.date) return a.title.localeCompare(b.title);
  if (a.date === null) return 1;
  if (b.date === null) return -1;
  return a.date < b.date ? 1 : -1;
}

function count(posts: readonly Post[], names: (post: Post) => readonly (string | null)[]) {
  const counts = new Map<string, number>();
  for (const post of posts) {
    for (const name of names(post)) if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts]
    .map(([name, value]): FacetCount => ({ name, count: value }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/** Runs of equal months in date-ordered posts, as the library reports them. */
function monthsOf(posts: readonly Post[]): MonthCount[] {
  const months: { month: string | null; count: number }[] = [];
  for (const post of posts) {
    const month = post.date?.slice(0, 7) ?? null;
    const last = months.at(-1);
    if (last && last.month === month) last.count += 1;
    else months.push({ month, count: 1 });
  }
  return months;
}

/**
 * An in-memory `ReaderApi` for component tests. Filtering is deliberately simple (substring
 * search over folded title and body; each query word must appear), but facet counts follow the
 * real contract: each facet is counted under every *other* active filter.
 */
export class FakeReaderApi implements ReaderApi {
  capabilities: ReaderCapabilities = { shell: 'browser', printToPdf: false, openFolder: false };
  readonly posts = new Map<string, Post>();
  status: IndexStatus;
  generation = 1;
  /** Every call to a side-effecting method, for assertions. */
  readonly calls: { method: string; args: unknown[] }[] = [];
  printOutcome: PrintOutcome = { kind: 'saved', path: '/tmp/out.pdf' };
  /** Every `query` call with its window (`undefined` when the whole result was asked for). */
  readonly queries: { filter: PostFilter; window: TimelineWindow | undefined }[] = [];
  /** What the folder picker answers: `null` is a cancelled picker. */
  openFolderResult: { status: IndexStatus; posts: readonly Post[] } | null = null;
  /** What `getRecentFolders` answers, most recent first. */
  recentFolders: string[] = [];
  /** What `openRecentFolder` switches to, per folder; other folders answer the current status. */
  readonly recentFolderResults = new Map<string, { status: IndexStatus; posts: readonly Post[] }>();

  private readonly statusListeners = new Set<(status: IndexStatus) => void>();
  private readonly postListeners = new Set<(event: PostsChangedEvent) => void>();
  private readonly menuListeners = new Set<(command: MenuCommand) => void>();

  constructor(posts: readonly Post[] = [], folder = '/home/me/press-releases') {
    for (const post of posts) this.posts.set(post.id, post);
    this.status = {
      folder,
      folderName: folder.split('/').pop() ?? folder,
      state: 'ready',
      indexed: posts.length,
      total: posts.length,
      polling: false,
      generation: this.generation,
    };
  }

  async getStatus(): Promise<IndexStatus> {
    return this.status;
  }

  async query(filter: PostFilter, window?: TimelineWindow): Promise<QueryResult> {
    this.queries.push({ filter, window });
    const all = [...this.posts.values()];
    const words = foldText(filter.query ?? '')
      .split(/\s+/)
      .filter(Boolean);
    const matchesQuery = (post: Post) => {
      const text = foldText(`${post.title} ${post.body}`);
      return words.every((word) => text.includes(word));
    };
    const matchesAreas = (post: Post) => {
      const wanted = filter.areas ?? [];
      if (wanted.length === 0) return true;
      return filter.match === 'all'
        ? wanted.every((area) => post.areas.includes(area))
        : wanted.some((area) => post.areas.includes(area));
    };
    const matchesCategories = (post: Post) =>
      !filter.categories?.length ||
      (post.category !== null && filter.categories.includes(post.category));
    const matchesDates = (post: Post) => {
      if (!filter.from && !filter.to) return true;
      if (!post.date) return false;
      return (!filter.from || post.date >= filter.from) && (!filter.to || post.date <= filter.to);
    };
    const base = all.filter((post) => matchesQuery(post) && matchesDates(post));
    const shown = base
      .filter((post) => matchesAreas(post) && matchesCategories(post))
      .sort(byNewest);
    const offset = Math.min(window?.offset ?? 0, shown.length);
    const visible = window ? shown.slice(offset, offset + window.limit) : shown;
    const entries = visible.map((post): TimelineEntry => {
      if (words.length === 0) return summary(post);
      const text = post.title;
      const folded = foldText(text);
      const ranges = words
        .map((word) => ({ start: folded.indexOf(word), end: folded.indexOf(word) + word.length }))
        .filter((range) => range.start >= 0);
      return { ...summary(post), score: 1, snippet: { text, ranges } };
    });
    return {
      total: shown.length,
      entries,
      offset,
      ...(words.length === 0 ? { months: monthsOf(shown) } : {}),
      areas: count(base.filter(matchesCategories), (post) => post.areas),
      categories: count(base.filter(matchesAreas), (post) => [post.category]),
      terms: words,
      generation: this.generation,
    };
  }

  async getPost(id: string): Promise<Post | null> {
    return this.posts.get(id) ?? null;
  }

  async findByPermalink(permalink: string): Promise<string | null> {
    const wanted = permalink.replace(/\/$/, '');
    for (const post of this.posts.values()) {
      if (post.permalink && post.permalink.replace(/\/$/, '') === wanted) return post.id;
    }
    return null;
  }

  assetUrl(postId: string, src: string): string {
    return `/api/asset?post=${encodeURIComponent(postId)}&src=${encodeURIComponent(src)}`;
  }

  async openExternal(url: string): Promise<void> {
    this.calls.push({ method: 'openExternal', args: [url] });
  }

  async printToPdf(postId: string): Promise<PrintOutcome> {
    this.calls.push({ method: 'printToPdf', args: [postId] });
    return this.printOutcome;
  }

  async exportDigestPdf(filter: PostFilter): Promise<PrintOutcome> {
    this.calls.push({ method: 'exportDigestPdf', args: [filter] });
    return this.printOutcome;
  }

  async openFolder(): Promise<IndexStatus | null> {
    this.calls.push({ method: 'openFolder', args: [] });
    if (!this.openFolderResult) return null;
    this.posts.clear();
    for (const post of this.openFolderResult.posts) this.posts.set(post.id, post);
    this.status = this.openFolderResult.status;
    return this.status;
  }

  async openRecentFolder(folder: string): Promise<IndexStatus> {
    this.calls.push({ method: 'openRecentFolder', args: [folder] });
    const result = this.recentFolderResults.get(folder);
    if (!result) return this.status;
    this.posts.clear();
    for (const post of result.posts) this.posts.set(post.id, post);
    this.status = result.status;
    return this.status;
  }

  async getRecentFolders(): Promise<readonly string[]> {
    return [...this.recentFolders];
  }

  onDidChangeStatus(listener: (status: IndexStatus) => void): Unsubscribe {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  onDidChangePosts(listener: (event: PostsChangedEvent) => void): Unsubscribe {
    this.postListeners.add(listener);
    return () => this.postListeners.delete(listener);
  }

  onDidInvokeMenuCommand(listener: (command: MenuCommand) => void): Unsubscribe {
    this.menuListeners.add(listener);
    return () => this.menuListeners.delete(listener);
  }

  // ---- Test controls ----

  /** Pushes a new status to subscribers. */
  setStatus(change: Partial<IndexStatus>): void {
    this.status = { ...this.status, ...change };
    for (const listener of this.statusListeners) listener(this.status);
  }

  /** Adds or replaces posts and removes ids, then announces one change batch. */
  change(options: { upsert?: readonly Post[]; remove?: readonly string[] }): void {
    const added: string[] = [];
    const updated: string[] = [];
    for (const post of options.upsert ?? []) {
      (this.posts.has(post.id) ? updated : added).push(post.id);
      this.posts.set(post.id, post);
    }
    const removed = (options.remove ?? []).filter((id) => this.posts.delete(id));
    this.generation += 1;
    this.status = { ...this.status, generation: this.generation, total: this.posts.size };
    const event = { generation: this.generation, added, updated, removed };
    for (const listener of this.postListeners) listener(event);
  }

  /** Sends a menu command as the desktop menu would. */
  invokeMenu(command: MenuCommand): void {
    for (const listener of this.menuListeners) listener(command);
  }
}
