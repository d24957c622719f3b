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
 * A folder that appears inside a watched one (a `git pull` or a sync adding `_posts/2026/`) is
 * watched too, then read, so posts written into it before its watch began are found as well; a
 * watched folder that vanishes is reported, so its posts go. What it leaves to the real watcher:
 * folders that appear where no post can be (in a Jekyll site, a new `_posts` folder outside the
 * existing ones), folders reached through links, and changes behind links to files. It is a
 * bridge, not a watcher.
 */
import { watch, type Dirent, type FSWatcher } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { hasPostExtension, isIgnoredFolderName } from './post-candidates';
import { SettleTimer } from './settle-timer';

/** What a settled batch of events may have changed. */
export interface InterimChanges {
  /** Post files (relative, forward slashes) created, changed or deleted. */
  readonly paths: ReadonlySet<string>;
  /** Watched folders (relative) that vanished: every post below them is gone. */
  readonly removedFolders: ReadonlySet<string>;
}

export interface InterimFolderWatchOptions {
  /** The posts folder (absolute). */
  readonly folder: string;
  /** Folders to watch, relative to `folder` with forward slashes (`''` is the folder itself). */
  readonly folders: readonly string[];
  /** What changed, a settled batch at a time. */
  readonly onChanges: (changes: InterimChanges) => void;
  /**
   * Whether files directly in this folder (relative) may be posts. A folder that appears inside a
   * watched one is watched and read only if so; by default none is.
   */
  readonly canHoldPosts?: (relativeFolder: string) => boolean;
  /** More folders than this are not watched at all (default 1,000): the real watcher is near. */
  readonly maxFolders?: number;
}

/** Watches and their handles are cheap, yet a folder per post would be tens of thousands. */
const DEFAULT_MAX_FOLDERS = 1000;

export class InterimFolderWatch {
  /** Each watched folder (relative) and its watch. */
  private readonly watches = new Map<string, FSWatcher>();
  private pendingPaths = new Set<string>();
  /** Names that are not post files, to look at once settled: new folders, or vanished ones. */
  private pendingEntries = new Set<string>();
  private readonly settle = new SettleTimer(() => void this.flush(), {
    quietMs: 50,
    maxWaitMs: 250,
  });
  private readonly maxFolders: number;
  private closed = false;

  constructor(private readonly options: InterimFolderWatchOptions) {
    this.maxFolders = options.maxFolders ?? DEFAULT_MAX_FOLDERS;
  }

  /** How many folders are watched (0 when there were too many, or none could be). */
  get watchedFolders(): number {
    return this.watches.size;
  }

  start(): void {
    const { folders } = this.options;
    if (folders.length > this.maxFolders) return;
    for (const relativeFolder of folders) this.watchFolder(relativeFolder);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.settle.cancel();
    for (const watcher of this.watches.values()) watcher.close();
    this.watches.clear();
  }

  /** Watches one folder; false when it cannot be watched (gone, unreadable, out of watches). */
  private watchFolder(relativeFolder: string): boolean {
    try {
      const watcher = watch(join(this.options.folder, relativeFolder), (_event, name) =>
        this.record(relativeFolder, name),
      );
      // A folder removed or unreadable later: its watch ends; the real watcher takes over.
      watcher.on('error', () => this.unwatch(relativeFolder, watcher));
      // Like the real watcher's thread, these watches keep no process alive.
      watcher.unref();
      this.watches.set(relativeFolder, watcher);
      return true;
    } catch {
      return false;
    }
  }

  private unwatch(relativeFolder: string, watcher: FSWatcher): void {
    watcher.close();
    if (this.watches.get(relativeFolder) === watcher) this.watches.delete(relativeFolder);
  }

  private record(relativeFolder: string, name: string | Buffer | null): void {
    // No name (some systems) or an odd one: the real watcher's catch-up scan will find it.
    if (this.closed || typeof name !== 'string' || name.includes('/') || name.includes('\\')) {
      return;
    }
    const path = relativeFolder ? `${relativeFolder}/${name}` : name;
    if (hasPostExtension(name)) this.pendingPaths.add(path);
    else if (!isIgnoredFolderName(name) && (this.watches.has(path) || this.canHoldPosts(path))) {
      this.pendingEntries.add(path);
    } else return;
    this.settle.poke();
  }

  private canHoldPosts(relativeFolder: string): boolean {
    return this.options.canHoldPosts?.(relativeFolder) ?? false;
  }

  private async flush(): Promise<void> {
    if (this.closed) return;
    const paths = this.pendingPaths;
    const entries = this.pendingEntries;
    this.pendingPaths = new Set();
    this.pendingEntries = new Set();
    const removedFolders = new Set<string>();
    for (const entry of entries) await this.look(entry, paths, removedFolders);
    if (this.closed || (paths.size === 0 && removedFolders.size === 0)) return;
    this.options.onChanges({ paths, removedFolders });
  }

  /**
   * A name heard that is not a post file: a folder that appeared is watched, then read (so files
   * written before its watch began are found), and so are the folders inside it; a watched folder
   * that vanished is reported with its watch and those below it ended.
   */
  private async look(
    relativePath: string,
    paths: Set<string>,
    removedFolders: Set<string>,
  ): Promise<void> {
    let isFolder: boolean;
    try {
      // `lstat`: a link to a folder is the real watcher's (it checks where the link leads).
      isFolder = (await lstat(join(this.options.folder, relativePath))).isDirectory();
    } catch {
      isFolder = false;
    }
    if (this.closed) return;
    if (!isFolder) {
      if (this.watches.has(relativePath)) this.forgetFolder(relativePath, removedFolders);
      return;
    }
    if (!this.watches.has(relativePath)) {
      if (this.watches.size >= this.maxFolders || !this.watchFolder(relativePath)) return;
    }
    let names: Dirent[];
    try {
      names = await readdir(join(this.options.folder, relativePath), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of names) {
      if (this.closed) return;
      const path = `${relativePath}/${entry.name}`;
      if (entry.isFile() || entry.isSymbolicLink()) {
        if (hasPostExtension(entry.name)) paths.add(path);
      } else if (
        entry.isDirectory() &&
        !isIgnoredFolderName(entry.name) &&
        this.canHoldPosts(path)
      ) {
        await this.look(path, paths, removedFolders);
      }
    }
  }

  /** Ends the watches of `relativeFolder` and of every watched folder below it. */
  private forgetFolder(relativeFolder: string, removedFolders: Set<string>): void {
    removedFolders.add(relativeFolder);
    for (const [folder, watcher] of this.watches) {
      if (folder === relativeFolder || folder.startsWith(`${relativeFolder}/`)) {
        this.unwatch(folder, watcher);
      }
    }
  }
}
