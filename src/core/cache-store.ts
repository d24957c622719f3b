/**
 * The on-disk index cache of one folder: a manifest (versions, file list with size and mtime,
 * post summaries) plus one content-addressed file per search shard.
 *
 * Crash safety: every file is written to a temporary name and renamed into place, shard files are
 * named by their hash and the manifest (renamed last) records each shard's SHA-256. A process
 * killed mid-write leaves either the previous complete cache or a manifest whose shards fail
 * verification; both are read as "no cache", never as a valid index.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PostSummary } from '@shared/post';
import type { SavedShard } from './shard-protocol';

/** Bump whenever the manifest or shard layout changes. */
export const CACHE_FORMAT_VERSION = 2;

/** Shard files are binary (see `search/shard-codec.ts`). */
export const SHARD_FILE_EXTENSION = '.shard';
const SHARD_FILE_NAME = /^shard-\d+-[0-9a-f]+\.shard$/;
/** Shard files of this format or of the earlier JSON one, to clean up when unreferenced. */
const ANY_SHARD_FILE_NAME = /^shard-\d+-[0-9a-f]+\.(?:shard|json)$/;

const MANIFEST_NAME = 'manifest.json';
/** Leftover temporary files older than this belong to a dead process. */
const STALE_TEMPORARY_MS = 60 * 60 * 1000;

/** One file of the folder as last indexed. */
export interface CachedFile {
  readonly relativePath: string;
  readonly size: number;
  readonly mtimeMs: number;
  /** The post, or `null` when the file was skipped (`skipped` says why). */
  readonly summary: PostSummary | null;
  readonly skipped?: string;
}

/** Everything that must match for a cache to be usable. */
export interface CacheKey {
  readonly formatVersion: number;
  readonly appVersion: string;
  /** Real path of the posts folder. */
  readonly folder: string;
  readonly shardCount: number;
  /** Fingerprint of inputs that change parse results without a version bump (aliases, build). */
  readonly inputs: string;
}

export interface CacheManifest extends CacheKey {
  readonly shards: readonly SavedShard[];
  readonly files: readonly CachedFile[];
}

function isCachedFile(value: unknown): value is CachedFile {
  const file = value as CachedFile;
  return (
    typeof file === 'object' &&
    file !== null &&
    typeof file.relativePath === 'string' &&
    typeof file.size === 'number' &&
    typeof file.mtimeMs === 'number' &&
    (file.summary === null ||
      (typeof file.summary === 'object' && typeof file.summary.id === 'string'))
  );
}

function matchesKey(manifest: CacheManifest, key: CacheKey): boolean {
  return (
    manifest.formatVersion === key.formatVersion &&
    manifest.appVersion === key.appVersion &&
    manifest.folder === key.folder &&
    manifest.shardCount === key.shardCount &&
    manifest.inputs === key.inputs
  );
}

/**
 * The manifest in `directory` if it is complete, well-formed and made for `key`; otherwise `null`
 * (missing, truncated, corrupt, another version). Shard files are verified later, when loaded.
 */
export async function readCacheManifest(
  directory: string,
  key: CacheKey,
): Promise<CacheManifest | null> {
  let text: string;
  try {
    text = await readFile(join(directory, MANIFEST_NAME), 'utf8');
  } catch {
    return null;
  }
  let manifest: CacheManifest;
  try {
    manifest = JSON.parse(text) as CacheManifest;
  } catch {
    return null;
  }
  if (typeof manifest !== 'object' || manifest === null || !matchesKey(manifest, key)) return null;
  if (!Array.isArray(manifest.shards) || manifest.shards.length !== key.shardCount) return null;
  const shardsValid = manifest.shards.every(
    (shard) =>
      typeof shard?.fileName === 'string' &&
      SHARD_FILE_NAME.test(shard.fileName) &&
      typeof shard.sha256 === 'string',
  );
  if (!shardsValid || !Array.isArray(manifest.files) || !manifest.files.every(isCachedFile))
    return null;
  return manifest;
}

/**
 * Creates the cache directory (the posts folder is never touched), readable by this user only:
 * the cache holds post titles and text, which other users of a shared laptop must not read.
 */
export async function prepareCacheDirectory(directory: string): Promise<void> {
  await mkdir(directory, { recursive: true, mode: 0o700 });
  await chmod(directory, 0o700);
}

/**
 * Writes the manifest atomically, then removes shard files it no longer references and temporary
 * files abandoned by dead processes.
 */
export async function writeCacheManifest(
  directory: string,
  manifest: CacheManifest,
): Promise<void> {
  const temporary = join(directory, `${MANIFEST_NAME}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, JSON.stringify(manifest));
    await rename(temporary, join(directory, MANIFEST_NAME));
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  const referenced = new Set(manifest.shards.map((shard) => shard.fileName));
  const now = Date.now();
  for (const name of await readdir(directory).catch(() => [] as string[])) {
    const path = join(directory, name);
    if (ANY_SHARD_FILE_NAME.test(name) && !referenced.has(name)) {
      await rm(path, { force: true });
    } else if (name.endsWith('.tmp')) {
      const info = await stat(path).catch(() => null);
      if (info && now - info.mtimeMs > STALE_TEMPORARY_MS) await rm(path, { force: true });
    }
  }
}
