import type { IndexStatus, PostsChangedEvent } from './library-events';
import type { Post } from './post';
import type { PostFilter, QueryResult, TimelineWindow } from './query';

/** Removes a subscription made with one of the `onDid…` methods. */
export type Unsubscribe = () => void;

/** What the running shell can do; the renderer hides controls it cannot honour. */
export interface ReaderCapabilities {
  /** `desktop`: Electron with the preload; `browser`: `accord serve`. */
  readonly shell: 'desktop' | 'browser';
  /** The shell writes PDFs itself (desktop). Otherwise the renderer uses the browser's print. */
  readonly printToPdf: boolean;
  /** A native folder picker is available. */
  readonly openFolder: boolean;
}

/** Result of a print or export request. */
export type PrintOutcome =
  | { readonly kind: 'saved'; readonly path: string }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'failed'; readonly message: string };

/** Commands the desktop menu sends to the page, which knows the open post and filters. */
export const MENU_COMMANDS = [
  'print-to-pdf',
  'print',
  'export-digest',
  'focus-search',
  'toggle-filters',
  'toggle-article',
  'theme-light',
  'theme-dark',
  'theme-system',
  'show-shortcuts',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/**
 * The only way the renderer reaches the outside world. The Electron preload implements it over
 * IPC; browser mode implements it over HTTP and server-sent events.
 */
export interface ReaderApi {
  readonly capabilities: ReaderCapabilities;

  getStatus(): Promise<IndexStatus>;
  /**
   * Filtered, sorted timeline with facet counts: every row, or only the rows in `window` (the
   * total, facets and months always describe the whole result).
   */
  query(filter: PostFilter, window?: TimelineWindow): Promise<QueryResult>;
  /** A whole post, or `null` if it no longer exists. */
  getPost(id: string): Promise<Post | null>;
  /** The post whose front matter `permalink` matches (trailing slash optional), or `null`. */
  findByPermalink(permalink: string): Promise<string | null>;
  /**
   * An address the page may load an image from. `src` is as written in the post (relative to the
   * post, or site-root `/images/x.png`). Remote addresses are never proxied: callers show a
   * placeholder for them instead.
   */
  assetUrl(postId: string, src: string): string;

  /** Opens an `http(s):` or `mailto:` address outside the app. */
  openExternal(url: string): Promise<void>;
  /** Desktop: asks where to save, then writes the article as PDF. */
  printToPdf(postId: string): Promise<PrintOutcome>;
  /** Desktop: a digest PDF of every post the filter shows, in timeline order. */
  exportDigestPdf(filter: PostFilter): Promise<PrintOutcome>;
  /** Desktop: the native folder picker; resolves to the new status, or `null` if cancelled. */
  openFolder(): Promise<IndexStatus | null>;
  openRecentFolder(folder: string): Promise<IndexStatus>;
  getRecentFolders(): Promise<readonly string[]>;

  onDidChangeStatus(listener: (status: IndexStatus) => void): Unsubscribe;
  onDidChangePosts(listener: (event: PostsChangedEvent) => void): Unsubscribe;
  onDidInvokeMenuCommand(listener: (command: MenuCommand) => void): Unsubscribe;
}
