import { resolve } from 'node:path';
import type { IndexStatus, PostsChangedEvent } from '@shared/library-events';
import type { Post } from '@shared/post';
import type { PostFilter, QueryResult, TimelineWindow } from '@shared/query';
import type { CheckReport, LibraryService } from '../core/library-service';

/**
 * A `LibraryService` for the server's tests: records what it was asked, answers from fixed data
 * and lets a test push change events. Its `resolveAsset` is deliberately naive (it joins `src`
 * onto the folder without any checks), so the tests prove the server's own path defences.
 */
export class LibraryTestDouble implements LibraryService {
  readonly queries: PostFilter[] = [];
  /** The window of each query, in step with `queries` (`undefined` when none was asked for). */
  readonly windows: (TimelineWindow | undefined)[] = [];
  closed = false;
  private readonly statusListeners = new Set<(status: IndexStatus) => void>();
  private readonly postsListeners = new Set<(event: PostsChangedEvent) => void>();
  private currentStatus: IndexStatus;

  constructor(
    readonly folder: string,
    private readonly posts: readonly Post[] = [],
  ) {
    this.currentStatus = {
      folder,
      folderName: folder.split(/[\\/]/).pop() ?? folder,
      state: 'ready',
      indexed: posts.length,
      total: posts.length,
      polling: false,
      generation: 1,
    };
  }

  get listenerCount(): number {
    return this.statusListeners.size + this.postsListeners.size;
  }

  status(): IndexStatus {
    return this.currentStatus;
  }
  async whenReady(): Promise<void> {}
  async query(filter: PostFilter, window?: TimelineWindow): Promise<QueryResult> {
    this.queries.push(filter);
    this.windows.push(window);
    const offset = Math.min(window?.offset ?? 0, this.posts.length);
    return {
      total: this.posts.length,
      entries: window ? this.posts.slice(offset, offset + window.limit) : this.posts,
      offset,
      areas: [],
      categories: [],
      terms: [],
      generation: this.currentStatus.generation,
    };
  }
  async getPost(id: string): Promise<Post | null> {
    return this.posts.find((post) => post.id === id) ?? null;
  }
  async findByPermalink(permalink: string): Promise<string | null> {
    return this.posts.find((post) => post.permalink === permalink)?.id ?? null;
  }
  async resolveAsset(_postId: string, src: string): Promise<string | null> {
    // `resolve` lets `..` and absolute paths walk anywhere: exactly what the server must catch.
    return resolve(this.folder, src);
  }
  async check(): Promise<CheckReport> {
    return {
      folder: this.folder,
      posts: this.posts.length,
      skipped: [],
      warnings: [],
      duplicates: [],
    };
  }
  onDidChangeStatus(listener: (status: IndexStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }
  onDidChangePosts(listener: (event: PostsChangedEvent) => void): () => void {
    this.postsListeners.add(listener);
    return () => this.postsListeners.delete(listener);
  }
  async close(): Promise<void> {
    this.closed = true;
  }

  /** Simulates the index applying a change: bumps the generation and notifies listeners. */
  emitChange(change: Omit<PostsChangedEvent, 'generation'>): PostsChangedEvent {
    const generation = this.currentStatus.generation + 1;
    this.currentStatus = { ...this.currentStatus, generation };
    const event = { generation, ...change };
    for (const listener of this.postsListeners) listener(event);
    for (const listener of this.statusListeners) listener(this.currentStatus);
    return event;
  }
}
