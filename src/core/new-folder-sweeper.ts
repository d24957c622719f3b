/**
 * Closes a gap in chokidar: it reads a folder that appears and only then starts watching it
 * (paulmillr/chokidar#1112, #1471), so a file or folder created in between is never reported. A
 * `mkdir -p` followed by a burst of writes, an unzip, or the first save into a new folder all land
 * in that gap now and then, and the posts would be missing until something else touched their
 * folder.
 *
 * So each folder that appears is read again ("swept") once chokidar should be watching it, and once
 * more a little later; any file new or changed since the last look is reported, and any folder
 * below it that chokidar does not know is handed to chokidar. Sweeping goes on, a few rounds at
 * most, while the last round still found something.
 *
 * @example
 * const sweeper = new NewFolderSweeper({ folder, isWatched, watch, onFound });
 * watcher.on('addDir', (path) => sweeper.sweep([relative(folder, path)]));
 */
import { basename, resolve } from 'node:path';
import { JEKYLL_POSTS_FOLDER } from './post-candidates';
import { scanFolder, type ScanResult } from './scanner';

export interface NewFolderSweeperOptions {
  /** The watched root; swept folders are relative to it. */
  readonly folder: string;
  /** The absolute paths of the folders the watcher watches now (chokidar's `getWatched()` keys). */
  readonly watchedFolders: () => ReadonlySet<string>;
  /** Asks the watcher to watch these absolute folder paths. */
  readonly watch: (absoluteFolders: string[]) => void;
  /**
   * Whether the watcher would watch this absolute folder path; the default is yes. A folder it
   * stays out of (one reached through a symbolic link) is never handed to it nor counted as new,
   * so it does not make every sweep look as if it had found something.
   */
  readonly watchable?: (absoluteFolder: string) => boolean;
  /** What a round found: files to look at again, and whether a `_posts` folder was among the new. */
  readonly onFound: (found: SweepFindings) => void;
  /** Delay before each round; the length is the most rounds one sweep makes. */
  readonly roundDelaysMs?: readonly number[];
  /** Reads one folder; the default is {@link scanFolder}. */
  readonly scan?: (absoluteFolder: string) => Promise<ScanResult>;
}

export interface SweepFindings {
  /** Post-candidate files (relative, forward slashes) that are new or changed since the last look. */
  readonly paths: readonly string[];
  /** A `_posts` folder was found that the watcher did not know: the site's rules may change. */
  readonly postsFolderAppeared: boolean;
}

/**
 * The first round waits for chokidar to finish reading the new folder and watch it (milliseconds,
 * but more on a loaded machine); the second catches what a slow first round still missed. Later
 * rounds run only while the previous one found something.
 */
const DEFAULT_ROUND_DELAYS_MS: readonly number[] = [100, 1000, 1000, 2000, 4000];
/** Rounds that always run, whatever the earlier rounds found. */
const ALWAYS_RUN_ROUNDS = 2;

interface Sweep {
  readonly folders: string[];
  /** `size:mtime` of every file seen so far, so later rounds report only what changed. */
  readonly seen: Map<string, string>;
  round: number;
}

export class NewFolderSweeper {
  /** Folders waiting for a first round that has not started yet. */
  private gathering: Sweep | null = null;
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;
  private readonly roundDelaysMs: readonly number[];

  constructor(private readonly options: NewFolderSweeperOptions) {
    this.roundDelaysMs = options.roundDelaysMs ?? DEFAULT_ROUND_DELAYS_MS;
  }

  /**
   * Of these folders (relative to the root), hands those the watcher does not know to it and
   * sweeps them. For the folders a full scan found right after the watcher's first walk: anything
   * created while that walk read its parent was missed.
   *
   * @returns whether a `_posts` folder was among them.
   */
  adopt(folders: readonly string[]): boolean {
    const unwatched = this.unwatched(folders);
    if (unwatched.length === 0) return false;
    this.options.watch(unwatched.map((folder) => resolve(this.options.folder, folder)));
    this.sweep(unwatched);
    return unwatched.some((folder) => basename(folder) === JEKYLL_POSTS_FOLDER);
  }

  /** Sweeps these folders (relative to the root; `''` is the root) in rounds from now on. */
  sweep(folders: readonly string[]): void {
    if (this.closed || folders.length === 0) return;
    // Folders that appear together (a burst) share their rounds.
    if (this.gathering) {
      this.gathering.folders.push(...folders);
      return;
    }
    this.gathering = { folders: [...folders], seen: new Map(), round: 0 };
    this.schedule(this.gathering);
  }

  close(): void {
    this.closed = true;
    this.gathering = null;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(sweep: Sweep): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.gathering === sweep) this.gathering = null;
      void this.runRound(sweep);
    }, this.roundDelaysMs[sweep.round]);
    this.timers.add(timer);
  }

  private async runRound(sweep: Sweep): Promise<void> {
    if (this.closed) return;
    const folders = outermost(sweep.folders);
    const paths: string[] = [];
    const found: string[] = [];
    for (const folder of folders) {
      const absolute = resolve(this.options.folder, folder);
      // Gone again, or unreadable: the watcher reports what it can of that.
      const scan = await (this.options.scan ?? scanFolder)(absolute).catch(() => null);
      if (this.closed) return;
      if (!scan) continue;
      for (const file of scan.files) {
        const path = folder ? `${folder}/${file.relativePath}` : file.relativePath;
        const signature = `${file.size}:${file.mtimeMs}`;
        if (sweep.seen.get(path) === signature) continue;
        sweep.seen.set(path, signature);
        paths.push(path);
      }
      found.push(...scan.folders.map((below) => (folder ? `${folder}/${below}` : below)));
    }
    const unwatched = this.unwatched(found);
    if (unwatched.length > 0) {
      this.options.watch(unwatched.map((folder) => resolve(this.options.folder, folder)));
    }
    // The first round reports every file: chokidar may have missed any of them.
    if (paths.length > 0 || unwatched.length > 0) {
      this.options.onFound({
        paths,
        postsFolderAppeared: unwatched.some((folder) => basename(folder) === JEKYLL_POSTS_FOLDER),
      });
    }
    sweep.round += 1;
    if (sweep.round >= this.roundDelaysMs.length) return;
    if (sweep.round < ALWAYS_RUN_ROUNDS || paths.length > 0 || unwatched.length > 0) {
      this.schedule(sweep);
    }
  }

  private unwatched(folders: readonly string[]): string[] {
    if (folders.length === 0) return [];
    const watched = this.options.watchedFolders();
    const watchable = this.options.watchable ?? (() => true);
    return folders.filter((folder) => {
      const absolute = resolve(this.options.folder, folder);
      return !watched.has(absolute) && watchable(absolute);
    });
  }
}

/** The folders not inside another one of the list: sweeping those covers the rest. */
function outermost(folders: readonly string[]): string[] {
  const all = new Set(folders);
  if (all.has('')) return [''];
  return [...all].filter((folder) => {
    const segments = folder.split('/');
    for (let depth = 1; depth < segments.length; depth += 1) {
      if (all.has(segments.slice(0, depth).join('/'))) return false;
    }
    return true;
  });
}
