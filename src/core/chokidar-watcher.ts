/**
 * chokidar's watcher, without an `lstat` of every entry each time it lists a folder.
 *
 * Why: chokidar lists a watched folder again whenever its watch hears anything inside it, to find
 * the entries that came or went, and it asks for the full stats of every entry. A post saved in a
 * folder of 3,000 posts cost 3,000 `lstat`s — ~100 ms of CPU on the watcher's thread, up to once a
 * second per folder plus a last listing once the folder is quiet — on the cores the searches
 * share. The listing's own entry types (file, folder, link) are all that chokidar's filters and
 * ours look at, so it asks for directory entries instead; whatever chokidar then decides to
 * watch, it still stats itself, as before.
 */
import type { Dirent, Stats } from 'node:fs';
import { FSWatcher, type ChokidarOptions } from 'chokidar';

type ListingOptions = NonNullable<Parameters<FSWatcher['_readdirp']>[1]>;
type ListingFilter = ListingOptions['fileFilter'];
type ListingEntry = { stats?: Stats; dirent?: Dirent };

/**
 * Hands `filter` each entry with its directory entry where chokidar reads `stats`. A `Dirent`
 * answers `isFile`, `isDirectory` and `isSymbolicLink` as an `lstat` would (`lstat: true`); the
 * rest of `Stats` (times, sizes, mode) is never read from a listing's entries, provided
 * permission errors are ignored (see {@link DirentListingWatcher}).
 */
function withDirentStats(filter: ListingFilter): ListingFilter {
  if (typeof filter !== 'function') return filter;
  return (entry) => {
    const listed = entry as ListingEntry;
    if (listed.stats === undefined && listed.dirent !== undefined) {
      listed.stats = listed.dirent as unknown as Stats;
    }
    return filter(entry);
  };
}

/**
 * An `FSWatcher` whose folder listings carry directory entries, not stats.
 *
 * With `ignorePermissionErrors` off, chokidar reads each listed entry's `mode`, which a `Dirent`
 * lacks: such a watcher lists folders as chokidar does.
 */
class DirentListingWatcher extends FSWatcher {
  override _readdirp(root: string, options?: Partial<ListingOptions>) {
    if (!this.options.ignorePermissionErrors) return super._readdirp(root, options);
    return super._readdirp(root, {
      ...options,
      alwaysStat: false,
      fileFilter: withDirentStats(options?.fileFilter),
      directoryFilter: withDirentStats(options?.directoryFilter),
    });
  }
}

/**
 * Watches `folder` as chokidar's `watch(folder, options)` does, listing folders without a stat
 * per entry. The `ignored` function may be handed a `Dirent` where chokidar's types say `Stats`:
 * only its `isFile`, `isDirectory` and `isSymbolicLink` are to be read.
 *
 * @example
 * const watcher = watchFolder('/posts', { ignoreInitial: true, ignorePermissionErrors: true });
 * watcher.on('all', (event, path) => console.log(event, path));
 */
export function watchFolder(folder: string, options: Partial<ChokidarOptions>): FSWatcher {
  return new DirentListingWatcher(options).add(folder);
}
