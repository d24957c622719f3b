/**
 * The on-disk index cache of one folder: a small manifest (versions, the shard files, the file
 * list's file), one content-addressed file per search shard, and one content-addressed file list
 * (size, mtime and post summary of every file).
 *
 * The file list is a file of its own because it is large (≈ 8 MB for 10,000 posts): reading the
 * small manifest first lets the shard workers start loading their shards while the host is still
 * reading and parsing the file list, instead of after it.
 *
 * Crash safety: every file is written to a temporary name and renamed into place, shard and file
 * list files are named by their checksum, and the manifest (renamed last) records each one's
 * checksum (`cache-checksum.ts`).
 * A process killed mid-write leaves either the previous complete cache or a manifest whose files
 * fail verification; both are read as "no cache", never as a valid index.
 */
import { randomBytes } from 'node:crypto';
import {
  chmod,
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { join } from 'node:path';
import type { PostSummary } from '@shared/post';
import { CacheChecksum } from './cache-checksum';
import { yieldToEventLoop } from './yield-to-event-loop';
import type { SavedShard } from './shard-protocol';

/** Bump whenever the manifest or shard layout changes. */
export const CACHE_FORMAT_VERSION = 6;

/** Shard files are binary (see `search/shard-codec.ts`). */
export const SHARD_FILE_EXTENSION = '.shard';
const SHARD_FILE_NAME = /^shard-\d+-[0-9a-f]+\.shard$/;
/** Shard files of this format or of the earlier JSON one, to clean up when unreferenced. */
const ANY_SHARD_FILE_NAME = /^shard-\d+-[0-9a-f]+\.(?:shard|json)$/;
const FILE_LIST_NAME = /^files-[0-9a-f]+\.jsonl$/;
/** File lists of this format or of the earlier single-array one, to clean up when unreferenced. */
const ANY_FILE_LIST_NAME = /^files-[0-9a-f]+\.jsonl?$/;

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

/** What `manifest.json` holds: the key, the shard files, and where the file list is. */
interface StoredManifest extends CacheKey {
  readonly shards: readonly SavedShard[];
  readonly fileList: { readonly fileName: string; readonly checksum: string };
}

/**
 * A cache manifest whose shards can be loaded at once; its file list is read on demand, so the
 * caller can start the shard loads first.
 */
export interface OpenedCacheManifest {
  readonly shards: readonly SavedShard[];
  /** The file list, or `null` if it is missing, corrupt or not the one the manifest names. */
  readFiles(): Promise<readonly CachedFile[] | null>;
}

/**
 * A file list entry as written: a summary's `id` and `path` are written empty when both are the
 * file's own path, as they always are today. They were a third of the file list (≈ 2.6 of 8 MB at
 * 10,000 posts), and restored they share one string instead of holding three copies. Written
 * empty rather than left out, so the parsed summary already has every property in a worker
 * summary's order (one object shape for both) and is restored in place, not copied.
 */
function toStoredFile(file: CachedFile): CachedFile {
  const summary = file.summary;
  if (!summary || summary.id !== file.relativePath || summary.path !== file.relativePath) {
    return file;
  }
  return { ...file, summary: { ...summary, id: '', path: '' } };
}

/** The entry `toStoredFile` wrote, restored in place as a `CachedFile`; `null` if it is not one. */
function fromStoredFile(value: unknown): CachedFile | null {
  const file = value as CachedFile;
  if (
    typeof file !== 'object' ||
    file === null ||
    typeof file.relativePath !== 'string' ||
    typeof file.size !== 'number' ||
    typeof file.mtimeMs !== 'number'
  ) {
    return null;
  }
  const summary = file.summary as { -readonly [K in keyof PostSummary]: PostSummary[K] } | null;
  if (summary === null) return file;
  if (typeof summary !== 'object' || typeof summary.id !== 'string') return null;
  if (summary.id === '' && summary.path === '') {
    summary.id = file.relativePath;
    summary.path = file.relativePath;
  }
  return file;
}

const NEWLINE = 0x0a;

/**
 * Reads the file list at `path`, one line (a slice of files) per task, and checks it against
 * `checksum`; `null` if it cannot be read, is not that list, or is not a list.
 *
 * In one task, checksumming, decoding, parsing and restoring 10,000 entries blocked the host
 * thread for 150–200 ms of a warm open (the garbage collections that copy what was parsed
 * included). A line is ~0.3 MB of JSON: a few milliseconds.
 */
async function readFileList(path: string, checksum: string): Promise<CachedFile[] | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    return null;
  }
  const hash = new CacheChecksum();
  const restored: CachedFile[] = [];
  for (let start = 0; start < bytes.length;) {
    if (start > 0) await yieldToEventLoop();
    const newline = bytes.indexOf(NEWLINE, start);
    const end = newline < 0 ? bytes.length : newline + 1;
    const line = bytes.subarray(start, end);
    hash.update(line);
    start = end;
    let files: unknown;
    try {
      files = JSON.parse(line.toString('utf8'));
    } catch {
      return null;
    }
    if (!Array.isArray(files)) return null;
    for (const stored of files) {
      const file = fromStoredFile(stored);
      if (!file) return null;
      restored.push(file);
    }
  }
  // A file list from another write (a crash between renames, a copied folder) must never pass
  // for this one. Checked last, over the bytes already read: a list that fails it is dropped
  // whole, and nothing was used before.
  return hash.digest() === checksum ? restored : null;
}

function matchesKey(manifest: CacheKey, key: CacheKey): boolean {
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
 * (missing, truncated, corrupt, another version). Only the small manifest is read here: the file
 * list is read by `readFiles`. Shard files are verified later, when loaded.
 */
export async function openCacheManifest(
  directory: string,
  key: CacheKey,
): Promise<OpenedCacheManifest | null> {
  const manifest = await readJson<StoredManifest>(join(directory, MANIFEST_NAME));
  if (typeof manifest !== 'object' || manifest === null || !matchesKey(manifest, key)) return null;
  if (!Array.isArray(manifest.shards) || manifest.shards.length !== key.shardCount) return null;
  const shardsValid = manifest.shards.every(
    (shard) =>
      typeof shard?.fileName === 'string' &&
      SHARD_FILE_NAME.test(shard.fileName) &&
      typeof shard.checksum === 'string',
  );
  const fileList = manifest.fileList;
  if (
    !shardsValid ||
    typeof fileList?.fileName !== 'string' ||
    !FILE_LIST_NAME.test(fileList.fileName) ||
    typeof fileList.checksum !== 'string'
  )
    return null;
  return {
    shards: manifest.shards,
    readFiles: () => readFileList(join(directory, fileList.fileName), fileList.checksum),
  };
}

/** The whole manifest (see {@link openCacheManifest}), file list included. */
export async function readCacheManifest(
  directory: string,
  key: CacheKey,
): Promise<CacheManifest | null> {
  const opened = await openCacheManifest(directory, key);
  const files = opened && (await opened.readFiles());
  if (!opened || !files) return null;
  return { ...key, shards: opened.shards, files };
}

async function readJson<T>(path: string): Promise<T | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch {
    return null;
  }
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
 * Writes the file list, then the manifest naming it, each atomically; then removes shard and file
 * list files the manifest no longer references and temporary files abandoned by dead processes.
 */
export async function writeCacheManifest(
  directory: string,
  manifest: CacheManifest,
): Promise<void> {
  const { files, ...head } = manifest;
  const fileList = await writeFileList(directory, files);
  const stored: StoredManifest = { ...head, fileList };
  await writeAtomically(directory, MANIFEST_NAME, JSON.stringify(stored));

  const referenced = new Set([
    ...manifest.shards.map((shard) => shard.fileName),
    fileList.fileName,
  ]);
  const now = Date.now();
  for (const name of await readdir(directory).catch(() => [] as string[])) {
    const path = join(directory, name);
    if (
      (ANY_SHARD_FILE_NAME.test(name) || ANY_FILE_LIST_NAME.test(name)) &&
      !referenced.has(name)
    ) {
      await rm(path, { force: true });
    } else if (name.endsWith('.tmp')) {
      const info = await stat(path).catch(() => null);
      if (info && now - info.mtimeMs > STALE_TEMPORARY_MS) await rm(path, { force: true });
    }
  }
}

/** Files per line of the file list: ~0.3 MB of JSON, parsed in a few milliseconds. */
const FILE_LIST_SLICE = 500;

/**
 * Writes `files` as JSON lines, each an array of up to `FILE_LIST_SLICE` files in their stored
 * form (no line for no files), to a temporary file, a slice at a time, checksumming as it goes;
 * then renames it to its content-addressed name. A line at a time is also how it is read back
 * (`readFileList`).
 * In one piece, the JSON string and its bytes cost ~3× the file (≈ 25 MB at 10,000 posts, 250 MB
 * at 100,000) on the host thread, and stringifying it blocked the thread for as long.
 */
async function writeFileList(
  directory: string,
  files: readonly CachedFile[],
): Promise<{ fileName: string; checksum: string }> {
  const temporary = join(directory, `files.${randomBytes(6).toString('hex')}.tmp`);
  const hash = new CacheChecksum();
  try {
    const handle = await open(temporary, 'w');
    try {
      for (let start = 0; start < files.length; start += FILE_LIST_SLICE) {
        const slice = files.slice(start, start + FILE_LIST_SLICE).map(toStoredFile);
        const bytes = Buffer.from(`${JSON.stringify(slice)}\n`);
        hash.update(bytes);
        await handle.writeFile(bytes);
      }
    } finally {
      await handle.close();
    }
    const checksum = hash.digest();
    const fileName = `files-${checksum}.jsonl`;
    await rename(temporary, join(directory, fileName));
    return { fileName, checksum };
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

async function writeAtomically(
  directory: string,
  name: string,
  contents: string | Uint8Array,
): Promise<void> {
  const temporary = join(directory, `${name}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, contents);
    await rename(temporary, join(directory, name));
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
