import { createHash } from 'node:crypto';
import { cp, lstat, mkdtemp, readdir, readFile, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';

/** The sample the app ships with (the seed post and the fictional releases around it). */
export const SAMPLE_CORPUS = resolve('resources/posts');
/** Isomer-shaped folder of posts that try to run script, load remote content or escape markup. */
export const HOSTILE_CORPUS = resolve('e2e/fixtures/hostile');

export type CorpusName = 'sample' | 'hostile';

const CORPORA: Readonly<Record<CorpusName, string>> = {
  sample: SAMPLE_CORPUS,
  hostile: HOSTILE_CORPUS,
};

/** A fresh temp directory with the given prefix; the caller removes it with {@link removeDir}. */
export function makeTempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `accord-e2e-${prefix}-`));
}

/** Copies a corpus into a fresh temp folder so a test can never touch the checked-in files. */
export async function copyCorpus(name: CorpusName): Promise<string> {
  const parent = await makeTempDir(name);
  const folder = join(parent, 'posts');
  await cp(CORPORA[name], folder, { recursive: true, verbatimSymlinks: true });
  return folder;
}

/** Removes a temp folder made by this module (the parent of a copied corpus is removed too). */
export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true, maxRetries: 3 });
}

/**
 * Every file and folder under `dir` (dot-files, symlinks and empty folders included) mapped to the
 * sha256 of its path and content. Two equal snapshots mean the folder is byte-identical.
 */
export async function snapshotFolder(dir: string): Promise<Map<string, string>> {
  const snapshot = new Map<string, string>();
  for (const path of await listEntries(dir)) {
    const name = relative(dir, path).split(sep).join('/');
    const info = await lstat(path);
    const content = info.isSymbolicLink()
      ? Buffer.from(`symlink:${await readlink(path)}`)
      : info.isDirectory()
        ? Buffer.from('folder')
        : await readFile(path);
    snapshot.set(
      name,
      createHash('sha256').update(name).update('\0').update(content).digest('hex'),
    );
  }
  return snapshot;
}

/**
 * One sha256 over a snapshot (sorted paths), leaving out paths for which `ignore` returns true:
 * equal digests mean byte-identical folders, as far as the compared paths go.
 */
export function digestSnapshot(
  snapshot: ReadonlyMap<string, string>,
  ignore: (relativePath: string) => boolean = () => false,
): string {
  const hash = createHash('sha256');
  for (const name of [...snapshot.keys()].sort()) {
    if (!ignore(name)) hash.update(snapshot.get(name) ?? '');
  }
  return hash.digest('hex');
}

/**
 * How many posts a person would count in `dir`: Markdown and HTML files inside Jekyll `_posts`
 * folders. Derived from the files so the suite follows the corpus as it grows.
 */
export async function countPostFiles(dir: string): Promise<number> {
  const files = await listFiles(dir);
  return files.filter((path) => {
    const parts = relative(dir, path).split(sep);
    const name = parts.at(-1) ?? '';
    return (
      parts.includes('_posts') &&
      !parts.some((part) => part.startsWith('.')) &&
      /\.(md|markdown|html)$/i.test(name)
    );
  }).length;
}

async function listFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await listFiles(path)));
    else found.push(path);
  }
  return found.sort();
}

/** Every entry below `dir`, folders included (links are not followed). */
async function listEntries(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    found.push(path);
    if (entry.isDirectory()) found.push(...(await listEntries(path)));
  }
  return found.sort();
}
