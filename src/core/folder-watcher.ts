/**
 * Watches a posts folder with chokidar and hands the library batches of changed paths.
 *
 * Why batches: a `git checkout` or a sync tool touches hundreds of files at once; indexing them in
 * one request per batch is far cheaper than one per event, and a burst becomes one update of the
 * views. Why stat at apply time instead of trusting event names: an atomic save (write a temporary
 * file, rename it over the post) arrives as unlink+add or change depending on the OS, and the
 * library only needs to know which paths to look at again.
 *
 * Why it watches folders, not files: chokidar would open a watch per file (a `stat` and an
 * `fs.watch` each: at 10,000 posts 1.2 s of CPU and ~60 MB, at 100,000 ten times that, and one
 * OS watch each against the user's limit), yet a folder's own watch already hears about every
 * file in it, by name: created, changed, renamed, deleted. So files are left out of chokidar's
 * walk and those raw folder events name the paths to look at again. (Links to files are the
 * exception: a change behind a link is not a change in the folder, so chokidar watches them.)
 * While polling, which has no folder events to name files, chokidar watches files as before.
 *
 * Why it never enters a folder reached through a symbolic link: chokidar follows links without
 * remembering which real folders it has entered, so a link back to an ancestor (`_posts/a -> .`)
 * makes it walk `_posts/a/a/a/…` for ever, and each level reports the same posts again. Posts
 * inside linked folders are read by full scans (start,
 * reconcile, rescans), which refuse loops, but changes inside them are not seen live.
 */
import { lstatSync, realpathSync, type Stats } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import type { ChokidarOptions } from 'chokidar';
import { watchFolder } from './chokidar-watcher';
import { NewFolderSweeper } from './new-folder-sweeper';
import { hasPostExtension, isIgnoredFolderName, JEKYLL_POSTS_FOLDER } from './post-candidates';
import { scanFolder, type ScanResult } from './scanner';
import { SettleTimer } from './settle-timer';

/** The part of chokidar's `FSWatcher` the library uses, so tests can inject their own. */
export interface WatcherLike {
  on(event: 'all', listener: (eventName: string, path: string) => void): unknown;
  /** What the OS reported to the watch on `details.watchedPath` about `path` (a name inside it). */
  on(
    event: 'raw',
    listener: (eventName: string, path: string | null, details: RawEventDetails) => void,
  ): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  on(event: 'ready', listener: () => void): unknown;
  /** Watches more paths (absolute). */
  add(paths: string[]): unknown;
  /** Every folder watched (absolute path) with the names inside it. */
  getWatched(): Record<string, string[]>;
  close(): Promise<void>;
}

export interface RawEventDetails {
  readonly watchedPath?: string;
}

/** Creates a watcher; the default is chokidar's `watch`. */
export type WatcherFactory = (folder: string, options: ChokidarOptions) => WatcherLike;

export const chokidarWatcherFactory: WatcherFactory = (folder, options) =>
  watchFolder(folder, options) as unknown as WatcherLike;

/** What `ignored` reads of the stats chokidar hands it (a `Dirent` from a folder listing). */
type EntryKind = Pick<Stats, 'isFile' | 'isDirectory' | 'isSymbolicLink'>;

/** Paths (relative, forward slashes) to look at again. */
export interface WatchBatch {
  readonly paths: ReadonlySet<string>;
  /** Folders removed: every known post below them must be checked. */
  readonly removedFolders: ReadonlySet<string>;
  /** Something changed that needs a full rescan (a `_posts` folder came or went, fallback). */
  readonly rescan: boolean;
}

export interface FolderWatcherOptions {
  readonly folder: string;
  readonly factory?: WatcherFactory;
  /** Quiet time after the last event before a batch is handed over. */
  readonly debounceMs?: number;
  /** A continuous stream of events is still handed over at least this often. */
  readonly maxWaitMs?: number;
  /** Poll interval once the OS has run out of watches. */
  readonly pollingIntervalMs?: number;
  readonly onBatch: (batch: WatchBatch) => void;
  /** The OS ran out of file watches; the watcher now polls. */
  readonly onPolling: (message: string) => void;
  /**
   * The watcher has walked the folder and reports every change from now on (again after falling
   * back to polling). Changes made before that moment may have been missed: `scan` is the folder
   * as it was right after (absent if it could not be read), for the library to compare.
   */
  readonly onReady?: (scan?: ScanResult) => void;
}

const OUT_OF_WATCHES = new Set(['ENOSPC', 'EMFILE']);

/**
 * A burst of at least this many events may have overflowed the kernel's event queue (inotify
 * drops events silently once 16,384 are pending, e.g. while the host thread is busy indexing the
 * first ones). After such a burst settles, the whole folder is rescanned once.
 */
const BURST_RESCAN_EVENTS = 1000;
/** Quiet time that ends a burst. */
const BURST_SETTLE_MS = 1000;

export class FolderWatcher {
  private watcher: WatcherLike | null = null;
  private pendingPaths = new Set<string>();
  private pendingFolders = new Set<string>();
  private pendingRescan = false;
  private closed = false;
  private usingPolling = false;
  private readonly settle: SettleTimer;
  private burstEvents = 0;
  private burstTimer: NodeJS.Timeout | null = null;
  private readonly sweeper: NewFolderSweeper;
  /**
   * Paths chokidar has shown as symbolic links. Knowing them spares an `lstat` of every post
   * file in the first walk (10,000 system calls on the watcher's thread while a reader searches).
   */
  private readonly linksSeen = new Set<string>();

  constructor(private readonly options: FolderWatcherOptions) {
    this.settle = new SettleTimer(() => this.flush(), {
      quietMs: options.debounceMs ?? 50,
      maxWaitMs: options.maxWaitMs ?? 250,
    });
    this.sweeper = new NewFolderSweeper({
      folder: options.folder,
      watchedFolders: () => new Set(Object.keys(this.watcher?.getWatched() ?? {})),
      watch: (folders) => this.watcher?.add(folders),
      // A full scan lists the folders it entered through links too; the watcher stays out of them.
      watchable: (folder) => !isReachedThroughLink(options.folder, folder),
      onFound: ({ paths, postsFolderAppeared }) => {
        if (this.closed) return;
        for (const path of paths) this.pendingPaths.add(path);
        if (postsFolderAppeared) this.pendingRescan = true;
        this.schedule();
      },
    });
  }

  get polling(): boolean {
    return this.usingPolling;
  }

  start(): void {
    this.watcher = this.create(false);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.sweeper.close();
    this.settle.cancel();
    if (this.burstTimer) clearTimeout(this.burstTimer);
    const watcher = this.watcher;
    this.watcher = null;
    await watcher?.close();
  }

  private create(usePolling: boolean): WatcherLike {
    const factory = this.options.factory ?? chokidarWatcherFactory;
    const watcher = factory(this.options.folder, {
      ignoreInitial: true,
      // Links to files are followed (the library checks that each one stays inside the folder);
      // links to folders are not entered at all, see `isIgnored`.
      followSymlinks: true,
      ignorePermissionErrors: true,
      // Editors that delete then re-create a file within 100 ms report one change, not a
      // removal followed by an addition (which would make the post blink out of the list).
      atomic: !usePolling,
      usePolling,
      interval: this.options.pollingIntervalMs ?? 1000,
      binaryInterval: this.options.pollingIntervalMs ?? 1000,
      ignored: (path, stats) => this.isIgnored(path, stats, usePolling),
    });
    watcher.on('all', (eventName, path) => this.record(eventName, path));
    if (!usePolling) {
      watcher.on('raw', (_eventName, name, details) => this.recordRaw(name, details));
    }
    watcher.on('error', (error) => void this.handleError(error, watcher));
    watcher.on('ready', () => void this.handleReady(watcher));
    return watcher;
  }

  /**
   * The first walk is over. A folder created while the walk read its parent was never watched
   * (see `new-folder-sweeper.ts`): the scan that follows finds such folders, and they are watched
   * and swept before the library compares the scan with its records.
   */
  private async handleReady(watcher: WatcherLike): Promise<void> {
    const current = () => !this.closed && this.watcher === watcher;
    if (!current()) return;
    const scan = await scanFolder(this.options.folder).catch(() => undefined);
    if (!current()) return;
    if (scan && this.sweeper.adopt(scan.folders)) {
      this.pendingRescan = true;
      this.schedule();
    }
    this.options.onReady?.(scan);
  }

  /** `path` (absolute, from chokidar) relative to the folder, with forward slashes. */
  private relative(path: string): string {
    // chokidar builds every path by joining names onto the folder it was given: strip it without
    // `path.relative`, which resolves both paths again (tens of ms per 10,000 files).
    const folder = this.options.folder;
    if (path.startsWith(folder) && path.charAt(folder.length) === sep && !folder.endsWith(sep)) {
      const rest = path.slice(folder.length + 1);
      return sep === '/' ? rest : rest.split(sep).join('/');
    }
    return relative(folder, path).split(sep).join('/');
  }

  private isIgnored(path: string, stats: EntryKind | undefined, polling: boolean): boolean {
    const relativePath = this.relative(path);
    if (relativePath === '' || relativePath.startsWith('..')) return false;
    const segments = relativePath.split('/');
    const name = segments.pop()!;
    if (segments.some(isIgnoredFolderName)) return true;
    // chokidar's walk hands `lstat` results: a link shows as one. It then asks again with the
    // followed stats of what it is about to watch, where a link to a file looks like the file.
    if (stats?.isSymbolicLink()) this.linksSeen.add(path);
    // Files are heard through their folder's watch, but for links and while polling (see above).
    // A file never seen as a link is not one: chokidar only follows what its walk let through.
    if (stats?.isFile()) return !hasPostExtension(name) || (!polling && !this.linksSeen.has(path));
    if (isIgnoredFolderName(name)) return true;
    // chokidar hands the followed stats of what it is about to enter (see the module comment).
    return stats?.isDirectory() === true && isSymbolicLink(path);
  }

  private record(eventName: string, path: string): void {
    if (this.closed) return;
    const relativePath = this.relative(path);
    if (relativePath.startsWith('..')) return;
    const name = relativePath.split('/').pop() ?? '';
    if (eventName === 'addDir' || eventName === 'unlinkDir') {
      // Whether a site has `_posts` folders decides which files count at all.
      if (name === JEKYLL_POSTS_FOLDER || relativePath === '') this.pendingRescan = true;
      if (eventName === 'unlinkDir') this.pendingFolders.add(relativePath);
      else if (relativePath !== '') this.sweeper.sweep([relativePath]);
    } else {
      this.pendingPaths.add(relativePath);
    }
    this.noteBurst();
    this.schedule();
  }

  /**
   * A folder's watch heard about a name inside it. Only post files matter here: folders come and
   * go through chokidar's own `addDir`/`unlinkDir`, which `record` handles.
   */
  private recordRaw(name: string | null, details: RawEventDetails): void {
    if (this.closed || !details.watchedPath) return;
    const folder = this.relative(details.watchedPath);
    if (folder.startsWith('..')) return;
    if (!name) {
      // Some systems do not say which file: look at the whole folder again.
      this.sweeper.sweep([folder]);
      return;
    }
    if (name.includes('/') || name.includes(sep) || !hasPostExtension(name)) return;
    this.pendingPaths.add(folder ? `${folder}/${name}` : name);
    this.noteBurst();
    this.schedule();
  }

  /** Counts events until the folder is quiet; a large burst ends with one full rescan. */
  private noteBurst(): void {
    this.burstEvents += 1;
    if (this.burstTimer) clearTimeout(this.burstTimer);
    this.burstTimer = setTimeout(() => {
      this.burstTimer = null;
      const large = this.burstEvents >= BURST_RESCAN_EVENTS;
      this.burstEvents = 0;
      if (large && !this.closed) {
        this.pendingRescan = true;
        this.schedule();
      }
    }, BURST_SETTLE_MS);
  }

  private schedule(): void {
    this.settle.poke();
  }

  private flush(): void {
    if (this.closed) return;
    const batch: WatchBatch = {
      paths: this.pendingPaths,
      removedFolders: this.pendingFolders,
      rescan: this.pendingRescan,
    };
    this.pendingPaths = new Set();
    this.pendingFolders = new Set();
    this.pendingRescan = false;
    this.options.onBatch(batch);
  }

  private async handleError(error: unknown, source: WatcherLike): Promise<void> {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (this.closed || source !== this.watcher || !code || !OUT_OF_WATCHES.has(code)) return;
    // The OS has no watches left for this folder: fall back to polling, which always works.
    this.usingPolling = true;
    this.watcher = null;
    await source.close().catch(() => undefined);
    if (this.closed) return;
    this.watcher = this.create(true);
    this.options.onPolling(
      `The system ran out of file watches (${code}); checking the folder for changes every second instead.`,
    );
    // Changes may have been missed while the old watcher was failing.
    this.pendingRescan = true;
    this.schedule();
  }
}

/** Whether `path` itself is a symbolic link; if it cannot be read, chokidar reports that. */
function isSymbolicLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Whether reaching `folder` (absolute, below `root`) goes through a symbolic link: its real path
 * is then not the root's real path followed by the same names. If either cannot be read, no.
 */
function isReachedThroughLink(root: string, folder: string): boolean {
  try {
    const expected = resolve(realpathSync(root), relative(root, folder));
    return realpathSync(folder) !== expected;
  } catch {
    return false;
  }
}
