/**
 * Hears post files change from the moment the first index is ready until the real watcher
 * (chokidar, `folder-watcher.ts`) has walked the folder and caught up.
 *
 * Why: the real watcher starts a while after the index is ready, because its walk lists every
 * file (~0.25 s of CPU at 10,000 posts) and its catch-up scan stats every file, on the cores the
 * reader's first searches need. Without this, a post saved in the first seconds after an open
 * would show only after that catch-up, ~2 s later. Here one plain `fs.watch` per folder the open's
 * scan found costs a system call each and no walk: the folder's own watch names every file
 * created, changed, renamed or deleted in it.
 *
 * What it leaves to the real watcher: folders created or removed meanwhile (their files are found
 * by the catch-up scan), and changes behind links to files. It is a bridge, not a watcher.
 */
import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { hasPostExtension } from './post-candidates';
import { SettleTimer } from './settle-timer';

export interface InterimFolderWatchOptions {
  /** The posts folder (absolute). */
  readonly folder: string;
  /** Folders to watch, relative to `folder` with forward slashes (`''` is the folder itself). */
  readonly folders: readonly string[];
  /** Paths of post files (relative, forward slashes) that changed, a settled batch at a time. */
  readonly onPaths: (paths: ReadonlySet<string>) => void;
  /** More folders than this are not watched at all (default 1,000): the real watcher is near. */
  readonly maxFolders?: number;
}

/** Watches and their handles are cheap, yet a folder per post would be tens of thousands. */
const DEFAULT_MAX_FOLDERS = 1000;

export class InterimFolderWatch {
  private readonly watches: FSWatcher[] = [];
  private pending = new Set<string>();
  private readonly settle = new SettleTimer(() => this.flush(), { quietMs: 50, maxWaitMs: 250 });
  private closed = false;

  constructor(private readonly options: InterimFolderWatchOptions) {}

  /** How many folders are watched (0 when there were too many, or none could be). */
  get watchedFolders(): number {
    return this.watches.length;
  }

  start(): void {
    const { folder, folders } = this.options;
    if (folders.length > (this.options.maxFolders ?? DEFAULT_MAX_FOLDERS)) return;
    for (const relativeFolder of folders) {
      try {
        const watcher = watch(join(folder, relativeFolder), (_event, name) =>
          this.record(relativeFolder, name),
        );
        // A folder removed or unreadable later: its watch ends; the real watcher takes over.
        watcher.on('error', () => watcher.close());
        // Like the real watcher's thread, these watches keep no process alive.
        watcher.unref();
        this.watches.push(watcher);
      } catch {
        // Gone since the scan, unreadable, or out of OS watches: left to the real watcher.
      }
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.settle.cancel();
    for (const watcher of this.watches.splice(0)) watcher.close();
  }

  private record(relativeFolder: string, name: string | Buffer | null): void {
    // No name (some systems) or an odd one: the real watcher's catch-up scan will find it.
    if (this.closed || typeof name !== 'string' || name.includes('/') || name.includes('\\')) {
      return;
    }
    if (!hasPostExtension(name)) return;
    this.pending.add(relativeFolder ? `${relativeFolder}/${name}` : name);
    this.settle.poke();
  }

  private flush(): void {
    if (this.closed || this.pending.size === 0) return;
    const paths = this.pending;
    this.pending = new Set();
    this.options.onPaths(paths);
  }
}
