/**
 * Finds the post files in a folder: a recursive walk that applies the rules in
 * `post-candidates.ts`, follows symbolic links only while they stay inside the folder, and reports
 * what it cannot read instead of failing.
 */
import { accessSync, constants as fsConstants, statSync, type Dirent } from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import { join, normalize } from 'node:path';
import type { SkippedFile } from './library-service';
import { hasPostExtension, isIgnoredFolderName, JEKYLL_POSTS_FOLDER } from './post-candidates';
import { isPathInside, withTrailingSeparator } from './safe-path';
import { SyncSlicePlanner } from './sync-slice-planner';
import { yieldToEventLoop } from './yield-to-event-loop';

/** A file that may be a post. */
export interface ScannedFile {
  /** Relative to the folder, forward slashes: the post id. */
  readonly relativePath: string;
  readonly absolutePath: string;
  readonly size: number;
  readonly mtimeMs: number;
}

export interface ScanResult {
  readonly files: ScannedFile[];
  readonly skipped: SkippedFile[];
  /** The folder contains `_posts` folders, so only files inside them were kept. */
  readonly jekyllSite: boolean;
  /** Every folder walked below the root (relative, forward slashes), links followed included. */
  readonly folders: string[];
}

/** The file-system calls the scanner makes; tests replace them to simulate unreadable entries. */
export interface ScannerFileSystem {
  readdir(path: string, options: { withFileTypes: true }): Promise<Dirent[]>;
  stat(
    path: string,
  ): Promise<{ size: number; mtimeMs: number; isFile(): boolean; isDirectory(): boolean }>;
  realpath(path: string): Promise<string>;
  access(path: string, mode: number): Promise<void>;
  /**
   * Optional blocking twins of `stat` + `access` for files. Local disks answer in microseconds,
   * and 10,000 files cost ~50 ms this way against ~250 ms of host-thread CPU for the promise
   * versions (a thread-pool round trip per call), so the scanner uses them in small slices while
   * they stay fast (see `sync-slice-planner.ts`).
   */
  statReadableSync?(path: string): { size: number; mtimeMs: number };
  /** Optional `stat` + `access` of a file in one, for when blocking calls are too slow. */
  statReadable?(path: string): Promise<{ size: number; mtimeMs: number }>;
}

/**
 * What {@link scanFolder} puts before a file's relative path (its slashes turned into the
 * platform's separator) to make its `absolutePath`: the folder, normalised, ending in a separator.
 */
export function scanPathPrefix(folder: string): string {
  return withTrailingSeparator(normalize(folder));
}

/** The effective user id, where there is one (not on Windows). */
const effectiveUserId = process.geteuid?.();

/**
 * Whether a file's own `stat` already proves this process may read it: it owns the file and the
 * owner may read. The owner's permission bits are final (POSIX ACLs never override them), so no
 * `access` call is needed; in every other case one is. Asking only when in doubt halves the
 * system calls of a scan: on the benchmark machine `access` cost as much as `stat`, ~20 µs each.
 * Should a file still fail to open, its worker reports it as unreadable when it reads it.
 *
 * @example
 * ownerMayRead({ uid: 501, mode: 0o100644 }, 501); // true
 * ownerMayRead({ uid: 0, mode: 0o100644 }, 501); // false: ask the system
 */
export function ownerMayRead(
  info: { readonly uid: number; readonly mode: number },
  userId: number | undefined,
): boolean {
  return userId !== undefined && info.uid === userId && (info.mode & 0o400) !== 0;
}

const nodeFileSystem: ScannerFileSystem = {
  readdir: (path, options) => fsPromises.readdir(path, options),
  stat: (path) => fsPromises.stat(path),
  realpath: (path) => fsPromises.realpath(path),
  access: (path, mode) => fsPromises.access(path, mode),
  statReadableSync(path) {
    const info = statSync(path);
    if (!ownerMayRead(info, effectiveUserId)) accessSync(path, fsConstants.R_OK);
    return info;
  },
  async statReadable(path) {
    const info = await fsPromises.stat(path);
    if (!ownerMayRead(info, effectiveUserId)) await fsPromises.access(path, fsConstants.R_OK);
    return info;
  },
};

/** Entries of one folder handled per task while walking. */
const WALK_SLICE = 1000;

/** How many `stat` calls run at once: enough to hide latency, few enough to spare descriptors. */
const STAT_CONCURRENCY = 64;

/** One line explaining a file-system error, for `accord check`. */
export function describeFileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'no longer exists';
    case 'ELOOP':
      return 'symbolic link loop';
    case 'EISDIR':
      return 'is a folder';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Walks `folder` and returns every candidate post file with its size and modification time.
 *
 * @throws the file-system error when `folder` itself is missing or not a folder (the caller turns
 *   that into a `missing`/`error` status); everything below the root is reported in `skipped`.
 */
export async function scanFolder(
  folder: string,
  fileSystem: ScannerFileSystem = nodeFileSystem,
): Promise<ScanResult> {
  const rootStat = await fileSystem.stat(folder);
  if (!rootStat.isDirectory()) {
    throw Object.assign(new Error(`scanner: not a folder: ${folder}`), { code: 'ENOTDIR' });
  }
  folder = normalize(folder);
  const rootReal = await fileSystem.realpath(folder);
  const skipped: SkippedFile[] = [];
  /** Files with a post extension, and whether a `_posts` folder holds them. */
  const pending: { relativePath: string; absolutePath: string; inPosts: boolean }[] = [];
  const folders: string[] = [];
  // Real paths of every folder entered, so a link back to an ancestor cannot loop.
  const visited = new Set<string>([rootReal]);
  let jekyllSite = false;

  const walk = async (
    absoluteDir: string,
    realDir: string,
    relativeDir: string,
    inPosts: boolean,
  ): Promise<void> => {
    if (relativeDir) folders.push(relativeDir);
    let entries: Dirent[];
    try {
      entries = await fileSystem.readdir(absoluteDir, { withFileTypes: true });
    } catch (error) {
      // A folder removed mid-walk is simply gone; anything else is worth reporting.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        skipped.push({
          path: relativeDir || '.',
          reason: `cannot read folder: ${describeFileError(error)}`,
        });
      }
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // `join` normalises the whole path again for every entry: in a `_posts` folder of 10,000
    // files that alone kept the thread busy for tens of milliseconds.
    const prefix = withTrailingSeparator(absoluteDir);
    for (let index = 0; index < entries.length; index += 1) {
      // A huge folder is read in slices, so queries and worker messages are not kept waiting.
      if (index > 0 && index % WALK_SLICE === 0) await yieldToEventLoop();
      const entry = entries[index]!;
      const name = entry.name;
      const relativePath = relativeDir ? `${relativeDir}/${name}` : name;
      const absolutePath = prefix + name;
      if (entry.isDirectory()) {
        if (isIgnoredFolderName(name)) continue;
        if (name === JEKYLL_POSTS_FOLDER) jekyllSite = true;
        const realPath = join(realDir, name);
        visited.add(realPath);
        await walk(absolutePath, realPath, relativePath, inPosts || name === JEKYLL_POSTS_FOLDER);
      } else if (entry.isSymbolicLink()) {
        if (name.startsWith('.')) continue;
        await followLink(absolutePath, relativePath, name, inPosts);
      } else if (entry.isFile() && hasPostExtension(name)) {
        pending.push({ relativePath, absolutePath, inPosts });
      }
    }
  };

  const followLink = async (
    absolutePath: string,
    relativePath: string,
    name: string,
    inPosts: boolean,
  ) => {
    let target: string;
    let targetStat: Awaited<ReturnType<ScannerFileSystem['stat']>>;
    try {
      target = await fileSystem.realpath(absolutePath);
      targetStat = await fileSystem.stat(target);
    } catch (error) {
      if (hasPostExtension(name)) {
        skipped.push({
          path: relativePath,
          reason: `broken symbolic link: ${describeFileError(error)}`,
        });
      }
      return;
    }
    if (targetStat.isDirectory()) {
      if (isIgnoredFolderName(name)) return;
      if (!isPathInside(rootReal, target)) {
        skipped.push({ path: relativePath, reason: 'symbolic link points outside the folder' });
      } else if (visited.has(target)) {
        skipped.push({ path: relativePath, reason: 'symbolic link loop (folder already read)' });
      } else {
        if (name === JEKYLL_POSTS_FOLDER) jekyllSite = true;
        visited.add(target);
        await walk(absolutePath, target, relativePath, inPosts || name === JEKYLL_POSTS_FOLDER);
      }
    } else if (targetStat.isFile() && hasPostExtension(name)) {
      if (isPathInside(rootReal, target)) pending.push({ relativePath, absolutePath, inPosts });
      else skipped.push({ path: relativePath, reason: 'symbolic link points outside the folder' });
    }
  };

  await walk(folder, rootReal, '', false);

  // The rule of `isPostCandidate`, which the walk has applied but for this: in a Jekyll site,
  // only files inside a `_posts` folder are posts.
  const candidates = jekyllSite ? pending.filter((file) => file.inPosts) : pending;
  const files: ScannedFile[] = [];
  const record = (
    file: { relativePath: string; absolutePath: string },
    result: { stat: { size: number; mtimeMs: number } } | { error: unknown },
  ) => {
    if ('stat' in result) {
      files.push({
        relativePath: file.relativePath,
        absolutePath: file.absolutePath,
        size: result.stat.size,
        mtimeMs: result.stat.mtimeMs,
      });
    } else if ((result.error as NodeJS.ErrnoException).code !== 'ENOENT') {
      skipped.push({
        path: file.relativePath,
        reason: `cannot read file: ${describeFileError(result.error)}`,
      });
    }
  };
  let start = 0;
  const statSyncSlice = fileSystem.statReadableSync?.bind(fileSystem);
  if (statSyncSlice) {
    const planner = new SyncSlicePlanner();
    while (start < candidates.length) {
      const began = performance.now();
      const sliceStart = start;
      const end = Math.min(candidates.length, start + planner.size);
      for (; start < end; start += 1) {
        const file = candidates[start]!;
        try {
          record(file, { stat: statSyncSlice(file.absolutePath) });
        } catch (error) {
          record(file, { error });
        }
      }
      // Slow storage (a network drive): the rest of the scan goes back to asynchronous calls, so
      // the host thread is never held up by it.
      if (!planner.record(start - sliceStart, performance.now() - began)) break;
      // Let queries, status and worker messages through between slices.
      await yieldToEventLoop();
    }
  }
  const statReadable =
    fileSystem.statReadable?.bind(fileSystem) ??
    (async (path: string) => {
      const stat = await fileSystem.stat(path);
      await fileSystem.access(path, fsConstants.R_OK);
      return stat;
    });
  for (; start < candidates.length; start += STAT_CONCURRENCY) {
    const batch = candidates.slice(start, start + STAT_CONCURRENCY);
    const stats = await Promise.all(
      batch.map(async (file) => {
        try {
          return { stat: await statReadable(file.absolutePath) };
        } catch (error) {
          return { error };
        }
      }),
    );
    batch.forEach((file, index) => record(file, stats[index]!));
  }
  return { files, skipped, jekyllSite, folders };
}
