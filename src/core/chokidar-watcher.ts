/**
 * chokidar's watcher, with a cheaper listing of the folders it watches.
 *
 * Why: chokidar lists a watched folder again whenever its watch hears anything inside it, to find
 * the entries that came or went. Its listing (`readdirp`) stats every entry and resolves its path
 * twice over: a post saved in a folder of 3,334 posts cost ~100–150 ms of CPU on the watcher's
 * thread (~1 s in a folder of 33,000), up to once a second per folder plus a last listing once the
 * folder is quiet, on the cores the searches share. The listing here reads the folder's entries
 * with their types (file, folder, link), which is all that chokidar's filters and ours look at,
 * and lets the thread answer other events every {@link LISTING_SLICE} entries: without a system
 * call per entry to wait for, a listing would otherwise hold the thread until it is done, and
 * changes heard meanwhile would wait behind it. Whatever chokidar decides to watch, it still
 * stats itself, as before.
 */
import type { Dirent } from 'node:fs';
import { lstat, readdir, realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { FSWatcher, type ChokidarOptions } from 'chokidar';
import { isPathInside, withTrailingSeparator } from './safe-path';

type ListingOptions = NonNullable<Parameters<FSWatcher['_readdirp']>[1]>;
/** chokidar's type for a listing: `readdirp`'s stream, of which it uses what any `Readable` has. */
type ListingStream = NonNullable<ReturnType<FSWatcher['_readdirp']>>;

/** An entry as chokidar reads it from a listing; `stats` is the entry's `Dirent`. */
export interface ListedEntry {
  /** The name, relative to the folder listed (chokidar lists one folder at a time). */
  readonly path: string;
  readonly fullPath: string;
  readonly basename: string;
  readonly stats: Dirent;
}

/** Which filter chokidar asks about each kind of entry. */
export interface ListingFilters {
  readonly fileFilter?: (entry: ListedEntry) => boolean;
  readonly directoryFilter?: (entry: ListedEntry) => boolean;
}

/** Entries handled between two turns of the event loop. */
export const LISTING_SLICE = 500;

/** Errors after which a listing just ends, as `readdirp`'s do (it warns; chokidar does not listen). */
const ENDS_QUIETLY = new Set(['ENOENT', 'EPERM', 'EACCES', 'ELOOP']);

const acceptAll = () => true;

/**
 * What a link points at: `'directory'`, `'file'`, or `''` if it is broken, loops back to a
 * folder above it, or is anything else (as `readdirp` decides).
 */
async function linkTargetKind(fullPath: string): Promise<'directory' | 'file' | ''> {
  try {
    const target = await realpath(fullPath);
    const stats = await lstat(target);
    if (stats.isFile()) return 'file';
    if (!stats.isDirectory()) return '';
    return isPathInside(target, fullPath) ? '' : 'directory';
  } catch {
    return '';
  }
}

async function* listedEntries(
  folder: string,
  { fileFilter = acceptAll, directoryFilter = acceptAll }: ListingFilters,
): AsyncGenerator<ListedEntry> {
  const root = resolve(folder);
  let dirents: Dirent[];
  try {
    dirents = await readdir(root, { withFileTypes: true });
  } catch (error) {
    if (ENDS_QUIETLY.has((error as NodeJS.ErrnoException).code ?? '')) return;
    throw error;
  }
  const prefix = withTrailingSeparator(root);
  for (let index = 0; index < dirents.length; index += 1) {
    if (index > 0 && index % LISTING_SLICE === 0) await nextTurn();
    const dirent = dirents[index]!;
    const name = dirent.name;
    const entry: ListedEntry = {
      path: name,
      fullPath: prefix + name,
      basename: name,
      stats: dirent,
    };
    const kind = dirent.isSymbolicLink()
      ? await linkTargetKind(entry.fullPath)
      : dirent.isDirectory()
        ? 'directory'
        : dirent.isFile()
          ? 'file'
          : '';
    // `readdirp`'s rule, quirks kept: anything but a real folder that the folder filter did not
    // take (a link to a folder, a broken link, a socket) is offered to the file filter.
    if (kind === 'directory' && directoryFilter(entry)) yield entry;
    else if ((kind === 'file' || !dirent.isDirectory()) && fileFilter(entry)) yield entry;
  }
}

/**
 * The entries of `folder` that pass `filters`, as a stream in the shape chokidar reads from
 * `readdirp` at depth 0; the thread turns every {@link LISTING_SLICE} entries.
 *
 * @example
 * listFolder('/posts/_posts', { fileFilter: (entry) => entry.basename.endsWith('.md') })
 *   .on('data', (entry: ListedEntry) => console.log(entry.fullPath));
 */
export function listFolder(folder: string, filters: ListingFilters = {}): Readable {
  return Readable.from(listedEntries(folder, filters), { objectMode: true });
}

/**
 * An `FSWatcher` whose folder listings come from {@link listFolder}.
 *
 * With `ignorePermissionErrors` off, chokidar reads each listed entry's `mode`, which a `Dirent`
 * lacks: such a watcher lists folders as chokidar does.
 */
class DirentListingWatcher extends FSWatcher {
  override _readdirp(root: string, options?: Partial<ListingOptions>) {
    if (!this.options.ignorePermissionErrors) return super._readdirp(root, options);
    if (this.closed) return undefined;
    const stream = listFolder(root, options as ListingFilters) as unknown as ListingStream;
    // As chokidar's own `_readdirp` does, so that closing the watcher stops the listing.
    this._streams.add(stream);
    stream.once('close', () => this._streams.delete(stream));
    return stream;
  }
}

/**
 * Watches `folder` as chokidar's `watch(folder, options)` does, listing folders with
 * {@link listFolder}. The `ignored` function may be handed a `Dirent` where chokidar's types say
 * `Stats`: only its `isFile`, `isDirectory` and `isSymbolicLink` are to be read.
 *
 * @example
 * const watcher = watchFolder('/posts', { ignoreInitial: true, ignorePermissionErrors: true });
 * watcher.on('all', (event, path) => console.log(event, path));
 */
export function watchFolder(folder: string, options: Partial<ChokidarOptions>): FSWatcher {
  return new DirentListingWatcher(options).add(folder);
}
