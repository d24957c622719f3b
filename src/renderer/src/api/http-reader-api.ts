import type { IndexStatus, PostsChangedEvent } from '@shared/library-events';
import type { Post } from '@shared/post';
import type { PostFilter, QueryResult, TimelineWindow } from '@shared/query';
import type {
  MenuCommand,
  PrintOutcome,
  ReaderApi,
  ReaderCapabilities,
  Unsubscribe,
} from '@shared/reader-api';

/** Where the page keeps the access token for the rest of the tab's life (reloads included). */
const TOKEN_STORAGE_KEY = 'accord-reader.token';

/** `token=…` inside the fragment, whether it is the whole fragment or one of its parameters. */
const TOKEN_IN_FRAGMENT = /(^|[#?&])token=([A-Za-z0-9_-]+)&?/;

/** Event names of `GET /api/events` (see `src/server/event-stream.ts`). */
const STATUS_EVENT = 'status';
const POSTS_EVENT = 'posts';

const BROWSER_CAPABILITIES: ReaderCapabilities = {
  shell: 'browser',
  printToPdf: false,
  openFolder: false,
};

const BROWSER_PRINT_ONLY: PrintOutcome = {
  kind: 'failed',
  message: 'Saving PDFs is a desktop feature; in the browser use Print',
};

/**
 * The `ReaderApi` over `accord serve`'s HTTP API; the token comes from the page's address.
 *
 * `accord serve` prints `http://127.0.0.1:PORT/#token=…`. The token is read from the fragment
 * (which the browser never sends to any server), kept in `sessionStorage` for reloads, and
 * removed from the visible address at once so it does not end up in bookmarks or screenshots.
 * Call this before anything else reads `location.hash`.
 */
export function createHttpReaderApi(location: Location): ReaderApi {
  const token = takeToken(location);
  const events = new SharedEventSource(`/api/events?token=${encodeURIComponent(token)}`);

  async function call<T>(method: string, body: object): Promise<T> {
    const response = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Accord-Token': token },
      body: JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
    });
    if (!response.ok) throw new Error(`http-reader-api: ${method}: ${await errorText(response)}`);
    return (await response.json()) as T;
  }

  const api: ReaderApi = {
    capabilities: BROWSER_CAPABILITIES,
    getStatus: () => call<IndexStatus>('getStatus', {}),
    query: (filter: PostFilter, window?: TimelineWindow) =>
      call<QueryResult>('query', window ? { filter, window } : { filter }),
    getPost: (id: string) => call<Post | null>('getPost', { id }),
    findByPermalink: (permalink: string) => call<string | null>('findByPermalink', { permalink }),
    assetUrl: (postId: string, src: string) =>
      `/api/asset?${new URLSearchParams({ post: postId, src, token })}`,
    openExternal: async (url: string) => {
      if (!isOpenableAddress(url)) return;
      window.open(url, '_blank', 'noopener,noreferrer');
    },
    // The page prints with `window.print()` in the browser; these are desktop-only.
    printToPdf: async () => BROWSER_PRINT_ONLY,
    exportDigestPdf: async () => BROWSER_PRINT_ONLY,
    openFolder: async () => null,
    // The server reads one folder, chosen on its command line: "reopening" it is all it can do.
    openRecentFolder: () => api.getStatus(),
    getRecentFolders: async () => [],
    onDidChangeStatus: (listener: (status: IndexStatus) => void) =>
      events.subscribe(STATUS_EVENT, listener),
    onDidChangePosts: (listener: (event: PostsChangedEvent) => void) =>
      events.subscribe(POSTS_EVENT, listener),
    // The browser has no application menu.
    onDidInvokeMenuCommand:
      (_listener: (command: MenuCommand) => void): Unsubscribe =>
      () => {},
  };
  return api;
}

/**
 * One `EventSource` for every subscriber, opened with the first subscription and closed with
 * the last. The browser reconnects it by itself after a drop; the server then sends the current
 * status first, so subscribers catch up on what they missed.
 */
class SharedEventSource {
  private source: EventSource | null = null;
  private readonly listeners = new Map<string, Set<(data: never) => void>>();

  constructor(private readonly url: string) {}

  subscribe<T>(name: string, listener: (data: T) => void): Unsubscribe {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
      // An open source needs the new name; a closed one registers every name when it opens.
      this.source?.addEventListener(name, (event) => this.dispatch(name, event));
    }
    const entry = listener as (data: never) => void;
    set.add(entry);
    this.ensureOpen();
    return () => {
      set.delete(entry);
      if ([...this.listeners.values()].every((each) => each.size === 0)) this.close();
    };
  }

  private ensureOpen(): EventSource {
    if (this.source) return this.source;
    const source = new EventSource(this.url);
    for (const name of this.listeners.keys()) {
      source.addEventListener(name, (event) => this.dispatch(name, event));
    }
    this.source = source;
    return source;
  }

  private dispatch(name: string, event: Event): void {
    let data: never;
    try {
      data = JSON.parse((event as MessageEvent<string>).data) as never;
    } catch {
      console.warn(`http-reader-api: ignoring a malformed "${name}" event`);
      return;
    }
    for (const listener of this.listeners.get(name) ?? []) listener(data);
  }

  private close(): void {
    this.source?.close();
    this.source = null;
  }
}

/** Reads the token from the fragment (removing it) or, after a reload, from sessionStorage. */
function takeToken(location: Location): string {
  const match = TOKEN_IN_FRAGMENT.exec(location.hash);
  if (match) {
    const token = match[2] ?? '';
    try {
      sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
    } catch {
      // Storage can be disabled; the token still works for this page's life.
    }
    const rest = location.hash.replace(TOKEN_IN_FRAGMENT, '$1').replace(/[?&]$/, '');
    const hash = rest === '#' || rest === '' ? '' : rest;
    history.replaceState(history.state, '', `${location.pathname}${location.search}${hash}`);
    return token;
  }
  try {
    const stored = sessionStorage.getItem(TOKEN_STORAGE_KEY);
    if (stored) return stored;
  } catch {
    // Fall through: without a token every call answers 401, which the page reports.
  }
  return '';
}

/** Only web and mail addresses leave the app; `javascript:`, `file:` and the like never do. */
function isOpenableAddress(url: string): boolean {
  try {
    return ['http:', 'https:', 'mailto:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

async function errorText(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown };
    if (typeof body.error === 'string') return body.error;
  } catch {
    // Not JSON: fall back to the status line.
  }
  if (response.status === 401)
    return 'the access token is missing or wrong; reopen the address accord serve printed';
  return `${response.status} ${response.statusText}`;
}
