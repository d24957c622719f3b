/**
 * Which paths inside a posts folder can hold a post. Shared by the scanner (full walk) and the
 * watcher (single changed paths), so both always agree on the rules.
 */

/** File extensions read as posts, lower-cased. */
export const POST_EXTENSIONS: readonly string[] = ['.md', '.markdown', '.html'];

/** Folder names never entered: build output, dependencies and version control. */
const IGNORED_FOLDER_NAMES: ReadonlySet<string> = new Set(['node_modules', '_site', '.git']);

/** The Jekyll folder that holds posts. When a site has one, only files inside such folders count. */
export const JEKYLL_POSTS_FOLDER = '_posts';

/** A folder the scanner and the watcher never look inside (dot-folders included). */
export function isIgnoredFolderName(name: string): boolean {
  return name.startsWith('.') || IGNORED_FOLDER_NAMES.has(name);
}

/** True when a file name has a post extension and is not a dot-file. */
export function hasPostExtension(name: string): boolean {
  if (name.startsWith('.')) return false;
  const lower = name.toLowerCase();
  return POST_EXTENSIONS.some((extension) => lower.endsWith(extension));
}

/**
 * True when `relativePath` (forward slashes, relative to the folder) may be a post.
 *
 * @param jekyllSite whether the folder contains any `_posts` folder; then only files inside one count.
 */
export function isPostCandidate(relativePath: string, jekyllSite: boolean): boolean {
  const segments = relativePath.split('/');
  const fileName = segments.pop();
  if (!fileName || !hasPostExtension(fileName)) return false;
  return holdsPosts(segments, jekyllSite);
}

/**
 * True when files directly inside `relativeFolder` (forward slashes; `''` is the folder itself)
 * may be posts: the rule {@link isPostCandidate} applies to a file's folders.
 */
export function isPostFolder(relativeFolder: string, jekyllSite: boolean): boolean {
  return holdsPosts(relativeFolder === '' ? [] : relativeFolder.split('/'), jekyllSite);
}

function holdsPosts(folderSegments: readonly string[], jekyllSite: boolean): boolean {
  if (folderSegments.some((segment) => segment === '' || isIgnoredFolderName(segment))) {
    return false;
  }
  return !jekyllSite || folderSegments.includes(JEKYLL_POSTS_FOLDER);
}
