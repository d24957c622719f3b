import { basename, resolve } from 'node:path';
import type { LibraryOptions, LibraryService } from '../core/library-service';
import type { IndexStatus, PostsChangedEvent } from '@shared/library-events';
import type { Unsubscribe } from '@shared/reader-api';
import { aliasesFileProblem } from './aliases-file-problem';

/** Where the host sends library events (every window's page). */
export interface LibraryEventSink {
  status(status: IndexStatus): void;
  posts(event: PostsChangedEvent): void;
}

/** How the host treats the person's own area alias table. */
export interface LibraryHostOptions {
  /** The alias file to open folders with, `null` for the built-in names. */
  readonly aliasesFile?: string | null;
  /** Why a file cannot be used (one line), or `null` if it can. Defaults to reading it. */
  readonly aliasesFileProblem?: (file: string) => string | null;
  /**
   * Told when the alias file cannot be used at an open; the folder then opens with the built-in
   * names instead of failing, and nothing else changes.
   */
  readonly onAliasesFileProblem?: (problem: string) => void;
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
  #aliasesFile: string | null;
  /** The alias file the open library was asked for (it may have fallen back to built-in names). */
  #openedWithAliases: string | null = null;
  readonly #aliasesFileProblem: (file: string) => string | null;
  readonly #onAliasesFileProblem: (problem: string) => void;

  constructor(
    openLibrary: (options: LibraryOptions) => Promise<LibraryService>,
    sink: LibraryEventSink,
    options: LibraryHostOptions = {},
  ) {
    this.#openLibrary = openLibrary;
    this.#sink = sink;
    this.#aliasesFile = options.aliasesFile ?? null;
    this.#aliasesFileProblem = options.aliasesFileProblem ?? aliasesFileProblem;
    this.#onAliasesFileProblem = options.onAliasesFileProblem ?? (() => undefined);
  }

  /** The alias file folders are opened with, `null` for the built-in names. */
  get aliasesFile(): string | null {
    return this.#aliasesFile;
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
    const run = this.#queue.then(() => this.#switchTo(resolve(folder), false));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Uses `file` (or the built-in names, for `null`) from now on and reopens the open folder — or
   * the one that last failed to open — so its areas change at once. The file is read again even
   * if it is the same one, so an edited table takes effect. With `reopen: false` the next
   * {@link open} uses it instead (a launch that also names a folder). Resolves with the new
   * status, or `null` when nothing was reopened. Queued with the opens.
   */
  useAliasesFile(
    file: string | null,
    options: { readonly reopen?: boolean } = {},
  ): Promise<IndexStatus | null> {
    const run = this.#queue.then(() => {
      this.#aliasesFile = file;
      const folder = this.#library?.folder ?? this.#status.folder;
      return folder && options.reopen !== false ? this.#switchTo(folder, true) : null;
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Closes the open library (on quit). */
  close(): Promise<void> {
    const run = this.#queue.then(() => this.#closeCurrent());
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #switchTo(folder: string, reload: boolean): Promise<IndexStatus> {
    if (
      !reload &&
      this.#library?.folder === folder &&
      this.#openedWithAliases === this.#aliasesFile
    ) {
      return this.#library.status();
    }
    await this.#closeCurrent();
    this.#publish(placeholderStatus(folder, 'indexing'));
    const aliasesFile = this.#usableAliasesFile();
    let library: LibraryService;
    try {
      library = await this.#openLibrary(
        aliasesFile === null ? { folder, watch: true } : { folder, watch: true, aliasesFile },
      );
    } catch (error) {
      const message = (error as Error).message.split('\n')[0] ?? 'cannot open the folder';
      return this.#publish({ ...placeholderStatus(folder, 'error'), message });
    }
    this.#library = library;
    this.#openedWithAliases = this.#aliasesFile;
    this.#subscriptions = [
      library.onDidChangeStatus((status) => this.#sink.status(status)),
      library.onDidChangePosts((event) => this.#sink.posts(event)),
    ];
    return this.#publish(library.status());
  }

  /**
   * The alias file if it can be read as a table now; otherwise the problem is reported and the
   * built-in names are used, because a folder that opens with standard areas is better than one
   * that does not open at all (the library refuses a bad table outright).
   */
  #usableAliasesFile(): string | null {
    const file = this.#aliasesFile;
    if (file === null) return null;
    const problem = this.#aliasesFileProblem(file);
    if (problem === null) return file;
    this.#onAliasesFileProblem(problem);
    return null;
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
