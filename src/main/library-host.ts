import { basename, resolve } from 'node:path';
import type { LibraryOptions, LibraryService } from '../core/library-service';
import type { IndexStatus, PostsChangedEvent } from '@shared/library-events';
import type { Unsubscribe } from '@shared/reader-api';

/** Where the host sends library events (every window's page). */
export interface LibraryEventSink {
  status(status: IndexStatus): void;
  posts(event: PostsChangedEvent): void;
}

/**
 * Holds the one open folder of the desktop app and switches between folders.
 *
 * The library runs in the main process: `openLibrary` already parses and indexes in worker
 * threads and answers queries from in-memory summaries, so the main thread never blocks on it,
 * and it saves an extra process hop (and its serialisation) on every query.
 */
export class LibraryHost {
  readonly #openLibrary: (options: LibraryOptions) => Promise<LibraryService>;
  readonly #sink: LibraryEventSink;
  #library: LibraryService | null = null;
  #subscriptions: Unsubscribe[] = [];
  #status: IndexStatus = placeholderStatus('', 'indexing');
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    openLibrary: (options: LibraryOptions) => Promise<LibraryService>,
    sink: LibraryEventSink,
  ) {
    this.#openLibrary = openLibrary;
    this.#sink = sink;
  }

  /** The open library, or `null` before the first folder is open or after a failed open. */
  get current(): LibraryService | null {
    return this.#library;
  }

  /** The open library; throws a one-line error if there is none. */
  require(): LibraryService {
    if (!this.#library) throw new Error('library-host: no folder is open');
    return this.#library;
  }

  status(): IndexStatus {
    return this.#library ? this.#library.status() : this.#status;
  }

  /**
   * Opens `folder` (closing the previous one) and resolves with its first status — usually
   * `indexing`; later states arrive as events. Opens run one at a time, in call order. A folder
   * that cannot be opened leaves no folder open and an `error` status.
   */
  open(folder: string): Promise<IndexStatus> {
    const run = this.#queue.then(() => this.#switchTo(resolve(folder)));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Closes the open library (on quit). */
  close(): Promise<void> {
    const run = this.#queue.then(() => this.#closeCurrent());
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #switchTo(folder: string): Promise<IndexStatus> {
    if (this.#library?.folder === folder) return this.#library.status();
    await this.#closeCurrent();
    this.#publish(placeholderStatus(folder, 'indexing'));
    let library: LibraryService;
    try {
      library = await this.#openLibrary({ folder, watch: true });
    } catch (error) {
      const message = (error as Error).message.split('\n')[0] ?? 'cannot open the folder';
      return this.#publish({ ...placeholderStatus(folder, 'error'), message });
    }
    this.#library = library;
    this.#subscriptions = [
      library.onDidChangeStatus((status) => this.#sink.status(status)),
      library.onDidChangePosts((event) => this.#sink.posts(event)),
    ];
    return this.#publish(library.status());
  }

  async #closeCurrent(): Promise<void> {
    const library = this.#library;
    if (!library) return;
    this.#subscriptions.forEach((unsubscribe) => unsubscribe());
    this.#subscriptions = [];
    this.#library = null;
    this.#status = placeholderStatus(library.folder, 'indexing');
    await library.close();
  }

  #publish(status: IndexStatus): IndexStatus {
    this.#status = status;
    this.#sink.status(status);
    return status;
  }
}

function placeholderStatus(folder: string, state: IndexStatus['state']): IndexStatus {
  return {
    folder,
    folderName: folder ? basename(folder) : '',
    state,
    indexed: 0,
    total: 0,
    polling: false,
    generation: 0,
  };
}
