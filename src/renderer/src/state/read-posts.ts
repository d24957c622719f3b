/**
 * Which posts a person has opened, per folder, in `localStorage`. The key includes the folder's
 * path so two folders with the same relative file names keep separate read states.
 */

/** The storage key for `folder`'s read set. */
export function readPostsKey(folder: string): string {
  return `accord-reader:read:${folder}`;
}

/** Ids of the posts already read in `folder`. */
export function loadReadPosts(storage: Storage | undefined, folder: string): Set<string> {
  try {
    const raw = storage?.getItem(readPostsKey(folder));
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return new Set(Array.isArray(parsed) ? parsed.filter((id) => typeof id === 'string') : []);
  } catch {
    return new Set();
  }
}

/** Saves `folder`'s read set; storage failures are ignored (read marks are a convenience). */
export function saveReadPosts(
  storage: Storage | undefined,
  folder: string,
  ids: ReadonlySet<string>,
): void {
  try {
    storage?.setItem(readPostsKey(folder), JSON.stringify([...ids]));
  } catch {
    // Quota or private mode: the marks last for this session only.
  }
}
